import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAckBatcher } from './ackBatcher';

describe('createAckBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends at once when 5 000 characters are pending', () => {
    const sent: number[] = [];
    const acks = createAckBatcher((n) => sent.push(n));
    acks.add(3_000);
    expect(sent).toEqual([]);
    acks.add(2_500);
    expect(sent).toEqual([5_500]);
  });

  it('sends a small batch after 50 ms', () => {
    const sent: number[] = [];
    const acks = createAckBatcher((n) => sent.push(n));
    acks.add(10);
    acks.add(20);
    vi.advanceTimersByTime(49);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([30]);
  });

  it('forgets pending characters on reset', () => {
    const sent: number[] = [];
    const acks = createAckBatcher((n) => sent.push(n));
    acks.add(100);
    acks.reset();
    vi.advanceTimersByTime(100);
    acks.flush();
    expect(sent).toEqual([]);
  });
});
