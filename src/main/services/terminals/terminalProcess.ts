import type { ExecProcess } from '../sandboxes/sandboxRuntime';
import { CreditFlow } from './creditFlow';
import { FlowControl } from './flowControl';
import { OutputBatcher, defaultBatchOptions } from './outputBatcher';
import { PtyHelperStream } from './ptyHelperStream';
import { withTimeout } from './shell';

export interface ShellEvents {
  /** A batch of decoded output. */
  output(text: string): void;
  /** The shell ended by itself; null when the engine cannot tell the code. */
  exit(code: number | null): void;
}

export interface ShellWiring {
  /** Whether a window reads this terminal's output (flow control waits only for readers). */
  hasReader(): boolean;
  /** Ends the shell inside the sandbox; closing the stream alone leaves it running. */
  end(): Promise<void>;
}

/** After the stream ends, how long to wait for the engine to report the exit code. */
const exitCodeWaitMs = 10_000;

/**
 * One running shell: its exec stream wired to the output batcher and flow control. When the
 * stream ends it flushes the last output, then reports the exit code.
 */
export class TerminalProcess {
  private readonly batcher: OutputBatcher;
  /** Credit back to the pty helper, or pausing the stream of a plain TTY exec. */
  private readonly flow: CreditFlow | FlowControl;
  private ended = false;
  private killed = false;

  constructor(
    private readonly exec: ExecProcess,
    private readonly events: ShellEvents,
    private readonly wiring: ShellWiring,
  ) {
    const stream = exec.stream;
    const flow =
      stream instanceof PtyHelperStream
        ? new CreditFlow({ grant: (bytes) => stream.grant(bytes), hasReader: wiring.hasReader })
        : new FlowControl({
            pause: () => stream.pause(),
            resume: () => stream.resume(),
            hasReader: wiring.hasReader,
          });
    this.flow = flow;
    this.batcher = new OutputBatcher(
      (text, bytes) => {
        flow.sent(text.length, bytes);
        events.output(text);
      },
      // Under the helper, output arrives as fast as windows take it (credit): waiting 5 ms for
      // more would only add to every round trip. What came in one I/O tick still goes as one.
      flow instanceof CreditFlow ? { intervalMs: 0, maxBytes: 64 * 1024 } : defaultBatchOptions,
    );
    stream.on('data', (chunk: Buffer | string) => {
      if (!this.killed) this.batcher.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    });
    stream.once('end', () => this.finish());
    stream.once('close', () => this.finish());
    // A broken connection ends the shell for us just like `exit` does; the code tells which.
    stream.on('error', () => this.finish());
  }

  /** Whether input can still reach the shell. */
  get alive(): boolean {
    return !this.ended && !this.killed;
  }

  write(data: string): void {
    this.exec.stream.write(data);
  }

  resize(cols: number, rows: number): Promise<void> {
    return this.exec.resize(cols, rows);
  }

  /** Hands on output still waiting in the batcher (before the scrollback is saved). */
  flush(): void {
    this.batcher.flush();
  }

  ack(chars: number): void {
    this.flow.ack(chars);
  }

  resetFlow(): void {
    this.flow.reset();
  }

  /** Ends the shell without reporting an exit; waits until it is gone from the sandbox. */
  async kill(): Promise<void> {
    if (this.killed) return;
    this.killed = true;
    this.flow.dispose();
    this.batcher.dispose();
    const stream = this.exec.stream;
    try {
      // Even when the stream has ended the shell may live on (a dropped connection): end it.
      await this.wiring.end();
    } catch {
      // The sandbox is already gone (stopped or lost): so is the shell.
    } finally {
      stream.destroy();
    }
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.flow.dispose();
    if (this.killed) return;
    this.batcher.end();
    void withTimeout(this.exec.wait(), exitCodeWaitMs)
      .catch(() => null)
      .then((code) => {
        if (!this.killed) this.events.exit(code);
      });
  }
}
