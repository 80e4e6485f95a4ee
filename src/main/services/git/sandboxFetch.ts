import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { RpcError } from '../../../shared/contract';
import { runInSandbox } from '../sandboxes/runInSandbox';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { flushPkt, pktLine, readPktLines } from './pktLine';

const zeroOid = /^0{40}$/;

/** Runs `git upload-pack --stateless-rpc` in the sandbox: git's own fetch protocol, over exec. */
async function uploadPack(
  runtime: SandboxRuntime,
  containerId: string,
  repoDir: string,
  body?: Buffer,
): Promise<Buffer> {
  const cmd = ['git', 'upload-pack', '--stateless-rpc'];
  if (!body) cmd.push('--advertise-refs');
  cmd.push(repoDir);
  const result = await runInSandbox(runtime, containerId, {
    cmd,
    ...(body ? { stdin: body } : {}),
    timeoutMs: 600_000,
  });
  if (result.code !== 0) {
    throw new RpcError(
      'internal',
      `git upload-pack failed in the sandbox (exit ${result.code ?? 'unknown'}): ${result.stderr.trim() || 'no message'}`,
    );
  }
  return result.stdout;
}

/** The sandbox repository's refs, as `git upload-pack` advertises them. */
export async function sandboxRefs(
  runtime: SandboxRuntime,
  containerId: string,
  repoDir: string,
): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  for (const line of readPktLines(await uploadPack(runtime, containerId, repoDir))) {
    if (!line) continue;
    const text = line.toString('utf8').split('\0')[0]!.trim();
    const [oid, ref] = text.split(' ');
    if (oid && ref && !zeroOid.test(oid)) refs.set(ref, oid);
  }
  return refs;
}

export interface FetchedPack {
  objects: number;
  bytes: number;
}

/**
 * Fetches `want` and everything it needs that the host repository lacks from the sandbox into
 * the host's object store, as one pack: `haves` (commits both sides have, e.g. the base) keep
 * it to the new objects. The pack is indexed with isomorphic-git; no git CLI on the host.
 */
export async function fetchFromSandbox(
  runtime: SandboxRuntime,
  containerId: string,
  repoDir: string,
  gitdir: string,
  want: string,
  haves: string[],
): Promise<FetchedPack> {
  const request = [pktLine(`want ${want} side-band-64k ofs-delta agent=berth\n`), flushPkt];
  for (const have of new Set(haves)) request.push(pktLine(`have ${have}\n`));
  request.push(pktLine('done\n'));
  const response = await uploadPack(runtime, containerId, repoDir, Buffer.concat(request));

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
