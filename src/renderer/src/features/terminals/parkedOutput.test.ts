import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParkedOutput } from './parkedOutput';

describe('output of a hidden tab', () => {
  afterEach(() => vi.useRealTimers());

  it('is kept in order and acknowledged at a pace, then all at once when shown', () => {
    vi.useFakeTimers();
    const acks: number[] = [];
    const parked = new ParkedOutput((chars) => acks.push(chars), 1_000_000, 10_000);
    parked.park('a'.repeat(3000));
    parked.park('b'.repeat(3000));
    expect(acks).toEqual([]);
    // 10 000 characters a second: 1 000 per 100 ms.
    vi.advanceTimersByTime(100);
    expect(acks).toEqual([1000]);
    vi.advanceTimersByTime(100);
    expect(acks).toEqual([1000, 1000]);
    const kept = parked.take();
    expect(kept).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
    expect(acks.reduce((a, b) => a + b)).toBe(6000);
    expect(parked.empty).toBe(true);
  });

  it('past its limit keeps nothing and asks for the snapshot, still acknowledging', () => {
    vi.useFakeTimers();
    const acks: number[] = [];
    const parked = new ParkedOutput((chars) => acks.push(chars), 5000, 1_000_000);
    parked.park('x'.repeat(4000));
    parked.park('y'.repeat(4000));
    parked.park('z'.repeat(4000));
    vi.advanceTimersByTime(100);
    expect(acks).toEqual([12_000]);
    expect(parked.take()).toBe('stale');
  });

  it('forgets pending acknowledgements when a snapshot replaces it', () => {
    vi.useFakeTimers();
    const acks: number[] = [];
    const parked = new ParkedOutput((chars) => acks.push(chars));
    parked.park('hello');
    parked.clear();
    vi.advanceTimersByTime(1000);
    expect(acks).toEqual([]);
    expect(parked.take()).toEqual([]);
  });
});
