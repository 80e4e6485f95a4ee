import { describe, expect, it } from 'vitest';
import { FlowControl } from './flowControl';

function stream(reader = true) {
  const calls: string[] = [];
  const target = {
    reader,
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    hasReader: () => target.reader,
  };
  return { target, calls, flow: new FlowControl(target) };
}

describe('FlowControl', () => {
  it('pauses above 100 K unacknowledged characters and resumes below 20 K', () => {
    const { flow, calls } = stream();
    for (let i = 0; i < 6; i++) flow.sent(16_000);
    expect(calls).toEqual([]);
    flow.sent(16_000);
    expect(calls).toEqual(['pause']);
    expect(flow.isPaused).toBe(true);
    flow.ack(60_000);
    expect(calls).toEqual(['pause']);
    flow.ack(40_000);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.unacknowledged).toBe(12_000);
    flow.dispose();
  });

  it('does not pause when no window reads the terminal', () => {
    const { flow, calls } = stream(false);
    for (let i = 0; i < 100; i++) flow.sent(64_000);
    expect(calls).toEqual([]);
    expect(flow.unacknowledged).toBe(0);
  });

  it('a window that subscribes later starts from zero', () => {
    const { flow, calls, target } = stream(false);
    flow.sent(500_000);
    target.reader = true;
    flow.sent(50_000);
    expect(calls).toEqual([]);
    flow.ack(50_000);
    expect(flow.unacknowledged).toBe(0);
  });

  it('attach resets the count and resumes', () => {
    const { flow, calls } = stream();
    flow.sent(150_000);
    flow.reset();
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.unacknowledged).toBe(0);
  });

  it('resumes when the reading window goes away without acknowledging', async () => {
    const { flow, calls, target } = stream();
    flow.sent(150_000);
    target.reader = false;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('acknowledgements never go below zero', () => {
    const { flow } = stream();
    flow.sent(10);
    flow.ack(1000);
    expect(flow.unacknowledged).toBe(0);
  });
});
