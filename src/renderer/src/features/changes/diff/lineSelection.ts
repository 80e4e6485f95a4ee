import type { CommentSide } from '../../../../../shared/contract/reviews';

/** Lines of a file, 1-based and inclusive. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

/** Lines of one side of the diff. */
export interface SideRange extends LineRange {
  side: CommentSide;
}

/** The part of a Monaco selection this module needs. */
export interface SelectionLike {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * The whole lines a selection covers. A selection that ends at column 1 of a later line (what a
 * click on a line number or a drag over several makes) does not take that last line.
 */
export function selectionLines(selection: SelectionLike): LineRange {
  const { startLineNumber: start, endLineNumber: end, endColumn } = selection;
  const endLine = end > start && endColumn === 1 ? end - 1 : end;
  return { startLine: start, endLine };
}

/** A selection that is more than a caret: the "Add comment" button shows for it. */
export function isRangeSelection(selection: SelectionLike): boolean {
  return (
    selection.startLineNumber !== selection.endLineNumber ||
    selection.startColumn !== selection.endColumn
  );
}

/** The range from an anchor line to another (shift-click), whichever comes first. */
export function spanLines(anchor: number, line: number): LineRange {
  return { startLine: Math.min(anchor, line), endLine: Math.max(anchor, line) };
}

/** Keeps a range inside a file of `lineCount` lines (comments may lag behind a refresh). */
export function clampRange(range: LineRange, lineCount: number): LineRange {
  const last = Math.max(1, lineCount);
  const endLine = Math.min(Math.max(range.endLine, 1), last);
  const startLine = Math.min(Math.max(range.startLine, 1), endLine);
  return { startLine, endLine };
}

/** "line 3" or "lines 3–4", as labels and the comment zones' names say it. */
export function linesLabel(range: LineRange): string {
  return range.startLine === range.endLine
    ? `line ${range.startLine}`
    : `lines ${range.startLine}–${range.endLine}`;
}

export function sameRange(a: SideRange | null, b: SideRange | null): boolean {
  if (!a || !b) return a === b;
  return a.side === b.side && a.startLine === b.startLine && a.endLine === b.endLine;
}
