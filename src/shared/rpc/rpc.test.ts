import { describe, expect, it } from 'vitest';
import { RpcError, type Api, type EventName } from '../contract';
import { createClient } from './client';
import { createMemoryPair } from './memoryTransport';
import type { ClientMessage, ServerMessage } from './protocol';
import { serveConnection, type CallContext, type EventSource, type Handlers } from './server';
import type { Transport } from './transport';

/** A tiny in-test event source so the mechanism is tested apart from the host's services. */
function testEvents() {
  const listeners = new Set<{
    event: string;
    topic?: string;
    fn: (p: unknown, t?: string) => void;
  }>();
  const source: EventSource = {
    subscribe(event, topic, fn) {
      const entry = { event, topic, fn };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };
  const emit = (event: EventName, payload: unknown, topic?: string) => {
    for (const l of listeners)
      if (l.event === event && (l.topic === undefined || l.topic === topic)) l.fn(payload, topic);
  };
  return { source, emit, count: () => listeners.size };
}

function setup(overrides: Partial<Record<string, unknown>> = {}) {
  const events = testEvents();
  const calls: unknown[] = [];
  let cancelled = false;
  const handlers = {
    engines: {
      status: async () => ({
        id: 'local',
        endpoint: 'unix:///x',
        state: 'connected',
        checkedAt: 'now',
      }),
      reconnect: (_input: unknown, ctx: CallContext) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            cancelled = true;
            reject(new Error('aborted'));
          });
        }),
    },
    sessions: {
      get: async (input: { id: string }) => {
        calls.push(input);
        throw new RpcError('not_found', `No session with id "${input.id}".`);
      },
      create: async (input: { name: string }) => ({ id: '1', name: input.name }),
      list: async () => {
        throw new Error('database exploded');
      },
      ...overrides,
    },
    terminals: {},
  } as unknown as Handlers;
  const pair = createMemoryPair();
  const internal: unknown[] = [];
  serveConnection(pair.server as Transport<unknown, ServerMessage>, {
    handlers,
    events: events.source,
    onInternalError: (e) => internal.push(e),
  });
  const client = createClient({ connect: () => pair.client });
  return { client, events, calls, internal, pair, wasCancelled: () => cancelled };
}

describe('rpc over the in-memory transport', () => {
  it('calls a method and returns its value through a JSON round trip', async () => {
    const { client } = setup();
    const created = await client.api.sessions.create({ name: 'demo' });
    expect(created).toEqual({ id: '1', name: 'demo' });
  });

  it('parses input with the contract schema before the handler sees it', async () => {
    const { client } = setup();
    const created = await client.api.sessions.create({ name: '  spaced  ' });
    expect(created.name).toBe('spaced');
    await expect(client.api.sessions.create({ name: '' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('name'),
    });
    await expect(client.api.sessions.create({ name: 'x'.repeat(65) })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('at most 64'),
    });
    await expect(
      client.api.sessions.create({ name: 'ok', extra: 1 } as unknown as { name: string }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('passes typed errors through and hides nothing but the stack of internal ones', async () => {
    const { client, internal } = setup();
    await expect(client.api.sessions.get({ id: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'No session with id "nope".',
    });
    await expect(client.api.sessions.list({})).rejects.toMatchObject({
      code: 'internal',
      message: 'database exploded',
    });
    expect(internal).toHaveLength(1);
  });

  it('refuses methods outside the allow-list, including prototype names', async () => {
    const { pair } = setup();
    const replies: ServerMessage[] = [];
    pair.client.onMessage((m) => replies.push(m));
    for (const [i, method] of [
      'sessions.nope',
      'nope.list',
      'sessions.constructor',
      '__proto__.x',
      'sessions.list.x',
    ].entries()) {
      pair.client.send({ t: 'call', id: 100 + i, method, params: {} });
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(replies).toHaveLength(5);
    for (const reply of replies)
      expect(reply).toMatchObject({ t: 'result', ok: false, error: { code: 'not_found' } });
  });

  it('answers malformed messages with a protocol error and keeps serving', async () => {
    const { pair, client } = setup();
    const replies: ServerMessage[] = [];
    pair.client.onMessage((m) => replies.push(m));
    const raw = pair.client as unknown as Transport<ServerMessage, unknown>;
    raw.send('not an object');
    raw.send({ t: 'call' });
    raw.send({ t: 'sub', id: 1, event: 'nope.nothing' });
    await new Promise((r) => setTimeout(r, 10));
    expect(replies.filter((r) => r.t === 'error')).toHaveLength(3);
    await expect(client.api.sessions.create({ name: 'still works' })).resolves.toMatchObject({
      name: 'still works',
    });
  });

  it('cancels a running call and tells the handler', async () => {
    const { client, wasCancelled } = setup();
    const controller = new AbortController();
    const call = client.api.engines.reconnect({}, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'unavailable' });
    await new Promise((r) => setTimeout(r, 5));
    expect(wasCancelled()).toBe(true);
  });

  it('delivers events by topic and stops after unsubscribe', async () => {
    const { client, events } = setup();
    const all: unknown[] = [];
    const one: unknown[] = [];
    const offAll = client.on('terminals.output', (p) => all.push(p));
    client.on('terminals.output', (p) => one.push(p), 't1');
    await new Promise((r) => setTimeout(r, 5));
    events.emit('terminals.output', { id: 't1', data: 'a', seq: 1 }, 't1');
    events.emit('terminals.output', { id: 't2', data: 'b', seq: 1 }, 't2');
    await new Promise((r) => setTimeout(r, 5));
    expect(all).toHaveLength(2);
    expect(one).toEqual([{ id: 't1', data: 'a', seq: 1 }]);
    offAll();
    await new Promise((r) => setTimeout(r, 5));
    events.emit('terminals.output', { id: 't1', data: 'c', seq: 2 }, 't1');
    await new Promise((r) => setTimeout(r, 5));
    expect(all).toHaveLength(2);
    expect(one).toHaveLength(2);
  });

  it('rejects pending calls when the connection drops, and unsubscribes on the server', async () => {
    const { client, events, pair } = setup();
    client.on('sessions.changed', () => {});
    await new Promise((r) => setTimeout(r, 5));
    expect(events.count()).toBe(1);
    const call = client.api.engines.reconnect({});
    await new Promise((r) => setTimeout(r, 5));
    pair.client.close();
    await expect(call).rejects.toMatchObject({ code: 'unavailable' });
    expect(client.state).toBe('closed');
    expect(events.count()).toBe(0);
  });

  it('reconnects and subscribes again after the pipe closes', async () => {
    const events = testEvents();
    const handlers = { engines: {}, sessions: {}, terminals: {} } as unknown as Handlers;
    const pipes: Transport<ServerMessage, ClientMessage>[] = [];
    const client = createClient({
      connect: () => {
        const pair = createMemoryPair();
        serveConnection(pair.server as Transport<unknown, ServerMessage>, {
          handlers,
          events: events.source,
        });
        pipes.push(pair.client);
        return pair.client;
      },
      reconnect: [1],
    });
    const states: string[] = [];
    client.onState((s) => states.push(s));
    const got: unknown[] = [];
    client.on('engines.status', (s) => got.push(s));
    await new Promise((r) => setTimeout(r, 5));
    pipes[0]!.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(states).toEqual(['reconnecting', 'connected']);
    events.emit('engines.status', { state: 'connected' });
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual([{ state: 'connected' }]);
    client.close();
  });
});

// Keeps the test honest about the contract's shape: every domain has a schema per method.
const _typecheck: (keyof Api)[] = ['engines', 'sessions', 'terminals'];
void _typecheck;
