import type { BerthServer } from '../../e2e/fixtures/berthServer';
import { createClient, type RpcClient } from '../../src/shared/rpc';
import { wsClientTransport } from '../../src/main/testing/wsClientTransport';
import { cookieName } from '../../src/main/web/auth';

/** A WebSocket client of browser mode, with the cookie and Origin a browser would send. */
export function connect(server: BerthServer): RpcClient {
  const url = new URL(server.url);
  const port = Number(url.port);
  const token = url.searchParams.get('token') ?? '';
  return createClient({
    connect: () =>
      wsClientTransport(`ws://127.0.0.1:${port}/rpc`, {
        Cookie: `${cookieName(port)}=${token}`,
        Origin: `http://127.0.0.1:${port}`,
      }),
  });
}

/** Waits (every 200 ms) until a session runs; its container id, or an error with its status. */
export async function runningContainer(
  client: RpcClient,
  sessionId: string,
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const session = await client.api.sessions.get({ id: sessionId });
    if (session.status === 'running' && session.containerId) return session.containerId;
    if (session.status === 'error' || Date.now() > deadline) {
      throw new Error(`the session is ${session.status}: ${session.statusDetail ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
