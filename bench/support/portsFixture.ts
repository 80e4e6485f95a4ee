import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { connect, createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { docker } from './rawDocker';

/**
 * What the ports bench measures with: an HTTP/1.0 client on raw sockets that runs in its own
 * Node process (as a browser or curl would, so its reading does not share the event loop of the
 * in-process host that relays the forward), the same `python3 -m http.server` on this machine,
 * and `cat` through a raw dockerode exec (the exec pipe's ceiling).
 */

/** One GET as the client process saw it. Times are from just before `connect()`. */
export interface GetResult {
  /** The status line, e.g. `HTTP/1.0 200 OK`. */
  status: string;
  /** The Content-Length header, or -1. */
  contentLength: number;
  /** Body bytes received until the server closed. */
  bodyBytes: number;
  firstByteMs: number;
  endMs: number;
  /** sha256 of the body, hex, when asked for. */
  sha256?: string;
}

export interface Target {
  host: string;
  port: number;
}

export type ClientSpec =
  | { mode: 'get'; target: Target; path: string; hash: boolean }
  /** `n` rounds, each one GET per target, the targets' order alternating round by round. */
  | { mode: 'firstBytes'; targets: Target[]; path: string; n: number };

/** The client program (CommonJS, run with `node -e`); its spec is argv[1], its answer JSON. */
const clientProgram = String.raw`
const net = require('node:net');
const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');
const spec = JSON.parse(process.argv[1]);

function get(target, path, hash) {
  return new Promise((resolve, reject) => {
    const sha = hash ? crypto.createHash('sha256') : undefined;
    let head = Buffer.alloc(0);
    let headDone = false;
    let status = '';
    let contentLength = -1;
    let bodyBytes = 0;
    let firstByteMs = -1;
    const t0 = performance.now();
    const socket = net.connect({ host: target.host, port: target.port }, () => {
      socket.write('GET ' + path + ' HTTP/1.0\r\nHost: localhost:' + target.port + '\r\n\r\n');
    });
    socket.on('data', (chunk) => {
      if (firstByteMs < 0) firstByteMs = performance.now() - t0;
      if (headDone) {
        bodyBytes += chunk.length;
        if (sha) sha.update(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headDone = true;
      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      status = lines[0];
      for (const line of lines.slice(1)) {
        const m = /^content-length:\s*(\d+)/i.exec(line);
        if (m) contentLength = Number(m[1]);
      }
      const body = head.subarray(end + 4);
      bodyBytes += body.length;
      if (sha) sha.update(body);
    });
    socket.on('end', () =>
      resolve({
        status,
        contentLength,
        bodyBytes,
        firstByteMs,
        endMs: performance.now() - t0,
        sha256: sha ? sha.digest('hex') : undefined,
      }),
    );
    socket.on('error', reject);
  });
}

async function main() {
  if (spec.mode === 'get') return get(spec.target, spec.path, spec.hash);
  const results = spec.targets.map(() => []);
  for (let i = 0; i < spec.n; i += 1) {
    const order = spec.targets.map((_, k) => k);
    if (i % 2 === 1) order.reverse();
    for (const k of order) results[k].push(await get(spec.targets[k], spec.path, false));
  }
  return results;
}

main().then(
  (answer) => process.stdout.write(JSON.stringify(answer)),
  (error) => {
    process.stderr.write(String(error && error.stack ? error.stack : error));
    process.exit(1);
  },
);
`;

/** Runs the client in a new Node process; its JSON answer, or an error carrying its stderr. */
export function runClient<T>(spec: ClientSpec, timeoutMs = 300_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', clientProgram, JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as T);
      else
        reject(new Error(`HTTP client exited ${code ?? signal}: ${Buffer.concat(err).toString()}`));
    });
  });
}

export const httpGet = (target: Target, path: string, hash = false): Promise<GetResult> =>
  runClient<GetResult>({ mode: 'get', target, path, hash });

/** Throws unless the response is a whole `200` of `bytes` body bytes (and the hash, if given). */
export function checkResponse(
  what: string,
  response: GetResult,
  bytes: number,
  sha256?: string,
): void {
  const problems: string[] = [];
  if (!/^HTTP\/1\.[01] 200 /.test(response.status)) problems.push(`status "${response.status}"`);
  if (response.contentLength !== bytes) problems.push(`Content-Length ${response.contentLength}`);
  if (response.bodyBytes !== bytes) problems.push(`${response.bodyBytes} body bytes`);
  if (sha256 !== undefined && response.sha256 !== sha256)
    problems.push(`sha256 ${response.sha256}`);
  if (problems.length > 0)
    throw new Error(`${what}: expected ${bytes} bytes, got ${problems.join(', ')}`);
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts on `target`, trying every 50 ms for `ms`. */
export async function waitForListener(target: Target, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(target, () => {
        socket.destroy();
        resolve(true);
      }).once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${target.host}:${target.port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface HostHttpServer {
  port: number;
  /** `python3 --version` of the program serving. */
  version: string;
  stop(): Promise<void>;
}

/** `python3 -m http.server <port> --bind 127.0.0.1 --directory <dir>` on this machine. */
export async function startHostHttpServer(dir: string): Promise<HostHttpServer> {
  const version = await new Promise<string>((resolve, reject) => {
    const probe = spawn('python3', ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    probe.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    probe.on('error', reject);
    probe.on('close', () => resolve(text.trim()));
  });
  const port = await freePort();
  const child: ChildProcess = spawn(
    'python3',
    ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForListener({ host: '127.0.0.1', port });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    port,
    version,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export interface CatResult {
  bytes: number;
  /** Just before `exec.start` → the stream's end. */
  ms: number;
  sha256?: string;
}

/**
 * `cat <path>` in the container as the sandbox user through a raw dockerode exec without a TTY,
 * stdout demultiplexed by dockerode and read to its end: the most the exec pipe the relay rides
 * on can carry. Throws unless cat exits 0.
 */
export async function execCat(containerId: string, path: string, hash = false): Promise<CatResult> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ['cat', path],
    User: 'berth',
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const sha = hash ? createHash('sha256') : undefined;
  let bytes = 0;
  let stderr = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      sha?.update(chunk);
      callback();
    },
  });
  const errors = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stderr += chunk.toString();
      callback();
    },
  });
  const t0 = performance.now();
  const stream = await exec.start({ hijack: true, stdin: false });
  docker.modem.demuxStream(stream, stdout, errors);
  await new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  const ms = performance.now() - t0;
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) throw new Error(`cat ${path} exited ${ExitCode ?? 'unknown'}: ${stderr}`);
  return { bytes, ms, sha256: sha?.digest('hex') };
}

/** sha256 of a file on this machine, hex. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sha = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => sha.update(chunk))
      .on('end', () => resolve(sha.digest('hex')))
      .on('error', reject);
  });
}
