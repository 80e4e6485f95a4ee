/**
 * Reads every 50 ms until the answer is not `undefined`, and returns it. A read that throws
 * counts as "not yet" (an engine that is away, say); at the deadline it fails naming what it
 * waited for and the last error seen.
 */
export async function within<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError === undefined ? '' : ` (last error: ${String(lastError)})`;
      throw new Error(`Timed out waiting for ${what}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
