import type { ChangeList, ChangeStatus, ChangedFile } from '../../../shared/contract';
import { readSections } from './sections';

/** The list keeps this many files; a larger change is reported as truncated. */
export const maxListedFiles = 5_000;

const statusOf: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'added',
  T: 'typechange',
  U: 'modified',
};

interface RawEntry {
  status: ChangeStatus;
  path: string;
  oldPath?: string;
}

/**
 * Parses `git diff --raw --numstat -z -M`: raw records (`:modes shas status\0path\0[path\0]`)
 * come first, then numstat records (`added\tdeleted\tpath\0`, or `added\tdeleted\t\0old\0new\0`
 * for a rename). Paths are read by position, so any byte but NUL may be in them.
 */
export function parseRawNumstat(text: string): ChangedFile[] {
  const tokens = text.split('\0');
  if (tokens.at(-1) === '') tokens.pop();
  const raw: RawEntry[] = [];
  let i = 0;
  while (i < tokens.length && tokens[i]!.startsWith(':')) {
    const meta = tokens[i]!.split(' ');
    const letter = (meta[4] ?? 'M').charAt(0);
    const status = statusOf[letter] ?? 'modified';
    if (letter === 'R' || letter === 'C') {
      raw.push({ status, oldPath: tokens[i + 1]!, path: tokens[i + 2]! });
      i += 3;
    } else {
      raw.push({ status, path: tokens[i + 1]! });
      i += 2;
    }
  }
  const counts = new Map<string, { additions: number | null; deletions: number | null }>();
  while (i < tokens.length) {
    // Only the first two tabs separate: a path may hold tabs itself.
    const record = tokens[i]!;
    const first = record.indexOf('\t');
    const second = record.indexOf('\t', first + 1);
    const added = record.slice(0, first);
    const deleted = record.slice(first + 1, second);
    const path = record.slice(second + 1);
    const numbers = {
      additions: added === '-' ? null : Number(added),
      deletions: deleted === '-' ? null : Number(deleted),
    };
    if (path === '') {
      counts.set(tokens[i + 2] ?? '', numbers);
      i += 3;
    } else {
      counts.set(path, numbers);
      i += 1;
    }
  }
  return raw.map((entry) => {
    const numbers = counts.get(entry.path) ?? { additions: null, deletions: null };
    const file: ChangedFile = {
      path: entry.path,
      status: entry.status,
      ...numbers,
      untracked: false,
    };
    if (entry.oldPath !== undefined) file.oldPath = entry.oldPath;
    return file;
  });
}

/** Reads the changes script's output into the list the panel shows. */
export function parseChangeList(
  out: Buffer,
  repository: string,
  baseBranch: string | null,
): ChangeList {
  const sections = new Map(readSections(out).map((s) => [s.header, s.body]));
  const head = sections.get('head')?.toString('utf8').trim() ?? '';
  const base = sections.get('base')?.toString('utf8').trim() ?? '';
  const untracked = new Set(
    (sections.get('untracked')?.toString('utf8') ?? '').split('\0').filter((p) => p !== ''),
  );
  const all = parseRawNumstat(sections.get('diff')?.toString('utf8') ?? '');
  for (const file of all) file.untracked = untracked.has(file.path);
  const totals = { files: all.length, additions: 0, deletions: 0 };
  for (const file of all) {
    totals.additions += file.additions ?? 0;
    totals.deletions += file.deletions ?? 0;
  }
  const list: ChangeList = {
    repository,
    baseBranch,
    mergeBase: base === '' ? null : base,
    head: head === '' ? null : head,
    files: all.slice(0, maxListedFiles),
    totals,
  };
  if (all.length > maxListedFiles) list.truncated = true;
  return list;
}
