import { describe, expect, it } from 'vitest';
import { splitInput } from './splitInput';

describe('splitInput', () => {
  it('keeps short input whole', () => {
    expect(splitInput('ls -la\r')).toEqual(['ls -la\r']);
    expect(splitInput('')).toEqual([]);
  });

  it('cuts a long paste into pieces no longer than the limit, losing nothing', () => {
    const paste = 'x'.repeat(100_000);
    const pieces = splitInput(paste);
    expect(pieces.every((p) => p.length <= 32_768)).toBe(true);
    expect(pieces.join('')).toBe(paste);
  });

  it('never cuts an emoji in half', () => {
    const text = 'ab😀cd';
    const pieces = splitInput(text, 3);
    expect(pieces).toEqual(['ab', '😀c', 'd']);
    expect(pieces.join('')).toBe(text);
  });
});
