import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { Needles } from './needles';

/**
 * Watches a terminal byte stream for a string. Each wait looks only at output that arrives after
 * it starts, so an earlier prompt or echo cannot satisfy it, and resolves with performance.now()
 * of the chunk that completed the match. A stream that ends or a timeout rejects: a benchmark
 * whose output never arrives must fail, not report a number.
 */
export class OutputWatch {
  private readonly needles: Needles<number>;
  private ended: string | undefined;
  /** Bytes seen since the watch started. */
  bytes = 0;

  constructor(
    stream: Readable,
    private readonly what: string,
  ) {
    this.needles = new Needles(what);
    stream.on('data', (chunk: Buffer | string) => this.onData(chunk));
    stream.once('end', () => this.fail('its stream ended'));
    stream.once('close', () => this.fail('its stream closed'));
    stream.once('error', (error: Error) => this.fail(`its stream failed: ${error.message}`));
  }

  waitFor(needle: string, timeoutMs: number): Promise<number> {
    if (this.ended)
      return Promise.reject(new Error(`${this.what}: ${this.ended} before "${needle}"`));
    return this.needles.waitFor(needle, timeoutMs);
  }

  private onData(chunk: Buffer | string): void {
    const at = performance.now();
    // latin1 maps bytes one to one and never splits a character: the needles are ASCII.
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    this.bytes += text.length;
    this.needles.feed(text, at);
  }

  private fail(why: string): void {
    this.ended ??= why;
    this.needles.failAll(why);
  }
}
