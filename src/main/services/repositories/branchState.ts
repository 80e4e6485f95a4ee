import type { BranchState } from '../../../shared/contract';
import type { StoredSessionRepository } from '../../storage/sessionRepositoriesTable';

/** The branch-state script's arguments: directory name and base branch ('-' for none), paired. */
export function branchStateArgs(repos: StoredSessionRepository[]): string[] {
  return repos.flatMap((r) => [r.name, r.baseBranch ?? '-']);
}

/** Parses one snapshot of the branch-state script (the lines before a `--`). */
export function parseBranchState(lines: string[]): BranchState[] {
  return lines
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [repository = '', branch = '', head = '', ahead, behind, changed, key = '', error] =
        line.split('\t');
      const state: BranchState = {
        repository,
        branch,
        head: head === '' ? null : head,
        ahead: Number(ahead) || 0,
        behind: Number(behind) || 0,
        changedFiles: Number(changed) || 0,
        changesKey: key,
      };
      if (error) state.error = error;
      return state;
    });
}

/** Splits a growing output into complete snapshots; returns them and the unfinished rest. */
export function takeSnapshots(buffer: string): { snapshots: string[][]; rest: string } {
  const snapshots: string[][] = [];
  let current: string[] = [];
  const lines = buffer.split('\n');
  const rest = lines.pop() ?? '';
  let consumed: string[] = [];
  for (const line of lines) {
    consumed.push(line);
    if (line === '--') {
      snapshots.push(current);
      current = [];
      consumed = [];
    } else {
      current.push(line);
    }
  }
  const pending = consumed.length > 0 ? `${consumed.join('\n')}\n` : '';
  return { snapshots, rest: pending + rest };
}
