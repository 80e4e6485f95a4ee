import { StringDecoder } from 'node:string_decoder';

export interface BatchOptions {
  /** How long the first chunk of a batch may wait for more. */
  intervalMs: number;
  /** Flush at once when this many bytes are waiting. */
  maxBytes: number;
}

/**
 * 5 ms merges the many small writes a busy program makes (one per line, often) into one event
 * without a delay anyone can see; 64 KB caps one event so a flood still reaches the window in
 * pieces xterm parses in a few milliseconds (VS Code's terminalDataBuffering uses the same 5 ms).
 */
export const defaultBatchOptions: BatchOptions = { intervalMs: 5, maxBytes: 64 * 1024 };

/**
 * Collects raw PTY bytes and hands them on as text in batches. The decoder keeps the bytes of a
 * character cut between two chunks until the rest arrives, so `€` or an emoji split by the
 * socket is never turned into replacement characters.
 */
export class OutputBatcher {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private pendingBytes = 0;
  /** Cancels the scheduled flush, while one is scheduled. */
  private cancelScheduled: (() => void) | undefined;
  private lastFlush = 0;

  constructor(
    /** `bytes`: how many bytes of output the text was decoded from. */
    private readonly onFlush: (text: string, bytes: number) => void,
    private readonly options: BatchOptions = defaultBatchOptions,
  ) {}

  push(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= this.options.maxBytes) this.flush();
    else if (!this.cancelScheduled) this.schedule();
  }

  /**
   * After a quiet spell (no flush for a whole interval) the first output is a keystroke's echo or
   * a prompt: hand it on as soon as this tick's chunks are in, not 5 ms later. While output keeps
   * coming, batches wait the interval as usual.
   */
  private schedule(): void {
    if (Date.now() - this.lastFlush >= this.options.intervalMs) {
      const immediate = setImmediate(() => this.flush());
      this.cancelScheduled = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(() => this.flush(), this.options.intervalMs);
      this.cancelScheduled = () => clearTimeout(timer);
    }
  }

  private cancelFlush(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }

  /** Hands on whatever complete text is waiting. */
  flush(): void {
    this.cancelFlush();
    this.lastFlush = Date.now();
    const text = this.pending;
    // Bytes of a character the decoder still holds wait for the batch that completes it.
    if (!text) return;
    const bytes = this.pendingBytes;
    this.pending = '';
    this.pendingBytes = 0;
    this.onFlush(text, bytes);
  }

  /** The stream ended: a character left incomplete becomes U+FFFD, then everything is flushed. */
  end(): void {
    this.pending += this.decoder.end();
    this.flush();
  }

  /** Drops what is waiting without handing it on (the terminal is being closed). */
  dispose(): void {
    this.cancelFlush();
    this.pending = '';
    this.pendingBytes = 0;
  }
}
