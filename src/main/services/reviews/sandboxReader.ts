import type { ChangeList, CommentSide, FileSide } from '../../../shared/contract';
import { changesScript, fileSidesScript } from '../git/reviewScripts';
import { RpcError } from '../../../shared/contract';
import { runInSandbox, type RunOptions } from '../sandboxes/runInSandbox';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { parseChangeList } from './changeList';
import { parseFileSides, sideByteLimit } from './fileSides';

/** Where a repository is: the running sandbox, its directory and the branch it started from. */
export interface RepositoryPlace {
  containerId: string;
  repository: string;
  baseBranch: string | null;
}

/** One side of one file to read. */
export interface SideRequest {
  side: CommentSide;
  path: string;
}

// A diff of thousands of files, or a few 4 MiB sides, takes seconds on a slow engine.
const timeoutMs = 60_000;

/** Reads a repository's changes and files with real git in its sandbox: one exec per call. */
export class SandboxReader {
  constructor(private readonly runtime: SandboxRuntime) {}

  async changes(place: RepositoryPlace): Promise<ChangeList> {
    const out = await this.run(
      place.containerId,
      ['sh', '-c', changesScript, 'berth-changes', place.repository, place.baseBranch ?? ''],
      'Reading the changes',
    );
    return parseChangeList(out, place.repository, place.baseBranch);
  }

  async sides(
    place: RepositoryPlace,
    requests: readonly SideRequest[],
  ): Promise<{ head: string | null; mergeBase: string | null; sides: FileSide[] }> {
    const out = await this.run(
      place.containerId,
      [
        'sh',
        '-c',
        fileSidesScript,
        'berth-file-sides',
        place.repository,
        place.baseBranch ?? '',
        String(sideByteLimit),
        ...requests.flatMap((r) => [r.side, r.path]),
      ],
      'Reading the files',
    );
    const read = parseFileSides(out);
    if (read.sides.length !== requests.length) {
      throw new Error(`the sandbox answered ${read.sides.length} of ${requests.length} files`);
    }
    return read;
  }

  /** Runs a script to completion; its stdout as bytes, or an error naming what failed. */
  private async run(containerId: string, cmd: RunOptions['cmd'], doing: string): Promise<Buffer> {
    const result = await runInSandbox(this.runtime, containerId, { cmd, timeoutMs });
    if (result.code !== 0) {
      const detail = result.stderr.trim().slice(-2000);
      throw new RpcError(
        'internal',
        `${doing} failed in the sandbox (exit ${result.code ?? 'unknown'})${detail ? `: ${detail}` : '.'}`,
      );
    }
    return result.stdout;
  }
}
