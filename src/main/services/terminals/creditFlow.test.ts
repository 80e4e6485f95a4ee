import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreditFlow } from './creditFlow';

describe('credit flow for the pty helper', () => {
  afterEach(() => vi.useRealTimers());

  const setup = (reader = true) => {
    const grants: number[] = [];
    const state = { reader };
    const flow = new CreditFlow({
      grant: (bytes) => grants.push(bytes),
      hasReader: () => state.reader,
    });
    return { flow, grants, state };
  };

  it('gives a batch’s bytes back once its characters are acknowledged', () => {
    const { flow, grants } = setup();
    // Multi-byte text: 3 characters from 9 bytes, then 2 from 2.
    flow.sent(3, 9);
    flow.sent(2, 2);
    expect(grants).toEqual([]);
    flow.ack(2);
    expect(grants).toEqual([]);
    flow.ack(1);
    expect(grants).toEqual([9]);
    flow.ack(2);
    expect(grants).toEqual([9, 2]);
    expect(flow.outstanding).toBe(0);
  });

  it('acknowledgements spanning batches give back every batch they finish', () => {
    const { flow, grants } = setup();
    flow.sent(100, 100);
    flow.sent(100, 150);
    flow.sent(100, 100);
    flow.ack(250);
    expect(grants).toEqual([250]);
    expect(flow.outstanding).toBe(50);
  });

  it('without a reader, output is given back at once', () => {
    const { flow, grants } = setup(false);
    flow.sent(10, 12);
    expect(grants).toEqual([12]);
  });

  it('a reattach or a reader that leaves gives back everything outstanding', () => {
    vi.useFakeTimers();
    const { flow, grants, state } = setup();
    flow.sent(10, 10);
    flow.sent(20, 20);
    flow.reset();
    expect(grants).toEqual([30]);
    flow.sent(5, 5);
    state.reader = false;
    vi.advanceTimersByTime(1000);
    expect(grants).toEqual([30, 5]);
    flow.dispose();
  });
});
