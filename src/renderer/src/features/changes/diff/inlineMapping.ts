import type { LineRange } from './lineSelection';

/**
 * Monaco's legacy line change: a side with no lines has end 0 and start = the line before the
 * gap (`IDiffEditor.getLineChanges()`).
 */
export interface LineChange {
  originalStartLineNumber: number;
  originalEndLineNumber: number;
  modifiedStartLineNumber: number;
  modifiedEndLineNumber: number;
}

/** Where base lines show in the inline view, which has only the modified editor. */
export type InlinePlace =
  /** Unchanged lines: these modified lines are the same text. */
  | { kind: 'mapped'; modified: LineRange }
  /** Deleted or replaced lines: Monaco draws them in a zone after this modified line. */
  | { kind: 'deleted'; afterLine: number; change: LineChange };

/** The modified line after which Monaco's inline view draws a change's deleted lines. */
export function deletedZoneAfterLine(change: LineChange): number {
  return change.modifiedEndLineNumber === 0
    ? change.modifiedStartLineNumber
    : change.modifiedStartLineNumber - 1;
}

/** Where one base line is in the inline view. */
export function placeBaseLine(changes: readonly LineChange[], line: number): InlinePlace {
  let offset = 0;
  for (const change of changes) {
    const inserted = change.originalEndLineNumber === 0;
    if (
      !inserted &&
      line >= change.originalStartLineNumber &&
      line <= change.originalEndLineNumber
    ) {
      return { kind: 'deleted', afterLine: deletedZoneAfterLine(change), change };
    }
    const originalLast = inserted ? change.originalStartLineNumber : change.originalEndLineNumber;
    if (originalLast >= line) break;
    const modifiedLast =
      change.modifiedEndLineNumber === 0
        ? change.modifiedStartLineNumber
        : change.modifiedEndLineNumber;
    offset = modifiedLast - originalLast;
  }
  return { kind: 'mapped', modified: { startLine: line + offset, endLine: line + offset } };
}

/** Where a base range shows in the inline view. */
export interface InlineBasePlace {
  /** The modified line its zone goes under. */
  afterLine: number;
  /**
   * Set when the range ends on deleted or replaced lines: the zone goes just above Monaco's
   * zone of deleted lines, and the base editor (the inline view's base line numbers) needs a
   * gap of the same height under this base line to stay lined up with them.
   */
  aboveDeleted: { baseAfterLine: number } | null;
  /** The modified lines to highlight, when every line of the range is unchanged. */
  highlight: LineRange | null;
}

/**
 * Where a base range shows inline: under its last line when that line is unchanged, else just
 * above the deleted lines that hold it. Not below them: Monaco aligns the base line numbers
 * with the deleted lines by the lines' heights, and a zone between the deleted block and the
 * next line is counted against the unchanged line above the block, which would push the base
 * numbers of the whole block out of line.
 */
export function placeBaseRange(changes: readonly LineChange[], range: LineRange): InlineBasePlace {
  const end = placeBaseLine(changes, range.endLine);
  const start = placeBaseLine(changes, range.startLine);
  const highlight =
    start.kind === 'mapped' && end.kind === 'mapped'
      ? { startLine: start.modified.startLine, endLine: end.modified.endLine }
      : null;
  if (end.kind === 'mapped') {
    return { afterLine: end.modified.endLine, aboveDeleted: null, highlight };
  }
  const baseAfterLine = end.change.originalStartLineNumber - 1;
  return { afterLine: end.afterLine, aboveDeleted: { baseAfterLine }, highlight };
}

/** The change whose deleted lines Monaco draws in the inline zone after `afterLine`. */
export function changeWithDeletedZoneAfter(
  changes: readonly LineChange[],
  afterLine: number,
): LineChange | null {
  return (
    changes.find((c) => c.originalEndLineNumber !== 0 && deletedZoneAfterLine(c) === afterLine) ??
    null
  );
}
