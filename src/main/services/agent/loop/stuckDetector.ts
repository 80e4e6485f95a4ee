/** One tool call and what came of it, as the stuck detector compares them. */
export interface CallRecord {
  /** Tool name and canonical input. */
  action: string;
  /** The result text the model saw. */
  observation: string;
  isError: boolean;
}

export type StuckVerdict =
  { kind: 'ok' } | { kind: 'nudge'; text: string } | { kind: 'stuck'; detail: string };

/**
 * Stuck detection over the calls of the current turn, with OpenHands' thresholds: the same call
 * with the same result 4 times in a row; the same call failing the same way 3 times (a nudge
 * first, stuck on the 4th); an A, B, A, B … alternation over 6 calls.
 */
export function judgeCalls(calls: readonly CallRecord[], nudged: boolean): StuckVerdict {
  const last = calls[calls.length - 1];
  if (!last) return { kind: 'ok' };
  const sameTail = (n: number) =>
    calls.length >= n &&
    calls.slice(-n).every((c) => c.action === last.action && c.observation === last.observation);
  if (last.isError) {
    if (sameTail(4) || (nudged && sameTail(3))) {
      return {
        kind: 'stuck',
        detail: `the same call failed the same way ${sameTail(4) ? 4 : 3} times in a row (${summary(last.action)})`,
      };
    }
    if (sameTail(3)) {
      return {
        kind: 'nudge',
        text: `You have called ${summary(last.action)} with the same arguments 3 times in a row and got the same error. Try a different approach.`,
      };
    }
  } else if (sameTail(4)) {
    return {
      kind: 'stuck',
      detail: `the same call gave the same result 4 times in a row (${summary(last.action)})`,
    };
  }
  if (calls.length >= 6) {
    const tail = calls.slice(-6);
    const [a, b] = [tail[0]!, tail[1]!];
    const alternates =
      a.action !== b.action &&
      tail.every((c, i) => {
        const ref = i % 2 === 0 ? a : b;
        return c.action === ref.action && c.observation === ref.observation;
      });
    if (alternates) {
      return {
        kind: 'stuck',
        detail: `the agent alternated between the same two calls 6 times (${summary(a.action)} and ${summary(b.action)})`,
      };
    }
  }
  return { kind: 'ok' };
}

function summary(action: string): string {
  return action.length > 120 ? `${action.slice(0, 117)}…` : action;
}
