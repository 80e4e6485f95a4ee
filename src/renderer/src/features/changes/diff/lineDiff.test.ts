import { describe, expect, it } from 'vitest';
import { diffLines, splitLines, type LineEdit } from './lineDiff';

const apply = (a: string[], b: string[], edits: LineEdit[]): string[] => {
  const out: string[] = [];
  let at = 0;
  for (const e of edits) {
    out.push(...a.slice(at, e.oldStart), ...b.slice(e.newStart, e.newEnd));
    at = e.oldEnd;
  }
  return [...out, ...a.slice(at)];
};

describe('splitLines', () => {
  it('keeps each line break with its line', () => {
    expect(splitLines('a\nb\r\nc\rd')).toEqual(['a\n', 'b\r\n', 'c\r', 'd']);
    expect(splitLines('a\n\n')).toEqual(['a\n', '\n']);
    expect(splitLines('')).toEqual([]);
  });
});

describe('diffLines', () => {
  it('finds nothing in equal texts', () => {
    expect(diffLines(['a', 'b'], ['a', 'b'])).toEqual([]);
  });

  it('keeps separate changes separate', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8'];
    const b = ['1', 'new', '2', '3', '4', '5', 'six', '7', '8', 'tail'];
    const edits = diffLines(a, b);
    expect(edits).toEqual([
      { oldStart: 1, oldEnd: 1, newStart: 1, newEnd: 2 },
      { oldStart: 5, oldEnd: 6, newStart: 6, newEnd: 7 },
      { oldStart: 8, oldEnd: 8, newStart: 9, newEnd: 10 },
    ]);
    expect(apply(a, b, edits)).toEqual(b);
  });

  it('turns any text into any other', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(random() * 30) }, () =>
        String(Math.floor(random() * 5)),
      );
      const b = Array.from({ length: Math.floor(random() * 30) }, () =>
        String(Math.floor(random() * 5)),
      );
      expect(apply(a, b, diffLines(a, b))).toEqual(b);
    }
  });

  it('gives one edit over the middle when too much changed', () => {
    const a = ['head', ...Array.from({ length: 50 }, (_, i) => `a${i}`), 'tail'];
    const b = ['head', ...Array.from({ length: 50 }, (_, i) => `b${i}`), 'tail'];
    expect(diffLines(a, b, 20)).toEqual([{ oldStart: 1, oldEnd: 51, newStart: 1, newEnd: 51 }]);
    expect(apply(a, b, diffLines(a, b, 20))).toEqual(b);
  });

  it('is quick on a 100,000-line file with a few changes', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => `export const value${i} = ${i};\n`);
    const b = [...a];
    b[10] = 'changed\n';
    b.splice(50_000, 0, 'inserted\n');
    b.splice(90_000, 2);
    const started = performance.now();
    const edits = diffLines(a, b);
    expect(performance.now() - started).toBeLessThan(500);
    expect(edits).toHaveLength(3);
    expect(apply(a, b, edits)).toEqual(b);
  });
});
