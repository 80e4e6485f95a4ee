interface Waiter<T> {
  needle: string;
  /** The last `needle.length - 1` characters seen, so a needle cut between chunks still matches. */
  carry: string;
  resolve(value: T): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Waits for strings in one stream of text. A wait looks only at text fed after it starts, so
 * earlier output cannot satisfy it; each resolves with the value given with the text that
 * completed its needle. A timeout or `failAll` rejects: a benchmark whose output never arrives
 * must fail, not report a number.
 */
export class Needles<T> {
  private readonly waiters = new Set<Waiter<T>>();

  constructor(
    /** Names the stream in errors. */
    private readonly what: string,
  ) {}

  waitFor(needle: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter<T> = {
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

  feed(text: string, value: T): void {
    for (const waiter of this.waiters) {
      const seen = waiter.carry + text;
      if (seen.includes(waiter.needle)) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(value);
      } else {
        waiter.carry = seen.slice(Math.max(0, seen.length - (waiter.needle.length - 1)));
      }
    }
  }

  failAll(why: string): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`${this.what}: ${why} before "${waiter.needle}"`));
    }
    this.waiters.clear();
  }
}
