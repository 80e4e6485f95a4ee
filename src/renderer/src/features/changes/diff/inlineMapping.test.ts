import { describe, expect, it } from 'vitest';
import {
  changeWithDeletedZoneAfter,
  deletedZoneAfterLine,
  placeBaseLine,
  placeBaseRange,
  type LineChange,
} from './inlineMapping';

const change = (oS: number, oE: number, mS: number, mE: number): LineChange => ({
  originalStartLineNumber: oS,
  originalEndLineNumber: oE,
  modifiedStartLineNumber: mS,
  modifiedEndLineNumber: mE,
});

// Base 1..20. Lines 3–4 replaced by modified 3–5; three lines inserted after base 8 (modified
// 10–12); base 12–14 deleted (after modified 15).
const changes = [change(3, 4, 3, 5), change(8, 0, 10, 12), change(12, 14, 15, 0)];

describe('placeBaseLine', () => {
  it('maps unchanged lines through the changes above them', () => {
    expect(placeBaseLine(changes, 1)).toEqual({
      kind: 'mapped',
      modified: { startLine: 1, endLine: 1 },
    });
    expect(placeBaseLine(changes, 5)).toMatchObject({ modified: { startLine: 6 } });
    expect(placeBaseLine(changes, 8)).toMatchObject({ modified: { startLine: 9 } });
    expect(placeBaseLine(changes, 9)).toMatchObject({ modified: { startLine: 13 } });
    expect(placeBaseLine(changes, 11)).toMatchObject({ modified: { startLine: 15 } });
    expect(placeBaseLine(changes, 15)).toMatchObject({ modified: { startLine: 16 } });
  });

  it('puts replaced and deleted lines after the modified line Monaco draws them under', () => {
    expect(placeBaseLine(changes, 4)).toMatchObject({ kind: 'deleted', afterLine: 2 });
    expect(placeBaseLine(changes, 13)).toMatchObject({ kind: 'deleted', afterLine: 15 });
  });

  it('maps every line one to one without changes', () => {
    expect(placeBaseLine([], 42)).toMatchObject({ modified: { startLine: 42, endLine: 42 } });
  });
});

describe('placeBaseRange', () => {
  it('highlights a fully unchanged range and puts its zone under its last line', () => {
    expect(placeBaseRange(changes, { startLine: 5, endLine: 7 })).toEqual({
      afterLine: 8,
      aboveDeleted: null,
      highlight: { startLine: 6, endLine: 8 },
    });
  });

  it('puts a range ending on deleted lines above the deleted block, unhighlighted', () => {
    expect(placeBaseRange(changes, { startLine: 10, endLine: 13 })).toEqual({
      afterLine: 15,
      aboveDeleted: { baseAfterLine: 11 },
      highlight: null,
    });
    expect(placeBaseRange(changes, { startLine: 4, endLine: 4 })).toEqual({
      afterLine: 2,
      aboveDeleted: { baseAfterLine: 2 },
      highlight: null,
    });
  });
});

describe('deleted zones', () => {
  it('finds the change drawn after a modified line', () => {
    expect(deletedZoneAfterLine(changes[0]!)).toBe(2);
    expect(changeWithDeletedZoneAfter(changes, 15)).toBe(changes[2]);
    expect(changeWithDeletedZoneAfter(changes, 9)).toBeNull();
  });
});
