import { describe, expect, it } from 'vitest';
import { Scrollback, tail } from './scrollback';

describe('Scrollback', () => {
  it('numbers chunks and keeps them in order', () => {
    const scrollback = new Scrollback('saved\r\n');
    expect(scrollback.seq).toBe(0);
    expect(scrollback.append('one ')).toBe(1);
    expect(scrollback.append('two')).toBe(2);
    expect(scrollback.text).toBe('saved\r\none two');
    expect(scrollback.seq).toBe(2);
  });

  it('keeps at most the limit, the newest output, starting at a line', () => {
    const limit = 1000;
    const scrollback = new Scrollback('', limit);
    for (let i = 0; i < 500; i++) scrollback.append(`line ${i}\r\n`);
    const text = scrollback.text;
    expect(text.length).toBeLessThanOrEqual(limit);
    expect(text.length).toBeGreaterThan(limit - 20);
    expect(text.endsWith('line 499\r\n')).toBe(true);
    expect(text).toMatch(/^line \d+\r\n/);
    expect(scrollback.seq).toBe(500);
  });

  it('bounds memory while output keeps coming', () => {
    const scrollback = new Scrollback();
    const chunk = 'y'.repeat(10_000);
    for (let i = 0; i < 200; i++) scrollback.append(chunk);
    expect(scrollback.text.length).toBe(256 * 1024);
  });

  it('trims saved text that is longer than the limit', () => {
    expect(new Scrollback('a\n'.repeat(100), 50).text.length).toBeLessThanOrEqual(50);
  });
});

describe('tail', () => {
  it('does not split a surrogate pair', () => {
    const text = '🚀'.repeat(10);
    const cut = tail(text, 5);
    expect(cut.codePointAt(0)).toBe(0x1f680);
    expect(cut).not.toMatch(/^[\udc00-\udfff]/);
  });

  it('does not start inside a colour escape sequence', () => {
    const text = 'x'.repeat(100) + '\x1b[38;5;196mred' + 'z'.repeat(40);
    const cut = tail(text, 50);
    expect(cut.startsWith('\x1b[38;5;196m')).toBe(true);
  });

  it('cuts freely after a complete escape sequence', () => {
    const text = 'x'.repeat(100) + '\x1b[0m' + 'z'.repeat(50);
    expect(tail(text, 48)).toBe('z'.repeat(48));
  });
});
