/** A hidden tab keeps this much output to write when shown; past it, it reloads the snapshot. */
export const parkedLimitChars = 256 * 1024;
/** How fast a hidden tab lets its shell go on (its output is acknowledged at this pace). */
export const hiddenCharsPerSecond = 1_000_000;
const paceMs = 100;

/**
 * Output of a tab that is not shown. It is kept, not written into xterm (parsing a hidden flood
 * would take the main thread from the visible tab), and acknowledged at a modest pace, so a
 * build in a hidden tab goes on while a flood there costs the window little. Past the host's own
 * scrollback size the kept text is dropped: showing the tab then reloads the host's snapshot,
 * which holds the same tail.
 */
export class ParkedOutput {
  private chunks: string[] = [];
  private chars = 0;
  private stale = false;
  private unacked = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ack: (chars: number) => void,
    private readonly limit = parkedLimitChars,
    private readonly perSecond = hiddenCharsPerSecond,
  ) {}

  park(data: string): void {
    this.unacked += data.length;
    this.timer ??= setTimeout(() => this.pace(), paceMs);
    if (this.stale) return;
    this.chunks.push(data);
    this.chars += data.length;
    if (this.chars > this.limit) {
      this.chunks = [];
      this.chars = 0;
      this.stale = true;
    }
  }

  /**
   * The tab is shown: what it kept (in order), or 'stale' when it must reload the snapshot.
   * Everything parked is acknowledged now, so its shell goes on at full speed.
   */
  take(): string[] | 'stale' {
    this.release(this.unacked);
    const taken = this.stale ? 'stale' : this.chunks;
    this.clear();
    return taken;
  }

  /** Forgets everything (a snapshot replaced it, or the tab is gone). Pending acks are dropped. */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.chunks = [];
    this.chars = 0;
    this.stale = false;
    this.unacked = 0;
  }

  get empty(): boolean {
    return this.chars === 0 && !this.stale && this.unacked === 0;
  }

  private pace(): void {
    this.timer = undefined;
    this.release(Math.min(this.unacked, (this.perSecond * paceMs) / 1000));
    if (this.unacked > 0) this.timer = setTimeout(() => this.pace(), paceMs);
  }

  private release(chars: number): void {
    if (chars <= 0) return;
    this.unacked -= chars;
    this.ack(chars);
  }
}
