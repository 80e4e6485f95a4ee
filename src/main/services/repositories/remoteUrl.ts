import { join } from 'node:path';
import { RpcError } from '../../../shared/contract';
import type { StoredSessionRepository } from '../../storage/sessionRepositoriesTable';
import { gitConfigValues } from '../git/gitConfigText';
import { readText } from '../git/repoWarnings';

/**
 * Where a session's branch is pushed: the clone URL for a URL repository, the clone's `origin`
 * for a local one (read from its config by hand: the machine may have no git CLI).
 */
export function remoteUrlOf(repo: StoredSessionRepository): string {
  if (repo.source.kind === 'url') return repo.source.url;
  const config = repo.hostGitdir ? (readText(join(repo.hostGitdir, 'config')) ?? '') : '';
  const url = originUrl(config);
  if (!url) {
    throw new RpcError(
      'invalid_input',
      `${repo.source.path} has no remote named origin to push to. Add one (git remote add origin URL) and try again.`,
    );
  }
  if (!/^https?:\/\//i.test(url)) {
    throw new RpcError(
      'invalid_input',
      `The origin of ${repo.source.path} is ${url}; Berth pushes over HTTPS only. Set an https:// URL for origin.`,
    );
  }
  return url;
}

/** `remote.origin.url` from a git config file's text. */
export function originUrl(config: string): string | undefined {
  return gitConfigValues(config).get('remote.origin.url') || undefined;
}
