import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { RpcError } from '../../../shared/contract';
import { runInSandbox } from '../sandboxes/runInSandbox';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { readPktLines } from './pktLine';

/**
 * One exec does the whole fetch inside the sandbox: resolve the branch, and unless the host has
 * that commit already, ask `git upload-pack --stateless-rpc` for it with the host's haves.
 * Prints the branch's commit on the first line, then upload-pack's answer. (Resolving first in
 * a separate exec cost a second Docker round trip, ~50 ms.) $1 repository, $2 branch, $3 the
 * commit the host has for it (or ''), then the haves.
 */
const fetchScript = `
cd "$1" || exit 4
want=$(git rev-parse -q --verify "refs/heads/$2^{commit}") || exit 3
known="$3"
shift 3
printf '%s\\n' "$want"
[ "$want" = "$known" ] && exit 0
pkt() { printf '%04x%s' $((\${#1} + 4)) "$1"; }
{
  pkt "want $want side-band-64k ofs-delta agent=berth
"
  printf 0000
  for have in "$@"; do pkt "have $have
"; done
  pkt "done
"
} | git upload-pack --stateless-rpc .
`;

export interface FetchedPack {
  objects: number;
  bytes: number;
}

/**
 * Fetches a branch of a sandbox repository into the host's object store, as one pack: `haves`
 * (commits both sides have, e.g. the base) keep it to the new objects. The pack is indexed with
 * isomorphic-git; no git CLI on the host. Returns the branch's commit and what travelled.
 */
export async function fetchFromSandbox(
  runtime: SandboxRuntime,
  containerId: string,
  repoDir: string,
  branch: string,
  gitdir: string,
  known: string | null,
  haves: string[],
): Promise<FetchedPack & { commit: string }> {
  const result = await runInSandbox(runtime, containerId, {
    cmd: ['sh', '-c', fetchScript, 'berth-fetch', repoDir, branch, known ?? '', ...new Set(haves)],
    timeoutMs: 600_000,
  });
  if (result.code === 3) {
    throw new RpcError(
      'not_found',
      `The sandbox has no branch ${branch} in ${repoDir} (no commit on it yet?).`,
    );
  }
  if (result.code !== 0) {
    throw new RpcError(
      'internal',
      `Fetching ${branch} from the sandbox failed (exit ${result.code ?? 'unknown'}): ${result.stderr.trim() || 'no message'}`,
    );
  }
  const newline = result.stdout.indexOf(10);
  const commit = result.stdout.subarray(0, newline).toString('ascii');
  if (!/^[0-9a-f]{40}$/.test(commit))
    throw new RpcError('internal', 'The sandbox named no commit for the branch.');
  if (commit === known) return { commit, objects: 0, bytes: 0 };
  return { commit, ...(await storePack(result.stdout.subarray(newline + 1), gitdir)) };
}

/** Takes the pack out of upload-pack's side-band answer and stores it, indexed, in `gitdir`. */
async function storePack(response: Buffer, gitdir: string): Promise<FetchedPack> {
  const packParts: Buffer[] = [];
  for (const line of readPktLines(response)) {
    if (!line || line.length === 0) continue;
    const text = line.subarray(0, 4).toString('latin1');
    if (text === 'NAK\n' || text.startsWith('ACK ') || text === 'NAK') continue;
    const band = line[0];
    if (band === 1) packParts.push(line.subarray(1));
    else if (band === 3) {
      throw new RpcError(
        'internal',
        `git upload-pack in the sandbox: ${line.subarray(1).toString('utf8').trim()}`,
      );
    }
  }
  const pack = Buffer.concat(packParts);
  if (pack.length < 32 || pack.subarray(0, 4).toString('latin1') !== 'PACK') {
    throw new RpcError('internal', 'The sandbox sent no pack for the session branch.');
  }
  const objects = pack.readUInt32BE(8);
  if (objects === 0) return { objects: 0, bytes: 0 };
  const name = `pack-${createHash('sha1').update(pack).digest('hex')}`;
  const packDir = join(gitdir, 'objects', 'pack');
  fs.mkdirSync(packDir, { recursive: true });
  // git ignores a .pack until its .idx exists, so a crash here leaves nothing half-visible.
  fs.writeFileSync(join(packDir, `${name}.pack`), pack);
  await git.indexPack({ fs, dir: gitdir, gitdir, filepath: `objects/pack/${name}.pack` });
  return { objects, bytes: pack.length };
}
