import git, { type AuthCallback } from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { RpcError } from '../../../shared/contract';
import type { HostCredentials } from '../settings/settingsService';

export { http };

/**
 * isomorphic-git's auth callback for one remote: the user's token, given only when the remote
 * asks (a 401), never put in the URL or in any config file.
 */
export function onAuthFor(credentials: HostCredentials): AuthCallback {
  return () =>
    credentials.token === undefined
      ? undefined
      : { username: credentials.username, password: credentials.token };
}

/** A git or network failure talking to a remote, in words that say what to do. */
export function remoteError(
  error: unknown,
  url: string,
  credentials: HostCredentials,
  field?: string,
): RpcError {
  if (error instanceof RpcError) return error;
  const data = field ? { field } : undefined;
  const e = error as {
    code?: string;
    data?: { statusCode?: number; statusMessage?: string };
    message?: string;
  };
  const settingsHint = `Settings → Git hosts → ${credentials.host}`;
  if (e.code === 'HttpError' && e.data?.statusCode === 401) {
    return credentials.token === undefined
      ? new RpcError(
          'invalid_input',
          `${url} needs credentials: add a token for ${credentials.host} in ${settingsHint}.`,
          data,
        )
      : new RpcError(
          'permission_denied',
          `${credentials.host} refused the token (HTTP 401). Check the token and user name in ${settingsHint}.`,
          data,
        );
  }
  if (e.code === 'HttpError' && (e.data?.statusCode === 403 || e.data?.statusCode === 404)) {
    return new RpcError(
      'invalid_input',
      `${url} answered HTTP ${e.data.statusCode} ${e.data.statusMessage ?? ''}: no such repository, or the token cannot see it.`.replace(
        /\s+:/,
        ':',
      ),
      data,
    );
  }
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH'].includes(
      e.code ?? '',
    )
  ) {
    return new RpcError(
      'invalid_input',
      `${url} does not answer (${e.code}). Check the URL and your network.`,
      data,
    );
  }
  if (e.code === 'SmartHttpError' || e.code === 'ParseError') {
    return new RpcError(
      'invalid_input',
      `${url} is not a git repository (the server did not answer as git does).`,
      data,
    );
  }
  return new RpcError(
    'unavailable',
    `Talking to ${url} failed: ${e.message ?? String(error)}`,
    data,
  );
}

/** The branches of a remote repository and its default branch, without cloning it. */
export async function listRemoteBranches(
  url: string,
  credentials: HostCredentials,
): Promise<{ branches: string[]; defaultBranch: string | null }> {
  try {
    const refs = await git.listServerRefs({
      http,
      url,
      symrefs: true,
      protocolVersion: 1,
      onAuth: onAuthFor(credentials),
    });
    const branches = refs
      .map((r) => r.ref)
      .filter((ref) => ref.startsWith('refs/heads/'))
      .map((ref) => ref.slice('refs/heads/'.length))
      .sort();
    const head = refs.find((r) => r.ref === 'HEAD')?.target;
    const defaultBranch = head?.startsWith('refs/heads/') ? head.slice('refs/heads/'.length) : null;
    return {
      branches,
      defaultBranch: defaultBranch ?? (branches.includes('main') ? 'main' : (branches[0] ?? null)),
    };
  } catch (error) {
    throw remoteError(error, url, credentials, 'source');
  }
}
