import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { RpcError } from '../../../shared/contract';
import type { HostCredentials } from '../settings/settingsService';
import { http, onAuthFor, remoteError } from './remoteAccess';

export interface MirrorProgress {
  phase: string;
  loaded: number;
  total?: number;
}

/** Where Berth keeps its mirror of a clone URL: one bare repository per URL. */
export function mirrorDir(dataDir: string, url: string): string {
  const name = createHash('sha256').update(url).digest('hex').slice(0, 16);
  return join(dataDir, 'mirrors', `${name}.git`);
}

/**
 * Makes or refreshes the mirror of a URL repository: every branch and tag of the remote, under
 * `refs/remotes/origin/*`. Session branches brought home land in its `refs/heads/*`.
 */
export async function updateMirror(
  dataDir: string,
  url: string,
  credentials: HostCredentials,
  onProgress: (progress: MirrorProgress) => void,
  branch?: string,
): Promise<string> {
  const gitdir = mirrorDir(dataDir, url);
  if (!fs.existsSync(join(gitdir, 'HEAD'))) {
    fs.mkdirSync(gitdir, { recursive: true });
    await git.init({ fs, gitdir, bare: true, defaultBranch: 'main' });
  }
  // The URL (never a credential) and the refspec a fetch of every branch needs.
  await git.addRemote({ fs, gitdir, remote: 'origin', url, force: true });
  try {
    await git.fetch({
      fs,
      http,
      gitdir,
      url,
      singleBranch: false,
      // Named, so a remote whose HEAD points at a branch that does not exist still fetches.
      ...(branch ? { ref: branch } : {}),
      tags: true,
      prune: true,
      onAuth: onAuthFor(credentials),
      onProgress: (p) =>
        onProgress({ phase: p.phase, loaded: p.loaded, ...(p.total ? { total: p.total } : {}) }),
    });
  } catch (error) {
    if ((error as { code?: string; data?: { what?: string } }).data?.what === 'HEAD') {
      // isomorphic-git needs the remote's HEAD to name an existing branch.
      throw new RpcError(
        'unavailable',
        `${url} has a default branch (HEAD) that does not exist; set its default branch to an existing one on the server.`,
      );
    }
    throw remoteError(error, url, credentials);
  }
  return gitdir;
}

/** The commit of a remote branch in the mirror, or null. */
export async function mirrorBranch(gitdir: string, branch: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, gitdir, ref: `refs/remotes/origin/${branch}` });
  } catch {
    return null;
  }
}
