import type { RpcClient } from '../../src/shared/rpc';

export { connect } from '../../e2e/fixtures/berthClient';

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
