import { describe, expect, it } from 'vitest';
import { type Hunk, lineDiff, splitLines } from './lineDiff';

/** Applies hunks to `a`: the result must be `b` for the diff to be right. */
function apply(a: readonly string[], b: readonly string[], hunks: readonly Hunk[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const h of hunks) {
    out.push(...a.slice(at, h.oldStart), ...b.slice(h.newStart, h.newStart + h.newLines));
    at = h.oldStart + h.oldLines;
  }
  return [...out, ...a.slice(at)];
}

const edits = (hunks: readonly Hunk[]) => hunks.reduce((n, h) => n + h.oldLines + h.newLines, 0);

/** The fewest inserted plus deleted lines, by the textbook LCS table. */
function shortestEdit(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) {
      next.push(line === b[j] ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
    }
    row = next;
  }
  return a.length + b.length - 2 * row[b.length]!;
}

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

describe('splitLines', () => {
  it('splits on \\n, drops a trailing \\r and does not count a final newline as a line', () => {
    expect(splitLines('a\r\nb\r\n')).toEqual(['a', 'b']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
    expect(splitLines('\n')).toEqual(['']);
    expect(splitLines('')).toEqual([]);
  });
});

describe('lineDiff', () => {
  it('finds no hunk in equal files', () => {
    expect(lineDiff(['a', 'b'], ['a', 'b'])).toEqual([]);
    expect(lineDiff([], [])).toEqual([]);
  });

  it('gives 0-based hunks for an insertion, a deletion and a replacement', () => {
    expect(lineDiff(['a', 'c'], ['a', 'b', 'c'])).toEqual([
      { oldStart: 1, oldLines: 0, newStart: 1, newLines: 1 },
    ]);
    expect(lineDiff(['a', 'b', 'c'], ['a', 'c'])).toEqual([
      { oldStart: 1, oldLines: 1, newStart: 1, newLines: 0 },
    ]);
    expect(lineDiff(['a', 'b', 'c'], ['a', 'x', 'y', 'c'])).toEqual([
      { oldStart: 1, oldLines: 1, newStart: 1, newLines: 2 },
    ]);
    expect(lineDiff(['a'], ['b'])).toEqual([
      { oldStart: 0, oldLines: 1, newStart: 0, newLines: 1 },
    ]);
    expect(lineDiff([], ['a'])).toEqual([{ oldStart: 0, oldLines: 0, newStart: 0, newLines: 1 }]);
  });

  it('is minimal and reproduces the new side, on random small files', () => {
    // A seeded generator, so a failure can be replayed.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const a = Array.from({ length: random(30) }, () => 'abcde'[random(5)]!);
      const b = Array.from({ length: random(30) }, () => 'abcde'[random(5)]!);
      const hunks = lineDiff(a, b)!;
      expect(apply(a, b, hunks)).toEqual(b);
      expect(edits(hunks)).toBe(shortestEdit(a, b));
      hunks.slice(1).forEach((h, i) => {
        expect(h.oldStart).toBeGreaterThan(hunks[i]!.oldStart + hunks[i]!.oldLines - 1);
        expect(h.oldLines + h.newLines).toBeGreaterThan(0);
      });
    }
  });

  it('diffs a 100,000-line file with 10 scattered edits into exactly those edits', () => {
    const a = numbered(100_000);
    const b = [...a];
    for (let i = 9; i >= 0; i--) b.splice(i * 10_000 + 5_000, 1, `edited ${i}`);
    const hunks = lineDiff(a, b);
    expect(hunks).toEqual(
      Array.from({ length: 10 }, (_, i) => ({
        oldStart: i * 10_000 + 5_000,
        oldLines: 1,
        newStart: i * 10_000 + 5_000,
        newLines: 1,
      })),
    );
  });

  it('returns null when the files differ by more than the cap', () => {
    const a = numbered(100_000);
    const b = a.map((line) => `${line} reformatted`);
    expect(lineDiff(a, b)).toBeNull();
    expect(lineDiff(['a', 'b', 'c'], ['x', 'y', 'z'], 4)).toBeNull();
    expect(lineDiff(['a', 'b', 'c'], ['x', 'y', 'z'], 6)).toHaveLength(1);
  });
});
