export interface AckBatcher {
  /** Counts characters xterm has written; sends when the batch is full or old enough. */
  add(chars: number): void;
  /** Sends what is pending now. */
  flush(): void;
  /** Forgets what is pending (the host reset its flow-control window). */
  reset(): void;
}

export interface AckBatcherOptions {
  /** Send once this many characters are pending. */
  maxChars?: number;
  /** Send at the latest this long after the first pending character. */
  maxDelayMs?: number;
}

/**
 * Batches flow-control acknowledgements: one message per 5 000 characters or 50 ms, whichever
 * comes first. The host pauses output above about 100 K unacknowledged characters, so 5 K keeps
 * the window far from full while sending at most ~20 acks per second for a busy terminal.
 */
export function createAckBatcher(
  send: (chars: number) => void,
  { maxChars = 5_000, maxDelayMs = 50 }: AckBatcherOptions = {},
): AckBatcher {
  let pending = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const clearTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const flush = (): void => {
    clearTimer();
    if (pending === 0) return;
    const chars = pending;
    pending = 0;
    send(chars);
  };

  return {
    add(chars) {
      if (chars <= 0) return;
      pending += chars;
      if (pending >= maxChars) flush();
      else if (timer === undefined) timer = setTimeout(flush, maxDelayMs);
    },
    flush,
    reset() {
      clearTimer();
      pending = 0;
    },
  };
}
