import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { ServerMessage } from '../../shared/rpc/protocol';
import type { Transport } from '../../shared/rpc/transport';
import { websocketTransport } from './websocketTransport';

let wss: WebSocketServer | undefined;

afterEach(() => {
  for (const client of wss?.clients ?? []) client.terminate();
  wss?.close();
  wss = undefined;
});

/** A ws server whose first connection is wrapped in the transport, and a client connected to it. */
async function connect(maxBufferedBytes?: number) {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss!.once('listening', resolve));
  const logs: string[] = [];
  const server = new Promise<Transport<unknown, ServerMessage>>((resolve) =>
    wss!.once('connection', (ws) =>
      resolve(websocketTransport(ws, { maxBufferedBytes, log: (m) => logs.push(m) })),
    ),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await new Promise((resolve) => client.once('open', resolve));
  return { transport: await server, client, logs };
}

describe('websocketTransport', () => {
  it('hands parsed JSON to the server and sends messages as JSON text', async () => {
    const { transport, client } = await connect();
    const received = new Promise((resolve) => transport.onMessage(resolve));
    client.send('{"t":"cancel","id":7}');
    expect(await received).toEqual({ t: 'cancel', id: 7 });
    const reply = new Promise<string>((resolve) =>
      client.once('message', (d) => resolve(String(d))),
    );
    transport.send({ t: 'result', id: 7, ok: true, value: null });
    expect(JSON.parse(await reply)).toEqual({ t: 'result', id: 7, ok: true, value: null });
  });

  it('fails a call whose result is not JSON instead of leaving the client waiting', async () => {
    const { transport, client, logs } = await connect();
    const reply = new Promise<string>((resolve) =>
      client.once('message', (d) => resolve(String(d))),
    );
    transport.send({ t: 'result', id: 1, ok: true, value: { big: 1n } });
    expect(JSON.parse(await reply)).toMatchObject({
      t: 'result',
      id: 1,
      ok: false,
      error: { code: 'internal' },
    });
    expect(logs.join('\n')).toContain('cannot send');
  });

  it('still sends one message larger than the limit to a client that reads', async () => {
    const { transport, client } = await connect(256 * 1024);
    const reply = new Promise<string>((resolve) =>
      client.once('message', (d) => resolve(String(d))),
    );
    const payload = 'x'.repeat(1024 * 1024);
    transport.send({ t: 'event', sub: 1, event: 'terminals.output', payload });
    expect(JSON.parse(await reply)).toMatchObject({ t: 'event', payload });
  });

  it('closes a client that stops reading once too much is queued for it', async () => {
    const { transport, client, logs } = await connect(256 * 1024);
    const closed = new Promise<void>((resolve) => transport.onClose(resolve));
    // The client's socket stops reading: the kernel buffers fill, then ws queues in memory.
    (client as unknown as { _socket: { pause(): void } })._socket.pause();
    const payload = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 64; i++) {
      transport.send({ t: 'event', sub: 1, event: 'terminals.output', payload });
    }
    await closed;
    expect(logs.join('\n')).toContain('not reading');
  });
});
