import * as fs from 'node:fs';
import { setImmediate as tick } from 'node:timers/promises';
import git from 'isomorphic-git';
import { RpcError } from '../../../shared/contract';
import type { HostCredentials } from '../settings/settingsService';
import { http, onAuthFor, remoteError } from './remoteAccess';

/**
 * Pushes a local branch of a host repository to the remote, from the host, with the user's
 * token given through onAuth. A rejection carries the remote's own words (`remote: …` lines and
 * the ref's `ng` reason).
 */
export async function pushBranch(
  gitdir: string,
  url: string,
  branch: string,
  credentials: HostCredentials,
): Promise<void> {
  const messages: string[] = [];
  try {
    await git.push({
      fs,
      http,
      gitdir,
      url,
      ref: `refs/heads/${branch}`,
      remoteRef: `refs/heads/${branch}`,
      onAuth: onAuthFor(credentials),
      onMessage: (line) => {
        if (line.trim() !== '') messages.push(line.trim());
      },
    });
  } catch (error) {
    await tick();
    const said =
      messages.length > 0
        ? ` The remote said: ${messages.map((m) => `remote: ${m}`).join(' ')}`
        : '';
    const e = error as { code?: string; data?: { reason?: string; prettyDetails?: string } };
    if (e.code === 'PushRejectedError' && e.data?.reason === 'not-fast-forward') {
      throw new RpcError(
        'conflict',
        `The remote refused the push: ${branch} there has commits the session branch does not have (not a fast-forward).${said}`,
      );
    }
    if (e.code === 'GitPushError') {
      throw new RpcError(
        'conflict',
        `The remote refused the push of ${branch}: ${(e.data?.prettyDetails ?? '').replace(/\s+/g, ' ').trim()}.${said}`,
      );
    }
    throw remoteError(error, url, credentials);
  }
}
