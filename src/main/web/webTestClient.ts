import { request } from 'node:http';
import WebSocket from 'ws';

/** Small HTTP and WebSocket helpers for the browser-mode tests (a browser, without a browser). */
export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; rejects with the HTTP status when the upgrade is refused. */
export function openSocket(port: number, headers: Record<string, string>): Promise<RpcSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, { headers });
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`HTTP ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
    ws.once('open', () => resolve(new RpcSocket(ws)));
  });
}

/** Collects what the server sends and waits for the first message that matches. */
export class RpcSocket {
  readonly received: unknown[] = [];
  private waiters: { match: (m: unknown) => boolean; resolve: (m: unknown) => void }[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      this.received.push(message);
      const waiter = this.waiters.find((w) => w.match(message));
      if (waiter) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(message);
      }
    });
  }

  send(data: unknown): void {
    this.ws.send(typeof data === 'string' || Buffer.isBuffer(data) ? data : JSON.stringify(data));
  }

  next<T>(match: (m: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<T> {
    const test = (m: unknown): boolean =>
      typeof m === 'object' && m !== null && match(m as Record<string, unknown>);
    const seen = this.received.find(test);
    if (seen) {
      this.received.splice(this.received.indexOf(seen), 1);
      return Promise.resolve(seen as T);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message')), timeoutMs);
      this.waiters.push({
        match: test,
        resolve: (m) => {
          clearTimeout(timer);
          this.received.splice(this.received.indexOf(m), 1);
          resolve(m as T);
        },
      });
    });
  }

  /** Calls a method and resolves with the server's result message. */
  call<T = Record<string, unknown>>(id: number, method: string, params: unknown = {}): Promise<T> {
    this.send({ t: 'call', id, method, params });
    return this.next<T>((m) => m.t === 'result' && m.id === id);
  }

  close(): void {
    this.ws.close();
  }
}
