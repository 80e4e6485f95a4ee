import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { OutputBatcher } from './outputBatcher';

function collect(options?: { intervalMs: number; maxBytes: number }) {
  const flushed: string[] = [];
  const batcher = new OutputBatcher((text) => flushed.push(text), options);
  return { batcher, flushed };
}

describe('OutputBatcher', () => {
  it('keeps a euro sign split 1+2 bytes between chunks whole', () => {
    const { batcher, flushed } = collect();
    const euro = Buffer.from('price: €5', 'utf8');
    const cut = euro.indexOf(0xe2) + 1;
    batcher.push(euro.subarray(0, cut));
    batcher.push(euro.subarray(cut));
    batcher.flush();
    expect(flushed.join('')).toBe('price: €5');
    expect(flushed.join('')).not.toContain('\ufffd');
  });

  it('keeps an emoji split at every byte whole, across flushes', () => {
    const { batcher, flushed } = collect();
    const bytes = Buffer.from('a🚀b', 'utf8');
    for (let i = 0; i < bytes.length; i++) {
      batcher.push(bytes.subarray(i, i + 1));
      batcher.flush();
    }
    expect(flushed.join('')).toBe('a🚀b');
    expect(flushed).toContain('🚀');
  });

  it('flushes small output within a few milliseconds, as one batch', async () => {
    const { batcher, flushed } = collect();
    batcher.push(Buffer.from('one\r\n'));
    batcher.push(Buffer.from('two\r\n'));
    expect(flushed).toEqual([]);
    await sleep(30);
    expect(flushed).toEqual(['one\r\ntwo\r\n']);
  });

  it('hands on the first output after a quiet spell at once, and batches what follows', async () => {
    const { batcher, flushed } = collect({ intervalMs: 50, maxBytes: 64 * 1024 });
    batcher.push(Buffer.from('e'));
    batcher.push(Buffer.from('cho'));
    await new Promise((resolve) => setImmediate(resolve));
    // The echo of a keystroke: one batch, without waiting the interval.
    expect(flushed).toEqual(['echo']);
    batcher.push(Buffer.from('more '));
    await new Promise((resolve) => setImmediate(resolve));
    batcher.push(Buffer.from('output'));
    expect(flushed).toEqual(['echo']);
    await sleep(80);
    expect(flushed).toEqual(['echo', 'more output']);
  });

  it('flushes at once when 64 KB are waiting', () => {
    const { batcher, flushed } = collect();
    const chunk = Buffer.alloc(16 * 1024, 'x');
    for (let i = 0; i < 3; i++) batcher.push(chunk);
    expect(flushed).toEqual([]);
    batcher.push(chunk);
    expect(flushed).toHaveLength(1);
    expect(flushed[0]).toHaveLength(64 * 1024);
    batcher.dispose();
  });

  it('turns a character cut off by the end of the stream into U+FFFD', () => {
    const { batcher, flushed } = collect();
    batcher.push(Buffer.from([0x61, 0xe2, 0x82]));
    batcher.end();
    expect(flushed.join('')).toBe('a\ufffd');
  });

  it('drops waiting output on dispose', async () => {
    const { batcher, flushed } = collect();
    batcher.push(Buffer.from('gone'));
    batcher.dispose();
    await sleep(20);
    expect(flushed).toEqual([]);
  });
});
