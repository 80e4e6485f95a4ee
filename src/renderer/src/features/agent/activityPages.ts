import type { ActivityEvent } from '../../../../shared/contract/agent';

/** The part of a session's activity log the window holds: the newest pages, oldest first. */
export interface LoadedLog {
  events: ActivityEvent[];
  /** Older events exist on the host. */
  hasMore: boolean;
}

/** Adds events to a list sorted by seq, without duplicates (a live event may also be in a page). */
export function mergeEvents(
  existing: readonly ActivityEvent[],
  incoming: readonly ActivityEvent[],
): ActivityEvent[] {
  if (incoming.length === 0) return existing as ActivityEvent[];
  const last = existing[existing.length - 1]?.seq ?? 0;
  // The usual case, live events after the last one, in order: no sort.
  let previous = last;
  let ordered = true;
  for (const e of incoming) {
    if (e.seq <= previous) {
      ordered = false;
      break;
    }
    previous = e.seq;
  }
  if (ordered) return [...existing, ...incoming];
  const bySeq = new Map<number, ActivityEvent>();
  for (const e of existing) bySeq.set(e.seq, e);
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The newest page after a (re)load. It joins what is loaded when the two meet (nothing was
 * missed in between), so earlier pages the user opened stay; else it replaces them.
 */
export function withNewestPage(log: LoadedLog | undefined, page: LoadedLog): LoadedLog {
  const first = page.events[0];
  const last = log?.events[log.events.length - 1];
  if (!log || !first || !last || first.seq > last.seq + 1) return page;
  return { events: mergeEvents(log.events, page.events), hasMore: log.hasMore };
}

/** An older page put before what is loaded. */
export function withEarlierPage(log: LoadedLog, page: LoadedLog): LoadedLog {
  return { events: mergeEvents(log.events, page.events), hasMore: page.hasMore };
}
