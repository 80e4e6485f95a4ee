export interface Watermarks {
  /** Pause the shell's output above this many unacknowledged characters. */
  high: number;
  /** Resume once acknowledgements bring the count below this. */
  low: number;
}

/**
 * xterm.js parses plain output at roughly 5–10 MB/s, so 100 K characters in flight is 10–20 ms of
 * work for the window: enough that one 64 KB batch never pauses the shell by itself, small enough
 * that Ctrl+C in a flood shows its effect at once and a slow window holds little. Resuming at
 * 20 K, while the window still has a few milliseconds of output queued, keeps the pipe from
 * running dry; the 80 K gap means one resume per several batches, not one per ack.
 */
export const defaultWatermarks: Watermarks = { high: 100_000, low: 20_000 };

export interface FlowTarget {
  pause(): void;
  resume(): void;
  /** Whether any window reads this terminal's output now. */
  hasReader(): boolean;
}

/** While paused, how often to look whether the reading window went away without acknowledging. */
const readerCheckMs = 1000;

/**
 * Acknowledged flow control for one terminal (as Tabby and VS Code do it): counts the characters
 * sent to windows and not yet written into xterm, pausing the exec stream while too many are
 * outstanding. With no reader nothing is outstanding: the host scrollback keeps the tail.
 */
export class FlowControl {
  private unacked = 0;
  private paused = false;
  private readerCheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly target: FlowTarget,
    private readonly watermarks: Watermarks = defaultWatermarks,
  ) {}

  /** `chars` more characters went out to the windows. */
  sent(chars: number, _bytes?: number): void {
    if (!this.target.hasReader()) {
      this.reset();
      return;
    }
    this.unacked += chars;
    if (!this.paused && this.unacked > this.watermarks.high) this.pause();
  }

  /** A window wrote `chars` more characters into xterm. */
  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked < this.watermarks.low) this.resume();
  }

  /** A window (re)attached with the scrollback: nothing before it is outstanding. */
  reset(): void {
    this.unacked = 0;
    if (this.paused) this.resume();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get unacknowledged(): number {
    return this.unacked;
  }

  dispose(): void {
    if (this.readerCheck) clearInterval(this.readerCheck);
    this.readerCheck = undefined;
  }

  private pause(): void {
    this.paused = true;
    this.target.pause();
    this.readerCheck = setInterval(() => {
      if (!this.target.hasReader()) this.reset();
    }, readerCheckMs);
    this.readerCheck.unref();
  }

  private resume(): void {
    this.paused = false;
    this.dispose();
    this.target.resume();
  }
}
