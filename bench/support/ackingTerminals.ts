import { performance } from 'node:perf_hooks';
import type { RpcClient } from '../../src/shared/rpc';
import { Needles } from './needles';

/** When a needle arrived: performance.now() of the chunk that completed it. */
export interface Arrival {
  at: number;
  /** Characters received on that terminal so far, that chunk included. */
  chars: number;
}

/**
 * A window that reads every terminal of one client, as fast as output comes, and acknowledges
 * each batch the moment it arrives (as xterm does when it keeps up), so the host's flow control
 * never holds output back. Output is watched from before `terminals.open` returns its id: the
 * first prompt can come first. Waits never resolve from output older than the wait.
 */
export class AckingTerminals {
  private readonly chars = new Map<string, number>();
  /** The first output of each terminal, until a prompt is in it. */
  private readonly opening = new Map<string, string>();
  private readonly prompted = new Map<string, Arrival>();
  /** Waits for strings, by terminal. */
  private readonly needles = new Map<string, Needles<Arrival>>();
  private readonly off: () => void;

  constructor(
    private readonly client: RpcClient,
    /** What a shell's prompt ends with, e.g. `$ ` and `# `. */
    private readonly prompts: string[],
  ) {
    this.off = client.on('terminals.output', ({ id, data }) => this.onOutput(id, data));
  }

  /** Characters received on terminal `id` so far. */
  received(id: string): number {
    return this.chars.get(id) ?? 0;
  }

  /** When terminal `id` first showed a prompt (output before the wait counts). */
  async firstPrompt(id: string, timeoutMs: number): Promise<Arrival> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const seen = this.prompted.get(id);
      if (seen) return seen;
      if (performance.now() > deadline) {
        throw new Error(
          `terminal ${id} showed no prompt (${this.prompts.join(' or ')}) within ${timeoutMs} ms; ` +
            `output so far: ${JSON.stringify(this.opening.get(id) ?? '')}`,
        );
      }
      // The arrival time is taken in the event handler; this loop only notices it.
      await new Promise((done) => setTimeout(done, 2));
    }
  }

  /** The next arrival of `needle` on terminal `id`; register before the write that causes it. */
  waitFor(id: string, needle: string, timeoutMs: number): Promise<Arrival> {
    let needles = this.needles.get(id);
    if (!needles) this.needles.set(id, (needles = new Needles(`terminal ${id}`)));
    return needles.waitFor(needle, timeoutMs);
  }

  dispose(): void {
    this.off();
    for (const needles of this.needles.values()) needles.failAll('stopped watching');
    this.needles.clear();
  }

  private onOutput(id: string, data: string): void {
    const at = performance.now();
    void this.client.api.terminals.ack({ id, chars: data.length }).catch(() => undefined);
    const chars = this.received(id) + data.length;
    this.chars.set(id, chars);
    if (!this.prompted.has(id)) {
      const text = (this.opening.get(id) ?? '') + data;
      if (this.prompts.some((p) => text.includes(p))) {
        this.prompted.set(id, { at, chars });
        this.opening.delete(id);
      } else {
        this.opening.set(id, text.slice(-4096));
      }
    }
    this.needles.get(id)?.feed(data, { at, chars });
  }
}
