import { describe, expect, it } from 'vitest';
import { mergeEvents, withEarlierPage, withNewestPage } from './activityPages';
import { eventMaker } from './testEvents';

const e = eventMaker();
const all = Array.from({ length: 10 }, (_, i) => e('nudge', { text: String(i + 1) }));
const seqs = (events: { seq: number }[]) => events.map((x) => x.seq);
const range = (from: number, to: number) => all.slice(from - 1, to);

describe('activity pages', () => {
  it('appends live events and drops ones it has', () => {
    expect(seqs(mergeEvents(range(1, 3), range(4, 5)))).toEqual([1, 2, 3, 4, 5]);
    expect(seqs(mergeEvents(range(1, 5), range(4, 6)))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seqs(mergeEvents(range(3, 5), [all[0]!]))).toEqual([1, 3, 4, 5]);
  });

  it('joins a reloaded newest page that meets what is loaded, keeping earlier pages', () => {
    const log = { events: range(3, 6), hasMore: true };
    const joined = withNewestPage(log, { events: range(5, 9), hasMore: true });
    expect(seqs(joined.events)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(joined.hasMore).toBe(true);
    expect(seqs(withNewestPage(log, { events: range(7, 9), hasMore: true }).events)).toEqual([
      3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it('replaces what is loaded when events were missed in between', () => {
    const log = { events: range(1, 3), hasMore: false };
    const page = { events: range(6, 9), hasMore: true };
    expect(withNewestPage(log, page)).toEqual(page);
    expect(withNewestPage(undefined, page)).toEqual(page);
  });

  it('puts an earlier page first and takes its hasMore', () => {
    const log = withEarlierPage(
      { events: range(6, 9), hasMore: true },
      {
        events: range(3, 5),
        hasMore: false,
      },
    );
    expect(seqs(log.events)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(log.hasMore).toBe(false);
  });
});
