import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, gitEnv } from './gitCli';

/**
 * A real smart-HTTP git remote on 127.0.0.1: bare repositories served by Debian's
 * `git http-backend` CGI behind HTTP basic auth, so tests push and fetch the way the product does
 * against GitHub, with no network.
 */

const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';
const REALM = 'berth-test';

export interface GitRemoteOptions {
  /** The one username accepted; when unset any username goes with the token, as on GitHub. */
  username?: string;
  token?: string;
}

export interface GitRemoteRequest {
  method: string;
  /** The URL path, e.g. /acme/widgets.git/info/refs. */
  path: string;
  query: string;
  authOk: boolean;
  /** As received, e.g. content-encoding (gzip), transfer-encoding, git-protocol. */
  headers: IncomingHttpHeaders;
  /** The status answered; 0 while the request is still being served. */
  status: number;
}

export interface BareRepo {
  name: string;
  dir: string;
  url: string;
}

export interface GitRemote {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  root: string;
  token: string;
  requests: GitRemoteRequest[];
  /** A bare repository served at `/<name>.git`; `name` may have slashes (`acme/widgets`). */
  createBareRepo(name: string, options?: { defaultBranch?: string }): Promise<BareRepo>;
  /**
   * Refuses pushes to branches matching `branchPattern` (a shell glob on the branch name, `*`
   * crossing slashes): a pre-receive hook prints `message`, which clients show as
   * `remote: <message>`. It is a pre-receive hook, so the whole push is refused.
   */
  protectBranch(repoName: string, branchPattern: string, message: string): Promise<void>;
  close(): Promise<void>;
}

export async function startGitRemote(options: GitRemoteOptions = {}): Promise<GitRemote> {
  const token = options.token ?? 'berth-test-token';
  const root = await mkdtemp(join(tmpdir(), 'berth-remote-'));
  const requests: GitRemoteRequest[] = [];
  const rules = new Map<string, { pattern: string; message: string }[]>();

  const userOf = (header: string | undefined): string | undefined => {
    const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
    if (!match?.[1]) return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (colon < 0 || password !== token) return undefined;
    if (options.username !== undefined && user !== options.username) return undefined;
    return user || 'anonymous';
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const user = userOf(req.headers.authorization);
    const record: GitRemoteRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      authOk: user !== undefined,
      headers: req.headers,
      status: 0,
    };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    if (user === undefined) {
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': `Basic realm="${REALM}"` });
      res.end('Authentication required\n');
      return;
    }
    serveCgi(req, res, { root, user, url }).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`git http-backend failed: ${String(error)}\n`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  const repoDir = (name: string): string => {
    // Names become paths under root: refuse anything that could leave it.
    if (!/^[\w.-]+(\/[\w.-]+)*$/.test(name) || name.split('/').includes('..')) {
      throw new Error(`bad repository name ${JSON.stringify(name)}`);
    }
    return join(root, `${name}.git`);
  };

  return {
    url: base,
    port,
    root,
    token,
    requests,
    async createBareRepo(name, repoOptions = {}) {
      const dir = repoDir(name);
      const branch = repoOptions.defaultBranch ?? 'main';
      await git(['-c', `init.defaultBranch=${branch}`, 'init', '-q', '--bare', dir]);
      // Explicit, rather than http-backend's default (on only when REMOTE_USER is set).
      await git(['config', 'http.receivepack', 'true'], { cwd: dir });
      return { name, dir, url: `${base}/${name}.git` };
    },
    async protectBranch(repoName, branchPattern, message) {
      if (!/^[\w./*?-]+$/.test(branchPattern)) {
        throw new Error(`branch pattern ${JSON.stringify(branchPattern)} has odd characters`);
      }
      const list = [...(rules.get(repoName) ?? []), { pattern: branchPattern, message }];
      rules.set(repoName, list);
      const hook = join(repoDir(repoName), 'hooks', 'pre-receive');
      await writeFile(hook, preReceiveHook(list));
      await chmod(hook, 0o755);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(root, { recursive: true, force: true });
    },
  };
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

function preReceiveHook(rules: { pattern: string; message: string }[]): string {
  const arms = rules.map(
    (r) => `    refs/heads/${r.pattern}) printf '%s\\n' ${shellQuote(r.message)} >&2; refused=1 ;;`,
  );
  return [
    '#!/bin/sh',
    '# Written by the test git remote: refuses pushes to protected branches.',
    'refused=0',
    'while read -r old new ref; do',
    '  case "$ref" in',
    ...arms,
    '  esac',
    'done',
    'exit $refused',
    '',
  ].join('\n');
}

/** Runs one request through git http-backend (CGI/1.1: request in env and stdin, reply on stdout). */
async function serveCgi(
  req: IncomingMessage,
  res: ServerResponse,
  { root, user, url }: { root: string; user: string; url: URL },
): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...gitEnv(),
    GATEWAY_INTERFACE: 'CGI/1.1',
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    REMOTE_USER: user,
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
  };
  // Without CONTENT_LENGTH (a chunked body) http-backend reads stdin to its end.
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  // git sends large POSTs gzipped; http-backend inflates them itself when told.
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string') {
    env.GIT_PROTOCOL = protocol;
    env.HTTP_GIT_PROTOCOL = protocol;
  }
  const cgi = spawn(HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: Buffer[] = [];
  cgi.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = once(cgi, 'close') as Promise<[number | null]>;
  // The CGI may stop reading early (an error it reports on stdout); that is not ours to raise.
  cgi.stdin.on('error', () => {});
  req.pipe(cgi.stdin);
  res.on('close', () => {
    if (cgi.exitCode === null) cgi.kill();
  });

  // Waits for a slow client, but not for one that left (its 'drain' would never come).
  const send = async (chunk: Buffer): Promise<void> => {
    if (res.write(chunk) || res.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        res.off('drain', done).off('close', done);
        resolve();
      };
      res.on('drain', done).on('close', done);
    });
  };
  let head = Buffer.alloc(0);
  let started = false;
  for await (const chunk of cgi.stdout as AsyncIterable<Buffer>) {
    if (started) {
      await send(chunk);
      continue;
    }
    head = Buffer.concat([head, chunk]);
    const end = headerEnd(head);
    if (!end) continue;
    writeCgiHead(res, head.subarray(0, end.at).toString('latin1'));
    started = true;
    const rest = head.subarray(end.at + end.length);
    if (rest.length) await send(rest);
  }
  const [code] = await exited;
  if (!started) {
    throw new Error(`exited ${code} without a reply: ${Buffer.concat(stderr).toString().trim()}`);
  }
  res.end();
}

/** Where the CGI's header block ends: a blank line, CRLF or bare LF (RFC 3875 allows both). */
function headerEnd(buffer: Buffer): { at: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  return lf >= 0 ? { at: lf, length: 2 } : undefined;
}

function writeCgiHead(res: ServerResponse, block: string): void {
  let status = 200;
  const headers: Record<string, string[]> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else (headers[name] ??= []).push(value);
  }
  res.writeHead(status, headers);
}
