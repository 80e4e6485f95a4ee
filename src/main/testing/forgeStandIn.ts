import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gitEnv, runGit } from './gitCli';

/**
 * A stand-in for the GitHub REST endpoints Berth uses (real GitHub cannot be reached from tests):
 * pull requests on bare repositories of the test git remote, answered with GitHub's statuses and
 * the JSON fields Octokit users read. Branches are looked up in the bare repositories live.
 */

export interface ForgeOptions {
  token: string;
  /** `owner/repo` → the bare repository's directory (gitHttpRemote's createBareRepo().dir). */
  repos: Record<string, string>;
  /** Who opens the pull requests. */
  login?: string;
}

export interface ForgeRequest {
  method: string;
  /** Path and query, e.g. /repos/acme/widgets/pulls. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined without one. */
  body: unknown;
}

export type PullState = 'open' | 'closed' | 'merged';

export interface ForgeStandIn {
  /** The API base URL, for Octokit's baseUrl. */
  url: string;
  port: number;
  requests: ForgeRequest[];
  /** Closes, merges or reopens a pull request, as someone would on GitHub. */
  setState(repo: string, number: number, state: PullState): void;
  close(): Promise<void>;
}

interface Pull {
  number: number;
  title: string;
  body: string | null;
  head: string;
  headSha: string;
  base: string;
  state: 'open' | 'closed';
  mergedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

const DOCS = 'https://docs.github.com/rest';
const notFound = { message: 'Not Found', documentation_url: DOCS, status: '404' };
const invalid = (...errors: Record<string, string>[]) => ({
  message: 'Validation Failed',
  errors: errors.map((e) => ({ resource: 'PullRequest', ...e })),
  documentation_url: `${DOCS}/pulls/pulls#create-a-pull-request`,
  status: '422',
});

/** A branch's commit in a bare repository, or undefined when there is no such branch. */
async function branchSha(dir: string, branch: string): Promise<string | undefined> {
  const ref = `refs/heads/${branch}^{commit}`;
  const result = await runGit(['--git-dir', dir, 'rev-parse', '--verify', '-q', ref]);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

export async function startForge(options: ForgeOptions): Promise<ForgeStandIn> {
  const login = options.login ?? 'berth-test';
  const requests: ForgeRequest[] = [];
  const pulls = new Map<string, Pull[]>(Object.keys(options.repos).map((r) => [r, []]));
  let base = '';

  const render = async (repo: string, dir: string, pull: Pull) => {
    const [owner = ''] = repo.split('/');
    const side = (ref: string, sha: string) => ({
      label: `${owner}:${ref}`,
      ref,
      sha,
      user: { login: owner },
      repo: { name: repo.split('/')[1], full_name: repo, owner: { login: owner } },
    });
    // An open pull request follows its branch; a closed or merged one keeps its last head commit.
    const live = pull.state === 'open' ? await branchSha(dir, pull.head) : undefined;
    if (live) pull.headSha = live;
    return {
      url: `${base}/repos/${repo}/pulls/${pull.number}`,
      id: 1000 + pull.number,
      html_url: `${base}/${repo}/pull/${pull.number}`,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      draft: false,
      user: { login, type: 'User' },
      created_at: pull.createdAt,
      updated_at: pull.closedAt ?? pull.createdAt,
      closed_at: pull.closedAt,
      merged_at: pull.mergedAt,
      merged: pull.mergedAt !== null,
      head: side(pull.head, pull.headSha),
      base: side(pull.base, (await branchSha(dir, pull.base)) ?? ''),
    };
  };

  const create = async (
    repo: string,
    dir: string,
    input: Record<string, unknown>,
  ): Promise<[number, unknown]> => {
    const [owner = ''] = repo.split('/');
    const missing = ['title', 'head', 'base'].filter((f) => typeof input[f] !== 'string');
    if (missing.length) {
      return [422, invalid(...missing.map((field) => ({ code: 'missing_field', field })))];
    }
    const { title, base: baseRef } = input as Record<string, string>;
    // `owner:branch` names a fork's branch; only the repository's own owner exists here.
    const given = String(input.head);
    const head = given.startsWith(`${owner}:`) ? given.slice(owner.length + 1) : given;
    const headSha = head.includes(':') ? undefined : await branchSha(dir, head);
    if (!headSha) return [422, invalid({ code: 'invalid', field: 'head' })];
    if (!(await branchSha(dir, baseRef ?? ''))) {
      return [422, invalid({ code: 'invalid', field: 'base' })];
    }
    const list = pulls.get(repo) ?? [];
    if (list.some((p) => p.state === 'open' && p.head === head && p.base === baseRef)) {
      const message = `A pull request already exists for ${owner}:${head}.`;
      return [422, invalid({ code: 'custom', message })];
    }
    const ancestor = ['--git-dir', dir, 'merge-base', '--is-ancestor', headSha, `${baseRef}`];
    if ((await runGit(ancestor)).code === 0) {
      return [
        422,
        invalid({ code: 'custom', message: `No commits between ${baseRef} and ${head}` }),
      ];
    }
    const pull: Pull = {
      number: list.length + 1,
      title: title ?? '',
      body: typeof input.body === 'string' ? input.body : null,
      head,
      headSha,
      base: baseRef ?? '',
      state: 'open',
      mergedAt: null,
      closedAt: null,
      createdAt: new Date().toISOString(),
    };
    list.push(pull);
    return [201, await render(repo, dir, pull)];
  };

  const route = async (method: string, url: URL, body: unknown): Promise<[number, unknown]> => {
    const match = /^\/repos\/([^/]+\/[^/]+)\/pulls(?:\/(\d+))?$/.exec(url.pathname);
    if (method === 'GET' && url.pathname === '/user') return [200, { login, id: 1, type: 'User' }];
    const repo = match?.[1] ?? '';
    const dir = options.repos[repo];
    const list = pulls.get(repo);
    if (!match || !dir || !list) return [404, notFound];
    if (match[2] === undefined) {
      if (method === 'POST') {
        if (typeof body !== 'object' || body === null) {
          return [400, { message: 'Problems parsing JSON', documentation_url: DOCS }];
        }
        return create(repo, dir, body as Record<string, unknown>);
      }
      if (method !== 'GET') return [404, notFound];
      const state = url.searchParams.get('state') ?? 'open';
      const head = url.searchParams.get('head')?.replace(/^[^:]*:/, '');
      const chosen = list.filter(
        (p) =>
          (state === 'all' || p.state === state) &&
          (head === undefined || p.head === head) &&
          (!url.searchParams.has('base') || p.base === url.searchParams.get('base')),
      );
      return [200, await Promise.all(chosen.map((p) => render(repo, dir, p)))];
    }
    const pull = list[Number(match[2]) - 1];
    if (method !== 'GET' || !pull) return [404, notFound];
    return [200, await render(repo, dir, pull)];
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const method = req.method ?? 'GET';
      requests.push({ method, path: url.pathname + url.search, headers: req.headers, body });
      const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (auth !== options.token) {
        const message = auth === undefined ? 'Requires authentication' : 'Bad credentials';
        send(res, 401, { message, documentation_url: DOCS, status: '401' });
        return;
      }
      route(method, url, body).then(
        ([status, json]) => send(res, status, json),
        (error: unknown) => send(res, 500, { message: `forge stand-in failed: ${String(error)}` }),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    port,
    requests,
    setState(repo, number, state) {
      const pull = pulls.get(repo)?.[number - 1];
      const dir = options.repos[repo];
      if (!pull || !dir) throw new Error(`no pull request ${repo}#${number}`);
      // Synchronous so a test can call it without await; freezes the head commit at closing.
      if (pull.state === 'open' && state !== 'open') {
        const args = ['--git-dir', dir, 'rev-parse', '--verify', '-q', `refs/heads/${pull.head}`];
        const found = spawnSync('git', args, { env: gitEnv(), encoding: 'utf8' });
        if (found.status === 0) pull.headSha = found.stdout.trim();
      }
      const now = new Date().toISOString();
      pull.state = state === 'open' ? 'open' : 'closed';
      pull.closedAt = state === 'open' ? null : now;
      pull.mergedAt = state === 'merged' ? now : null;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function send(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(json));
}
