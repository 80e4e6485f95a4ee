import { Octokit } from '@octokit/rest';
import { RpcError, type PullRequest, type PullRequestState } from '../../../shared/contract';
import type { HostCredentials } from '../settings/settingsService';

/** `owner/repo` from a clone URL such as https://github.com/acme/widgets.git. */
export function repoOf(url: string): { owner: string; repo: string } {
  const parts = new URL(url).pathname
    .replace(/\.git\/?$/, '')
    .split('/')
    .filter(Boolean);
  const repo = parts.at(-1);
  const owner = parts.at(-2);
  if (!owner || !repo) {
    throw new RpcError('invalid_input', `Cannot tell the owner and repository from ${url}.`);
  }
  return { owner, repo };
}

interface GitHubPull {
  number: number;
  html_url: string;
  state: string;
  merged?: boolean | null;
  merged_at?: string | null;
  title: string;
  base: { ref: string };
}

const stateOf = (pull: GitHubPull): PullRequestState =>
  pull.merged || pull.merged_at ? 'merged' : pull.state === 'closed' ? 'closed' : 'open';

function client(credentials: HostCredentials): Octokit {
  if (!credentials.token) {
    throw new RpcError(
      'invalid_input',
      `No token for ${credentials.host}: add one in Settings → Git hosts to open pull requests.`,
    );
  }
  return new Octokit({ auth: credentials.token, baseUrl: credentials.apiUrl, log: quiet });
}

// Octokit logs request failures to the console itself; the caller reports them once, its way.
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A forge failure in words: GitHub's own message and what to do. */
function forgeError(error: unknown, credentials: HostCredentials, doing: string): RpcError {
  const e = error as {
    status?: number;
    message?: string;
    response?: {
      data?: { message?: string; errors?: { message?: string; field?: string; code?: string }[] };
    };
  };
  const data = e.response?.data;
  const details = (data?.errors ?? [])
    .map((x) => x.message ?? [x.field, x.code].filter(Boolean).join(' '))
    .filter(Boolean);
  const said = [data?.message ?? e.message, ...details].filter(Boolean).join(': ');
  if (e.status === 401) {
    return new RpcError(
      'permission_denied',
      `${doing}: ${credentials.apiUrl} refused the token (${said}). Check it in Settings → Git hosts → ${credentials.host}.`,
    );
  }
  if (e.status === 404) {
    return new RpcError(
      'not_found',
      `${doing}: ${credentials.apiUrl} answered "${said}" (no such repository, or the token cannot see it).`,
    );
  }
  if (e.status === 422) return new RpcError('conflict', `${doing}: ${said}.`);
  if (e.status === undefined) {
    return new RpcError(
      'unavailable',
      `${doing}: ${credentials.apiUrl} does not answer (${e.message ?? String(error)}). Check the API URL in Settings → Git hosts.`,
    );
  }
  return new RpcError('unavailable', `${doing}: HTTP ${e.status} ${said}`);
}

/** Opens a pull request of `head` into `base` through GitHub's REST API. */
export async function createPullRequest(
  credentials: HostCredentials,
  url: string,
  pull: { head: string; base: string; title: string; body: string; pushedCommit: string },
): Promise<PullRequest> {
  const { owner, repo } = repoOf(url);
  try {
    const { data } = await client(credentials).rest.pulls.create({
      owner,
      repo,
      head: pull.head,
      base: pull.base,
      title: pull.title,
      body: pull.body,
    });
    const created = data as unknown as GitHubPull;
    return {
      number: created.number,
      url: created.html_url,
      state: stateOf(created),
      title: created.title,
      base: created.base.ref,
      pushedCommit: pull.pushedCommit,
    };
  } catch (error) {
    if (error instanceof RpcError) throw error;
    throw forgeError(error, credentials, 'Opening the pull request failed');
  }
}

/** A pull request's current state from GitHub. */
export async function readPullRequest(
  credentials: HostCredentials,
  url: string,
  known: PullRequest,
): Promise<PullRequest> {
  const { owner, repo } = repoOf(url);
  try {
    const { data } = await client(credentials).rest.pulls.get({
      owner,
      repo,
      pull_number: known.number,
    });
    const pull = data as unknown as GitHubPull;
    return { ...known, state: stateOf(pull), title: pull.title, url: pull.html_url };
  } catch (error) {
    if (error instanceof RpcError) throw error;
    throw forgeError(error, credentials, `Reading pull request #${known.number} failed`);
  }
}
