import { lineDiff } from '../../../../../shared/lineDiff';

/** Lines [oldStart, oldEnd) of the old text were replaced by lines [newStart, newEnd) of the new. */
export interface LineEdit {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

// Past this many inserted and deleted lines, one edit covers everything between the common
// head and tail: a refresh that rewrites that much keeps nothing worth keeping anyway.
const MAX_EDITS = 200;

/** A text as lines, each with its line break ("\n", "\r\n" or "\r"); the last may have none. */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/**
 * The line edits that turn `a` into `b` (the review's Myers diff, shared/lineDiff.ts), or a
 * single edit over what lies between the common head and tail when more than `maxEdits` lines
 * changed. Used to refresh a model in place: few small edits keep Monaco's decorations, caret
 * and selection on the text they were on.
 */
export function diffLines(
  a: readonly string[],
  b: readonly string[],
  maxEdits = MAX_EDITS,
): LineEdit[] {
  const hunks = lineDiff(a, b, maxEdits);
  if (hunks) {
    return hunks.map((h) => ({
      oldStart: h.oldStart,
      oldEnd: h.oldStart + h.oldLines,
      newStart: h.newStart,
      newEnd: h.newStart + h.newLines,
    }));
  }
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let endA = a.length;
  let endB = b.length;
  while (endA > head && endB > head && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return [{ oldStart: head, oldEnd: endA, newStart: head, newEnd: endB }];
}
