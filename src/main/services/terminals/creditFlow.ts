/** What credit flow control drives: the pty helper, which sends output only against credit. */
export interface CreditTarget {
  /** Lets the helper send `bytes` more. */
  grant(bytes: number): void;
  /** Whether any window reads this terminal's output now. */
  hasReader(): boolean;
}

/** While output waits for acknowledgements, how often to look whether its reader went away. */
const readerCheckMs = 1000;

/**
 * End-to-end flow control for a shell under the pty helper: the helper starts with a window of
 * credit, and every batch the window acknowledges (written into xterm) gives its bytes back. So
 * at most a window of output is ever between the terminal in the sandbox and xterm, however
 * slow the window, and the pipe stays full as long as xterm keeps up. Without a reader, output
 * is given back as soon as it is sent (the host's scrollback keeps the tail).
 */
export class CreditFlow {
  /** Batches sent to windows and not yet acknowledged, oldest first. */
  private readonly unacked: { chars: number; bytes: number }[] = [];
  /** Characters of the oldest batch already acknowledged. */
  private partial = 0;
  private readerCheck: NodeJS.Timeout | undefined;

  constructor(private readonly target: CreditTarget) {}

  /** A batch of `chars` characters, made of `bytes` bytes of output, went out to the windows. */
  sent(chars: number, bytes: number): void {
    if (bytes === 0) return;
    if (!this.target.hasReader()) {
      this.target.grant(bytes);
      return;
    }
    this.unacked.push({ chars, bytes });
    this.readerCheck ??= setInterval(() => {
      if (!this.target.hasReader()) this.reset();
    }, readerCheckMs);
    this.readerCheck.unref();
  }

  /** A window wrote `chars` more characters into xterm: their bytes go back as credit. */
  ack(chars: number): void {
    let left = this.partial + chars;
    let bytes = 0;
    while (this.unacked.length > 0 && left >= this.unacked[0]!.chars) {
      const batch = this.unacked.shift()!;
      left -= batch.chars;
      bytes += batch.bytes;
    }
    this.partial = this.unacked.length > 0 ? left : 0;
    if (this.unacked.length === 0) this.stopCheck();
    if (bytes > 0) this.target.grant(bytes);
  }

  /** A window (re)attached with the scrollback, or the reader left: nothing is outstanding. */
  reset(): void {
    const bytes = this.unacked.reduce((sum, batch) => sum + batch.bytes, 0);
    this.unacked.length = 0;
    this.partial = 0;
    this.stopCheck();
    if (bytes > 0) this.target.grant(bytes);
  }

  dispose(): void {
    this.stopCheck();
  }

  /** Characters sent and not yet acknowledged. */
  get outstanding(): number {
    return this.unacked.reduce((sum, batch) => sum + batch.chars, 0) - this.partial;
  }

  private stopCheck(): void {
    if (this.readerCheck) clearInterval(this.readerCheck);
    this.readerCheck = undefined;
  }
}
