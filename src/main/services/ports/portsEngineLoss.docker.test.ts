import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortForward, Session } from '../../../shared/contract';
import { startEngineProxy, type EngineProxy } from '../../../../e2e/fixtures/engineProxy';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { sandboxSh } from '../../testing/sandboxShell';
import { countUntilEofServer, startSandboxServer } from '../../testing/sandboxServers';
import { within } from '../../testing/within';

// The engine reached through a socket that can be cut, as a remote engine's link can be: the
// relay rides the Docker API connection, so a lost link ends it (and its forwards' listeners),
// and when the engine is back the forwards come back by themselves, with one relay in the
// sandbox, not two.

const roundTrip = (port: number) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.end('hello');
  });

describe('ports when the link to the engine is lost and comes back', () => {
  let proxy: EngineProxy;
  let h: HostHarness;
  let session: Session;
  const forwardOf = async () =>
    (await h.client.api.ports.list({ sessionId: session.id })).forwards.find(
      (f) => f.port === 7100,
    );
  const relays = () =>
    sandboxSh(session.containerId!, 'pgrep -fc "[b]erth-relay" || true', { root: true });

  beforeAll(async () => {
    proxy = await startEngineProxy();
    h = await startHost({ dockerHost: proxy.dockerHost });
    const created = await h.client.api.sessions.create({ name: 'ports link' });
    session = await h.waitForStatus(created.id, 'running', 300_000);
  });

  afterAll(async () => {
    await proxy?.restore().catch(() => {});
    if (session) await h.client.api.sessions.delete({ id: session.id }).catch(() => {});
    await h?.close();
    await proxy?.close();
  });

  it('closes the forward while the engine is away and reopens it on the same port after', async () => {
    await startSandboxServer(session.containerId!, countUntilEofServer, ['7100']);
    await h.client.api.ports.forward({ sessionId: session.id, port: 7100 });
    const active = await within(
      'the forward',
      async () => ((await forwardOf())?.status === 'active' ? await forwardOf() : undefined),
      15_000,
    );
    expect(await roundTrip(active!.localPort!)).toBe('got 5 bytes');

    await proxy.cut();
    const gone = await within(
      'the forward to close',
      async () => ((await forwardOf())?.status === 'gone' ? true : undefined),
      30_000,
    );
    expect(gone).toBe(true);
    await expect(roundTrip(active!.localPort!)).rejects.toThrow(/ECONNREFUSED/);

    await proxy.restore();
    const back: PortForward = (await within(
      'the forward to come back',
      async () => {
        const forward = await forwardOf();
        return forward?.status === 'active' ? forward : undefined;
      },
      60_000,
    ))!;
    expect(back.localPort).toBe(active!.localPort);
    expect(await roundTrip(back.localPort!)).toBe('got 5 bytes');
    // The relay of the lost link has exited (its input ended); only the new one runs.
    await within('one relay', async () => ((await relays()) === '1' ? true : undefined), 30_000);
  }, 180_000);
});
