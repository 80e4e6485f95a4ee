import { describe, expect, it } from 'vitest';
import { createInputQueue } from './inputQueue';

function deferredSender() {
  const sent: string[] = [];
  const pending: Array<() => void> = [];
  const send = (data: string): Promise<void> => {
    sent.push(data);
    return new Promise((resolve) => pending.push(resolve));
  };
  const settle = async (): Promise<void> => {
    pending.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { sent, send, settle };
}

describe('createInputQueue', () => {
  it('joins keys typed while a write is in flight into the next write, in order', async () => {
    const { sent, send, settle } = deferredSender();
    const queue = createInputQueue(send, () => {});
    queue.push('l');
    queue.push('s');
    queue.push('\r');
    expect(sent).toEqual(['l']);
    await settle();
    expect(sent).toEqual(['l', 's\r']);
  });

  it('sends a big paste in pieces, followed by the keys typed after it', async () => {
    const { sent, send, settle } = deferredSender();
    const queue = createInputQueue(send, () => {}, 4);
    queue.push('abcdefghij');
    queue.push('!');
    for (let i = 0; i < 4; i++) await settle();
    expect(sent).toEqual(['abcd', 'efgh', 'ij!']);
  });

  it('reports a failed write and drops what was queued behind it', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const queue = createInputQueue(
      async () => {
        calls += 1;
        throw new Error('terminal exited');
      },
      (e) => errors.push(e),
      2,
    );
    queue.push('abcdef');
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
  });
});
