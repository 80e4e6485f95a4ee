import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';

interface Waiter {
  needle: string;
  /** The last `needle.length - 1` characters seen, so a needle cut between chunks still matches. */
  carry: string;
  resolve(at: number): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Watches a terminal byte stream for a string. Each wait looks only at output that arrives after
 * it starts, so an earlier prompt or echo cannot satisfy it, and resolves with performance.now()
 * of the chunk that completed the match. A stream that ends or a timeout rejects: a benchmark
 * whose output never arrives must fail, not report a number.
 */
export class OutputWatch {
  private readonly waiters = new Set<Waiter>();
  private ended: string | undefined;
  /** Bytes seen since the watch started. */
  bytes = 0;

  constructor(
    stream: Readable,
    private readonly what: string,
  ) {
    stream.on('data', (chunk: Buffer | string) => this.onData(chunk));
    stream.once('end', () => this.fail('its stream ended'));
    stream.once('close', () => this.fail('its stream closed'));
    stream.once('error', (error: Error) => this.fail(`its stream failed: ${error.message}`));
  }

  waitFor(needle: string, timeoutMs: number): Promise<number> {
    if (this.ended)
      return Promise.reject(new Error(`${this.what}: ${this.ended} before "${needle}"`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        needle,
        carry: '',
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`${this.what}: "${needle}" did not arrive within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  private onData(chunk: Buffer | string): void {
    const at = performance.now();
    // latin1 maps bytes one to one and never splits a character: the needles are ASCII.
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    this.bytes += text.length;
    for (const waiter of this.waiters) {
      const seen = waiter.carry + text;
      if (seen.includes(waiter.needle)) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(at);
      } else {
        waiter.carry = seen.slice(Math.max(0, seen.length - (waiter.needle.length - 1)));
      }
    }
  }

  private fail(why: string): void {
    this.ended ??= why;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`${this.what}: ${why} before "${waiter.needle}"`));
    }
    this.waiters.clear();
  }
}
