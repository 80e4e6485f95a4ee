import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../shared/contract';
import { createClient, type RpcClient } from '../shared/rpc';
import { startHost, type HostHarness } from './testing/hostHarness';
import { wsClientTransport } from './testing/wsClientTransport';
import { cookieName } from './web/auth';
import { startWebServer, type WebServer } from './web/webServer';

// The contract as every shell sees it: the same calls against the real host, once over the
// in-memory transport and once over a real WebSocket on loopback through browser mode.
describe.each(['memory', 'websocket'] as const)('the contract over %s', (kind) => {
  let h: HostHarness;
  let server: WebServer | undefined;
  let client: RpcClient;

  beforeAll(async () => {
    h = await startHost();
    if (kind === 'memory') {
      client = h.client;
      return;
    }
    const rendererDir = join(h.dataDir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Berth</title>');
    server = await startWebServer({ host: h.host, rendererDir });
    const { port, token } = server;
    client = createClient({
      connect: () =>
        wsClientTransport(`ws://127.0.0.1:${port}/rpc`, {
          Cookie: `${cookieName(port)}=${token}`,
          Origin: `http://127.0.0.1:${port}`,
        }),
    });
  });

  afterAll(async () => {
    if (kind === 'websocket') client?.close();
    await server?.close();
    await h?.close();
  });

  it('reports the engine', async () => {
    await expect
      .poll(async () => (await client.api.engines.status({})).state, { timeout: 10_000 })
      .toBe('connected');
  });

  it('lists no sessions in a new data directory', async () => {
    expect(await client.api.sessions.list({})).toEqual([]);
  });

  it('answers bad input with invalid_input naming the field', async () => {
    await expect(client.api.sessions.create({ name: '' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('name'),
    });
    await expect(
      client.api.terminals.open({ sessionId: 'x', cols: 0, rows: 24 }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('cols') });
    await expect(
      client.api.terminals.write({ id: 't', data: 'x'.repeat(70_000) }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('data') });
  });

  it('answers unknown ids with not_found', async () => {
    await expect(client.api.sessions.get({ id: 'missing' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(client.api.terminals.list({ sessionId: 'missing' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      client.api.terminals.resize({ id: 'missing', cols: 80, rows: 24 }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('sends events to subscribers and nothing is lost on a conflict', async () => {
    const seen: Session[] = [];
    const off = client.on('sessions.changed', (s) => seen.push(s));
    await new Promise((r) => setTimeout(r, 50));
    const session = await client.api.sessions.create({ name: `contract ${kind}` });
    await expect(client.api.sessions.create({ name: `CONTRACT ${kind}` })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect.poll(() => seen.some((s) => s.id === session.id)).toBe(true);
    const deleted = await client.api.sessions.delete({ id: session.id });
    expect(deleted.status).toBe('deleted');
    off();
    const all = await client.api.sessions.list({ includeDeleted: true });
    expect(all.map((s) => s.name)).toEqual([`contract ${kind}`]);
  });
});
