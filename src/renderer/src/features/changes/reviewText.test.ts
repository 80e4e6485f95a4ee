import { describe, expect, it } from 'vitest';
import {
  commentsSummary,
  lineCountsText,
  linesText,
  reviewNote,
  totalsText,
  visiblePath,
} from './reviewText';

describe('review text', () => {
  it('says the totals with singular forms and a real minus', () => {
    expect(totalsText({ files: 3, additions: 12, deletions: 4 })).toBe(
      '3 files changed · +12 \u22124',
    );
    expect(totalsText({ files: 1, additions: 0, deletions: 0 })).toBe(
      '1 file changed · +0 \u22120',
    );
    expect(totalsText({ files: 1200, additions: 5, deletions: 1 })).toMatch(/^1,200 files/);
  });

  it('says binary for a file without line counts', () => {
    expect(lineCountsText({ additions: null, deletions: null })).toBe('binary');
    expect(lineCountsText({ additions: 3, deletions: 0 })).toBe('+3 \u22120');
  });

  it('counts comments and files, singular and plural', () => {
    expect(commentsSummary(3, 2)).toBe('3 comments on 2 files');
    expect(commentsSummary(1, 1)).toBe('1 comment on 1 file');
    expect(commentsSummary(2, 1)).toBe('2 comments on 1 file');
    expect(reviewNote({ comments: 3, files: 2 })).toBe('with 3 review comments on 2 files');
    expect(reviewNote({ comments: 1, files: 1 })).toBe('with 1 review comment on 1 file');
    expect(reviewNote({ comments: 2, files: 1 }, true)).toBe('2 review comments on 1 file');
  });

  it('names one line or a range', () => {
    expect(linesText(4, 4)).toBe('line 4');
    expect(linesText(4, 9)).toBe('lines 4\u20139');
  });

  it('shows control characters in a path as visible symbols', () => {
    expect(visiblePath('new\nline\tx')).toBe('new\u21b5line\u21e5x');
    expect(visiblePath('bell\u0007')).toBe('bell\\x07');
    expect(visiblePath('naïve 😀.txt')).toBe('naïve 😀.txt');
  });
});
