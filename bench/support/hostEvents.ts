import { performance } from 'node:perf_hooks';
import type { SessionStatus } from '../../src/shared/contract';
import type { RpcClient } from '../../src/shared/rpc';

/**
 * Resolves with performance.now() when the session named `name` reports `status` through
 * `sessions.changed` (an event, not a 100 ms poll, so the time is the host's). Subscribe before
 * the call that causes it: the event can arrive before that call's result.
 */
export function sessionReaches(
  client: RpcClient,
  name: string,
  status: SessionStatus,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`session ${name} did not become ${status} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on('sessions.changed', (session) => {
      if (session.name !== name) return;
      if (session.status === status) {
        clearTimeout(timer);
        off();
        resolve(performance.now());
      } else if (session.status === 'error') {
        clearTimeout(timer);
        off();
        reject(new Error(`session ${name} failed: ${session.statusDetail ?? 'no detail'}`));
      }
    });
  });
}

/**
 * Every terminal's output, by terminal id, from before the terminal exists (the first chunk
 * can arrive before `terminals.open` returns the id).
 */
export class TerminalOutputs {
  private readonly text = new Map<string, string>();
  private readonly firstSeen = new Map<string, { needle: string; at: number }>();
  private readonly off: () => void;

  constructor(
    client: RpcClient,
    private readonly needle: string,
  ) {
    this.off = client.on('terminals.output', ({ id, data }) => {
      const seen = (this.text.get(id) ?? '') + data;
      this.text.set(id, seen);
      if (!this.firstSeen.has(id) && seen.includes(needle)) {
        this.firstSeen.set(id, { needle, at: performance.now() });
      }
    });
  }

  /** performance.now() of the first output of terminal `id` that completed the needle. */
  async arrival(id: string, timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const seen = this.firstSeen.get(id);
      if (seen) return seen.at;
      if (performance.now() > deadline) {
        throw new Error(
          `terminal ${id} showed no "${this.needle}" within ${timeoutMs} ms; output so far: ` +
            JSON.stringify(this.text.get(id) ?? ''),
        );
      }
      // The arrival time is taken in the event handler; this wait only notices it.
      await new Promise((done) => setTimeout(done, 5));
    }
  }

  dispose(): void {
    this.off();
  }
}
