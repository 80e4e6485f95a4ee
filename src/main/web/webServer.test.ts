import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host';
import { cookieName } from './auth';
import { RemoteBindError } from './bindAddress';
import { get, openSocket, type RpcSocket } from './webTestClient';
import { startWebServer, type WebServer } from './webServer';

let root: string;
let host: Host;
let server: WebServer;
let port: number;
let cookie: string;
let origin: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'berth-web-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Berth</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  // A file next to the renderer folder that no request may reach.
  writeFileSync(join(root, 'package.json'), '{"secret":true}');
  host = await createHost({ dataDir: join(root, 'data') });
  server = await startWebServer({ host, rendererDir });
  port = server.port;
  cookie = `${cookieName(port)}=${server.token}`;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
  await host?.dispose();
  rmSync(root, { recursive: true, force: true });
});

const authed = (headers: Record<string, string> = {}): Record<string, string> => ({
  Cookie: cookie,
  ...headers,
});

describe('browser mode over HTTP', () => {
  it('prints a loopback URL with a 256-bit token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a request without the cookie with a page that says what to open', async () => {
    const res = await get(port, '/');
    expect(res.status).toBe(401);
    expect(res.body).toContain('berth serve');
    expect((await get(port, '/assets/app.js')).status).toBe(401);
  });

  it('refuses a wrong token and a wrong cookie', async () => {
    expect((await get(port, '/?token=wrong')).status).toBe(401);
    const almost = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
    expect((await get(port, `/?token=${almost}`)).status).toBe(401);
    expect((await get(port, '/', { Cookie: `${cookieName(port)}=${almost}` })).status).toBe(401);
  });

  it('trades the right token for an HttpOnly SameSite cookie and a redirect to /', async () => {
    const res = await get(port, `/?token=${server.token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toContain(`${cookieName(port)}=${server.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
  });

  it('serves the renderer with the cookie, with the security headers', async () => {
    const res = await get(port, '/', authed());
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Berth</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const script = await get(port, '/assets/app.js', authed());
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it("finds its cookie among other sites' cookies, and only under its own port", async () => {
    const others = `theme=dark; ${cookieName(port + 1)}=x; ${cookie}; z=1`;
    expect((await get(port, '/', { Cookie: others })).status).toBe(200);
    const otherPort = `${cookieName(port + 1)}=${server.token}`;
    expect((await get(port, '/', { Cookie: otherPort })).status).toBe(401);
  });

  it('answers 404 for missing files and folders, never a listing', async () => {
    expect((await get(port, '/nope.js', authed())).status).toBe(404);
    expect((await get(port, '/assets', authed())).status).toBe(404);
    expect((await get(port, '/assets/', authed())).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/..%5cpackage.json',
    ]) {
      const res = await get(port, path, authed());
      expect([403, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('secret');
    }
  });

  it('refuses a foreign Host header (DNS rebinding) even with the cookie', async () => {
    expect((await get(port, '/', authed({ Host: `evil.example:${port}` }))).status).toBe(403);
    expect((await get(port, '/', authed({ Host: `127.0.0.1:${port + 1}` }))).status).toBe(403);
    expect((await get(port, '/', authed({ Host: `[::1]:${port}` }))).status).toBe(200);
  });

  it('sends localhost to 127.0.0.1 before any cookie is set (forwarded ports live on localhost)', async () => {
    const res = await get(port, `/?token=${server.token}`, { Host: `localhost:${port}` });
    expect(res.status).toBe(307);
    expect(res.headers['location']).toBe(`http://127.0.0.1:${port}/?token=${server.token}`);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a cross-origin non-GET request', async () => {
    const post = (headers: Record<string, string>) => get(port, '/', authed(headers), 'POST');
    expect((await post({ Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ Origin: origin })).status).toBe(405);
  });
});

describe('browser mode over WebSocket', () => {
  let socket: RpcSocket;

  beforeAll(async () => {
    socket = await openSocket(port, { Cookie: cookie, Origin: origin });
  });
  afterAll(() => socket?.close());

  it('refuses an upgrade without the cookie (401) or from another origin (403)', async () => {
    await expect(openSocket(port, { Origin: origin })).rejects.toThrow('HTTP 401');
    await expect(
      openSocket(port, { Cookie: cookie, Origin: 'http://evil.example' }),
    ).rejects.toThrow('HTTP 403');
    await expect(openSocket(port, { Cookie: cookie })).rejects.toThrow('HTTP 403');
    await expect(
      openSocket(port, { Cookie: cookie, Origin: origin, Host: `evil.example:${port}` }),
    ).rejects.toThrow('HTTP 403');
  });

  it('answers a call', async () => {
    const result = await socket.call<{ ok: boolean; value: { id: string; state: string } }>(
      1,
      'engines.status',
    );
    expect(result.ok).toBe(true);
    expect(result.value.id).toBe('local');
    expect(['connecting', 'connected', 'unreachable', 'permission_denied']).toContain(
      result.value.state,
    );
  });

  it('answers malformed frames with a protocol error and stays usable', async () => {
    type ProtocolError = { t: 'error'; error: { code: string; message: string } };
    const isError = (m: Record<string, unknown>): boolean => m.t === 'error';
    socket.send('not json');
    expect(await socket.next<ProtocolError>(isError)).toEqual({
      t: 'error',
      error: { code: 'invalid_input', message: 'Malformed message: not JSON' },
    });
    socket.send(Buffer.from([1, 2, 3]));
    expect((await socket.next<ProtocolError>(isError)).error.message).toBe(
      'Malformed message: not JSON',
    );
    socket.send({ t: 'call' });
    const missingId = await socket.next<ProtocolError>(isError);
    expect(missingId.error.code).toBe('invalid_input');
    expect(missingId.error.message).toMatch(/^Malformed message: /);
    expect((await socket.call<{ ok: boolean }>(2, 'engines.status')).ok).toBe(true);
  });

  it('answers an unknown method with not_found', async () => {
    const result = await socket.call<{ ok: false; error: { code: string; message: string } }>(
      3,
      'sessions.explode',
    );
    expect(result.error.code).toBe('not_found');
    expect(result.error.message).toContain('sessions.explode');
  });

  it('answers a bad input with invalid_input naming the field', async () => {
    const result = await socket.call<{ ok: false; error: { code: string; message: string } }>(
      4,
      'sessions.create',
      { name: '' },
    );
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('name');
  });
});

describe('binding', () => {
  it('refuses a non-loopback address unless remote access is allowed', async () => {
    await expect(
      startWebServer({ host, rendererDir: root, bindHost: '0.0.0.0' }),
    ).rejects.toBeInstanceOf(RemoteBindError);
    await expect(
      startWebServer({ host, rendererDir: root, bindHost: '192.168.1.20' }),
    ).rejects.toThrow('--allow-remote');
  });
});
