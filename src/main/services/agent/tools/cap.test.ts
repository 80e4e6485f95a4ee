import { describe, expect, it } from 'vitest';
import { capText, HeadTailCollector, logCap, modelCap } from './cap';

const numbered = (from: number, to: number): string => {
  let text = '';
  for (let n = from; n <= to; n++) text += `${n}\n`;
  return text;
};

describe('capText', () => {
  it('leaves text within the limits alone', () => {
    expect(capText('a\nb\nc')).toEqual({ text: 'a\nb\nc', truncated: false });
    expect(capText('')).toEqual({ text: '', truncated: false });
    const exactly = numbered(1, 256);
    expect(capText(exactly)).toEqual({ text: exactly, truncated: false });
  });

  it('keeps the first and last 128 lines and says how many went', () => {
    const { text, truncated } = capText(numbered(1, 100_000));
    expect(truncated).toBe(true);
    const lines = text.split('\n');
    expect(lines.slice(0, 128)).toEqual(numbered(1, 128).split('\n').slice(0, 128));
    expect(lines[128]).toBe('[… 99744 lines elided …]');
    expect(lines.slice(129, -1)).toEqual(numbered(99_873, 100_000).split('\n').slice(0, 128));
    expect(text.endsWith('100000\n')).toBe(true);
  });

  it('keeps head and tail within 10 KiB when the lines are long', () => {
    const line = (n: number) => `${String(n).padStart(4, '0')} ${'x'.repeat(195)}\n`;
    const input = Array.from({ length: 200 }, (_, n) => line(n)).join('');
    const { text, truncated } = capText(input);
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(modelCap.maxBytes);
    expect(text.startsWith(line(0))).toBe(true);
    expect(text.endsWith(line(199))).toBe(true);
    expect(text).toMatch(/\n\[… \d+ lines elided …\]\n/);
    // Whole lines only: each kept line is intact.
    for (const kept of text.split('\n').filter((l) => !l.startsWith('[…') && l !== '')) {
      expect(kept).toHaveLength(200);
    }
  });

  it('cuts a single huge line and keeps its start and end', () => {
    const input = `BEGIN${'y'.repeat(50_000)}END`;
    const { text, truncated } = capText(input);
    expect(truncated).toBe(true);
    expect(text.startsWith('BEGIN')).toBe(true);
    expect(text.endsWith('END')).toBe(true);
    expect(text).toMatch(/\[… \d+ bytes elided …\]/);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(modelCap.maxBytes);
  });

  it('never splits a multi-byte character', () => {
    const { text } = capText('é'.repeat(20_000));
    expect(text).not.toContain('\uFFFD');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(modelCap.maxBytes);
  });
});

describe('HeadTailCollector', () => {
  it('gives the same result however the stream is chunked', () => {
    const input = numbered(1, 5000) + 'no newline at the end';
    const whole = capText(input);
    const collector = new HeadTailCollector(modelCap);
    for (let i = 0; i < input.length; i += 7) collector.push(input.slice(i, i + 7));
    expect(collector.result()).toEqual(whole);
    expect(whole.text.endsWith('5000\nno newline at the end')).toBe(true);
  });

  it('keeps 1 MiB of a 3 MiB log, head and tail', () => {
    const collector = new HeadTailCollector(logCap);
    const chunk = 'z'.repeat(99) + '\n';
    collector.push('FIRST\n');
    for (let i = 0; i < 30_000; i++) collector.push(chunk);
    collector.push('LAST\n');
    const { text, truncated } = collector.result();
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(logCap.maxBytes);
    expect(Buffer.byteLength(text)).toBeGreaterThan(logCap.maxBytes - 200);
    expect(text.startsWith('FIRST\n')).toBe(true);
    expect(text.endsWith('LAST\n')).toBe(true);
  });

  it('bounds memory for a line that never ends', () => {
    const collector = new HeadTailCollector(modelCap);
    for (let i = 0; i < 1000; i++) collector.push('w'.repeat(1000));
    const { text, truncated } = collector.result();
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(modelCap.maxBytes);
  });
});
