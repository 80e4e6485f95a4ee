import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session, SessionStatus } from '../../shared/contract';
import { createClient, createMemoryPair, serveConnection, type RpcClient } from '../../shared/rpc';
import type { ServerMessage } from '../../shared/rpc/protocol';
import type { Transport } from '../../shared/rpc/transport';
import { createHost, type Host, type HostOptions } from '../host';

/**
 * A real host (real Docker, real SQLite in a temp data directory) and a client talking to it
 * over the in-memory transport: what integration tests drive.
 */
export interface HostHarness {
  host: Host;
  client: RpcClient;
  dataDir: string;
  /** A second client on the same host (another window). */
  connect(): RpcClient;
  /** Waits until a session reaches a status (creation includes the first image build). */
  waitForStatus(id: string, status: SessionStatus, timeoutMs?: number): Promise<Session>;
  close(): Promise<void>;
}

export async function startHost(options: Partial<HostOptions> = {}): Promise<HostHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'berth-test-'));
  const host = await createHost({ ...options, dataDir });
  const clients: RpcClient[] = [];
  const connect = (): RpcClient => {
    const pair = createMemoryPair();
    serveConnection(pair.server as Transport<unknown, ServerMessage>, {
      handlers: host.handlers,
      events: host.events,
    });
    const client = createClient({ connect: () => pair.client });
    clients.push(client);
    return client;
  };
  const client = connect();
  return {
    host,
    client,
    dataDir,
    connect,
    async waitForStatus(id, status, timeoutMs = 600_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const session = await client.api.sessions.get({ id });
        if (session.status === status) return session;
        if (Date.now() > deadline) {
          throw new Error(
            `session ${id} is ${session.status} (${session.statusDetail ?? ''}), not ${status}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      for (const c of clients) c.close();
      await host.dispose();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
