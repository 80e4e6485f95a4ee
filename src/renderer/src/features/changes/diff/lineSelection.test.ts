import { describe, expect, it } from 'vitest';
import {
  clampRange,
  isRangeSelection,
  linesLabel,
  selectionLines,
  spanLines,
} from './lineSelection';

const sel = (sl: number, sc: number, el: number, ec: number) => ({
  startLineNumber: sl,
  startColumn: sc,
  endLineNumber: el,
  endColumn: ec,
});

describe('selectionLines', () => {
  it('takes every line a selection touches', () => {
    expect(selectionLines(sel(3, 5, 6, 2))).toEqual({ startLine: 3, endLine: 6 });
    expect(selectionLines(sel(4, 1, 4, 9))).toEqual({ startLine: 4, endLine: 4 });
  });

  it('drops a last line the selection only reaches at column 1 (line-number clicks)', () => {
    expect(selectionLines(sel(3, 1, 5, 1))).toEqual({ startLine: 3, endLine: 4 });
    expect(selectionLines(sel(7, 1, 7, 1))).toEqual({ startLine: 7, endLine: 7 });
  });
});

describe('line helpers', () => {
  it('tells a caret from a selection', () => {
    expect(isRangeSelection(sel(2, 3, 2, 3))).toBe(false);
    expect(isRangeSelection(sel(2, 3, 2, 4))).toBe(true);
    expect(isRangeSelection(sel(2, 1, 3, 1))).toBe(true);
  });

  it('spans from an anchor either way', () => {
    expect(spanLines(9, 4)).toEqual({ startLine: 4, endLine: 9 });
    expect(spanLines(4, 9)).toEqual({ startLine: 4, endLine: 9 });
  });

  it('clamps a range into the file', () => {
    expect(clampRange({ startLine: 8, endLine: 12 }, 10)).toEqual({ startLine: 8, endLine: 10 });
    expect(clampRange({ startLine: 14, endLine: 15 }, 10)).toEqual({ startLine: 10, endLine: 10 });
    expect(clampRange({ startLine: 1, endLine: 1 }, 0)).toEqual({ startLine: 1, endLine: 1 });
  });

  it('labels one line and a range', () => {
    expect(linesLabel({ startLine: 3, endLine: 3 })).toBe('line 3');
    expect(linesLabel({ startLine: 3, endLine: 4 })).toBe('lines 3–4');
  });
});
