import Docker from 'dockerode';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/contract';
import { resourcesDir } from '../../paths';
import { DockerSandboxRuntime } from '../sandboxes/dockerSandboxRuntime';
import { defaultRelayOptions } from './relay/relayClient';
import { startRelay } from './relay/relayProcess';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { sandboxRun, sandboxSh } from '../../testing/sandboxShell';
import {
  closeMidResponseServer,
  countUntilEofServer,
  devServer,
  startSandboxServer,
} from '../../testing/sandboxServers';
import { within } from '../../testing/within';

// Ports on the real engine: listeners found through /proc in the sandbox, forwards to this
// machine's loopback through one relay exec per sandbox, and what a user's traffic does to it.

/** An HTTP/1.0 GET through a raw socket: the whole response as bytes. */
function get(port: number, path: string, host = '127.0.0.1'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port }, () => {
      socket.write(`GET ${path} HTTP/1.0\r\nHost: localhost:${port}\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

const quiet = () => ({ onPorts: () => {}, onClose: () => {} });
const runtime = () =>
  new DockerSandboxRuntime(new Docker(), {
    profileDir: join(resourcesDir(), 'profiles', 'default'),
  });

const body = (response: Buffer) => response.subarray(response.indexOf('\r\n\r\n') + 4);
const tcpSockets = () =>
  process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe('ports of a session on the real engine', () => {
  let h: HostHarness;
  let session: Session;
  const ports = () => h.client.api.ports.list({ sessionId: session.id });
  const listens = (port: number) => async () =>
    (await ports()).listening.find((p) => p.port === port);
  const relays = () =>
    sandboxSh(session.containerId!, 'pgrep -fc "[b]erth-relay" || true', { root: true });

  beforeAll(async () => {
    h = await startHost();
    const created = await h.client.api.sessions.create({ name: 'ports' });
    session = await h.waitForStatus(created.id, 'running', 300_000);
    await sandboxRun(session.containerId!, 'head -c 200000000 /dev/urandom > /tmp/big');
  });

  afterAll(async () => {
    if (session) await h.client.api.sessions.delete({ id: session.id }).catch(() => {});
    await h?.close();
  });

  it('lists loopback, any-address and ::1-only listeners with their processes', async () => {
    const id = session.containerId!;
    expect(
      await within(
        'the relay',
        async () => ((await ports()).state === 'watching' ? true : undefined),
        15_000,
      ),
    ).toBe(true);
    await sandboxRun(
      id,
      'cd /tmp && setsid nohup python3 -m http.server 8000 --bind 127.0.0.1 >/dev/null 2>&1 < /dev/null &',
    );
    await startSandboxServer(id, devServer, ['0.0.0.0', '5173']);
    await startSandboxServer(id, devServer, ['::1', '3000']);
    const started = Date.now();
    await within('three listeners', async () =>
      (await ports()).listening.length >= 3 ? true : undefined,
    );
    const seenAfterMs = Date.now() - started;
    const list = await ports();
    expect(list.listening.map((p) => [p.port, p.addresses])).toEqual([
      [3000, ['::1']],
      [5173, ['0.0.0.0']],
      [8000, ['127.0.0.1']],
    ]);
    const python = list.listening.find((p) => p.port === 8000)!;
    expect(python.process).toMatchObject({
      name: 'python3',
      command: 'python3 -m http.server 8000 --bind 127.0.0.1',
    });
    expect(python.process!.pid).toBeGreaterThan(1);
    expect(list.listening.find((p) => p.port === 3000)!.process?.command).toMatch(
      /^python3 -c .* ::1 3000$/s,
    );
    expect(list.forwards).toEqual([]);
    // The relay scans every 250 ms; the harness polls every 50 ms.
    expect(seenAfterMs).toBeLessThan(3_000);
  });

  it('forwards the loopback server to the same port here and serves its directory listing', async () => {
    const forward = await h.client.api.ports.forward({ sessionId: session.id, port: 8000 });
    expect(forward).toMatchObject({ port: 8000, status: 'active', connections: 0 });
    const local = forward.localPort!;
    expect(forward.url).toBe(`http://localhost:${local}/`);
    const listing = (await get(local, '/')).toString('utf8');
    expect(listing).toContain('HTTP/1.0 200 OK');
    expect(listing).toContain('Directory listing for /');
    expect(listing).toContain('big');
    // Both loopback addresses, so `localhost` works whichever the browser picks; nothing else.
    expect((await get(local, '/', '::1')).toString()).toContain('Directory listing');
    const viaSameNumber = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(false));
      probe.listen(8000, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    // Port 8000 here was either taken by the forward or busy before: never both free.
    expect(local === 8000 || !viaSameNumber).toBe(true);
    const view = await ports();
    expect(view.forwards).toEqual([expect.objectContaining({ port: 8000, status: 'active' })]);
  });

  it('dials a ::1-only server on ::1 (a 127.0.0.1 dial would be refused)', async () => {
    const forward = await h.client.api.ports.forward({ sessionId: session.id, port: 3000 });
    const page = (await get(forward.localPort!, '/')).toString();
    expect(page).toContain('Dev server on ::1');
  });

  it('carries 50 concurrent connections over the one relay exec', async () => {
    const forward = await h.client.api.ports.forward({ sessionId: session.id, port: 5173 });
    const inspect = () => new Docker().getContainer(session.containerId!).inspect();
    const execsBefore = (await inspect()).ExecIDs?.length ?? 0;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => get(forward.localPort!, '/headers')),
    );
    for (const response of responses) {
      expect(JSON.parse(body(response).toString())).toMatchObject({
        host: `localhost:${forward.localPort}`,
      });
    }
    expect((await inspect()).ExecIDs?.length ?? 0).toBe(execsBefore);
    expect(await relays()).toBe('1');
  });

  it('refuses a dial to a closed port at once, never hanging', async () => {
    const relay = await startRelay(runtime(), session.containerId!, quiet());
    const started = Date.now();
    await expect(relay.open('127.0.0.1', 1)).rejects.toMatchObject({
      name: 'DialError',
      code: 'ECONNREFUSED',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    relay.close();
  });

  it('leaves no relay behind when its stream ends or its pings stop', async () => {
    const ended = await startRelay(runtime(), session.containerId!, quiet());
    expect(await relays()).toBe('2');
    ended.close();
    await within('the relay to exit on end of input', async () =>
      (await relays()) === '1' ? true : undefined,
    );
    // A workbench that holds the pipe but has stopped talking: the relay gives up by itself.
    let closed = false;
    await startRelay(
      runtime(),
      session.containerId!,
      { onPorts: () => {}, onClose: () => (closed = true) },
      {
        ...defaultRelayOptions,
        pingMs: 600_000,
        deadMs: 600_000,
        idleSeconds: 1,
      },
    );
    await within('the silent relay to exit', async () =>
      (await relays()) === '1' && closed ? true : undefined,
    );
  });

  it('downloads 200 MB intact', async () => {
    const forward = (await ports()).forwards.find((f) => f.port === 8000)!;
    const expected = (await sandboxSh(session.containerId!, 'sha256sum /tmp/big')).split(' ')[0];
    const response = await get(forward.localPort!, '/big');
    const data = body(response);
    expect(data.length).toBe(200_000_000);
    expect(createHash('sha256').update(data).digest('hex')).toBe(expected);
  }, 120_000);

  it('holds memory bounded while a client stops reading, then delivers everything', async () => {
    const forward = (await ports()).forwards.find((f) => f.port === 8000)!;
    global.gc?.();
    const before = process.memoryUsage();
    const socket = connect({ host: '127.0.0.1', port: forward.localPort! });
    socket.write('GET /big HTTP/1.0\r\n\r\n');
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const during = process.memoryUsage();
    // The server has 200 MB to send; with the client stalled, at most the windows and the
    // kernel's buffers are in flight (1 MiB credit per direction).
    const grown = during.arrayBuffers + during.external - before.arrayBuffers - before.external;
    expect(grown).toBeLessThan(32 * 1024 * 1024);
    const relayRss = Number(
      await sandboxSh(session.containerId!, `ps -o rss= -p $(pgrep -f "[b]erth-relay")`, {
        root: true,
      }),
    );
    expect(relayRss).toBeLessThan(64 * 1024); // KiB
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.resume();
    await new Promise((resolve) => socket.on('end', resolve));
    expect(received).toBeGreaterThan(200_000_000);
  }, 120_000);

  it('ends the response when the server closes mid-response', async () => {
    await startSandboxServer(session.containerId!, closeMidResponseServer, ['7001']);
    await within('port 7001', listens(7001));
    const forward = await h.client.api.ports.forward({ sessionId: session.id, port: 7001 });
    const response = await get(forward.localPort!, '/');
    expect(body(response).length).toBe(1_048_576);
  });

  it('keeps the reply flowing after the client half-closes', async () => {
    await startSandboxServer(session.containerId!, countUntilEofServer, ['7002']);
    await within('port 7002', listens(7002));
    const forward = await h.client.api.ports.forward({ sessionId: session.id, port: 7002 });
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: forward.localPort!, allowHalfOpen: true });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.end(Buffer.alloc(3_000_000, 7));
    });
    expect(reply).toBe('got 3000000 bytes');
  });

  it('shows a forward as gone when its server stops, and brings it back when it listens again', async () => {
    const before = (await ports()).forwards.find((f) => f.port === 7002)!;
    await sandboxRun(session.containerId!, 'pkill -f "7002" || true');
    await within('7002 gone', async () =>
      (await ports()).forwards.find((f) => f.port === 7002)?.status === 'gone' ? true : undefined,
    );
    const view = await ports();
    expect(view.listening.some((p) => p.port === 7002)).toBe(false);
    await expect(get(before.localPort!, '/')).rejects.toThrow(/ECONNREFUSED/);
    await startSandboxServer(session.containerId!, countUntilEofServer, ['7002']);
    const back = await within('7002 back', async () => {
      const forward = (await ports()).forwards.find((f) => f.port === 7002);
      return forward?.status === 'active' ? forward : undefined;
    });
    expect(back.localPort).toBe(before.localPort);
  });

  it('forwards an "always forward" port by itself when it starts listening', async () => {
    await h.client.api.ports.setAlwaysForward({ sessionId: session.id, port: 7003, always: true });
    expect((await ports()).forwards.some((f) => f.port === 7003)).toBe(false);
    await startSandboxServer(session.containerId!, countUntilEofServer, ['7003']);
    const forward = await within('7003 forwarded', async () => {
      const found = (await ports()).forwards.find((f) => f.port === 7003);
      return found?.status === 'active' ? found : undefined;
    });
    expect(forward.url).toBe(`http://localhost:${forward.localPort}/`);
    // Stop ends it now; it comes back the next time the port starts listening.
    await h.client.api.ports.stop({ sessionId: session.id, port: 7003 });
    expect((await ports()).forwards.some((f) => f.port === 7003)).toBe(false);
    expect((await ports()).alwaysForward).toEqual([7003]);
  });

  it('closes connections and listeners when the session stops, and comes back after a start', async () => {
    const forward = (await ports()).forwards.find((f) => f.port === 7002)!;
    const socket = connect({ host: '127.0.0.1', port: forward.localPort!, allowHalfOpen: true });
    await new Promise((resolve) => socket.once('connect', resolve));
    await within('one connection', async () =>
      (await ports()).forwards.find((f) => f.port === 7002)?.connections === 1 ? true : undefined,
    );
    // The sandbox goes away under the connection: it is reset, not left open.
    const reset = new Promise((resolve) => socket.once('error', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await h.client.api.sessions.stop({ id: session.id });
    await closed;
    expect(await reset).toMatchObject({ code: 'ECONNRESET' });
    const stopped = await ports();
    expect(stopped.state).toBe('stopped');
    expect(stopped.listening).toEqual([]);
    expect(stopped.forwards.every((f) => f.status === 'gone' && f.connections === 0)).toBe(true);
    // No host socket of a forward is left open, and the local ports are free again.
    await within('host sockets closed', async () => (tcpSockets() === 0 ? true : undefined)).catch(
      (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(process.getActiveResourcesInfo())}`);
      },
    );
    await new Promise<void>((resolve, reject) => {
      const probe = createServer().once('error', reject);
      probe.listen(forward.localPort!, '127.0.0.1', () => probe.close(() => resolve()));
    });

    await h.client.api.sessions.start({ id: session.id });
    session = await h.waitForStatus(session.id, 'running', 120_000);
    await within(
      'relay back',
      async () => ((await ports()).state === 'watching' ? true : undefined),
      15_000,
    );
    expect(await relays()).toBe('1');
    await startSandboxServer(session.containerId!, countUntilEofServer, ['7002']);
    const back = await within('7002 back after a restart', async () => {
      const found = (await ports()).forwards.find((f) => f.port === 7002);
      return found?.status === 'active' ? found : undefined;
    });
    expect(back.localPort).toBe(forward.localPort);
    const reply = await new Promise<string>((resolve) => {
      const s: Socket = connect({ host: '127.0.0.1', port: back.localPort!, allowHalfOpen: true });
      let text = '';
      s.on('data', (c: Buffer) => (text += c.toString()));
      s.on('end', () => resolve(text));
      s.end('abc');
    });
    expect(reply).toBe('got 3 bytes');
  }, 180_000);

  it('stops a forward on request and refuses bad input', async () => {
    const view = await h.client.api.ports.stop({ sessionId: session.id, port: 7002 });
    expect(view.forwards.some((f) => f.port === 7002)).toBe(false);
    await expect(
      h.client.api.ports.forward({ sessionId: session.id, port: 70000 }),
    ).rejects.toThrow(/between 1 and 65535/);
    await expect(h.client.api.ports.forward({ sessionId: 'nope', port: 80 })).rejects.toThrow(
      /no session/,
    );
  });

  it('reports (and persists) forwards across a workbench restart', async () => {
    // Port 8000 and 3000 stayed forwarded through the stop and start; they listen no more.
    const view = await ports();
    expect(view.forwards.map((f) => [f.port, f.status])).toEqual([
      [3000, 'gone'],
      [5173, 'gone'],
      [7001, 'gone'],
      [8000, 'gone'],
    ]);
  });
});
