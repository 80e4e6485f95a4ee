import type { CommentAnchor, CommentPosition } from '../../../shared/contract/reviews';
import { type Hunk, lineDiff, splitLines } from '../../../shared/lineDiff';

/**
 * Where a review comment's lines are now, the way GitHub and Gerrit users expect: the diff of
 * the text it was made on (`anchoredText`) against that side of the file now (`current`, null
 * when the file is gone) carries it past edits above and below; a block moved elsewhere takes it
 * along; edited lines keep it on what replaced them (`changed`); lines deleted with nothing in
 * their place leave it `outdated` at its original position. It is never put on unrelated lines.
 *
 * Lines compare without a trailing \r, so a file that switched to CRLF is still the same file.
 */
export function reanchor(
  anchor: CommentAnchor,
  anchoredText: string,
  current: { path: string; text: string } | null,
): CommentPosition {
  const outdated: CommentPosition = {
    path: anchor.path,
    startLine: anchor.startLine,
    endLine: anchor.endLine,
    status: 'outdated',
  };
  const block = anchor.lines.map(stripCr);
  if (current === null || block.length === 0) return outdated;
  const oldLines = splitLines(anchoredText);
  const newLines = splitLines(current.text);
  const start = anchor.startLine - 1;
  const end = anchor.endLine - 1;
  const place = (from: number, to: number, moved: boolean): CommentPosition => ({
    path: current.path,
    startLine: from + 1,
    endLine: to + 1,
    status: !moved && from === start && current.path === anchor.path ? 'current' : 'moved',
  });
  const search = (): CommentPosition => {
    const at = nearestBlock(block, anchor, newLines, start, () => true);
    return at === null ? outdated : place(at, at + block.length - 1, false);
  };

  // An anchor whose lines are not those of its text is trusted for its lines only.
  const consistent =
    end - start + 1 === block.length && block.every((line, i) => oldLines[start + i] === line);
  if (!consistent) return search();
  if (sameLines(oldLines, newLines)) return place(start, end, false);
  const hunks = lineDiff(oldLines, newLines);
  if (hunks === null) return search();

  const touched = hunks.filter(
    (h) =>
      (h.oldLines > 0 && h.oldStart <= end && h.oldStart + h.oldLines > start) ||
      (h.oldLines === 0 && h.oldStart > start && h.oldStart <= end),
  );
  if (touched.length === 0) {
    return place(mapUnchanged(hunks, start), mapUnchanged(hunks, end), false);
  }

  // A moved block: every line of it (blank ones aside, which a diff happily pairs with other
  // blank lines) was removed here and the very same block was inserted somewhere else.
  const removed = mask(oldLines.length, hunks, 'old');
  const inserted = mask(newLines.length, hunks, 'new');
  const allBlank = block.every((line) => line.trim() === '');
  const significant = (line: string): boolean => allBlank || line.trim() !== '';
  if (block.every((line, i) => !significant(line) || removed[start + i])) {
    const at = nearestBlock(block, anchor, newLines, expectedAt(hunks, start), (from) =>
      block.every((line, i) => !significant(line) || inserted[from + i]),
    );
    if (at !== null) return place(at, at + block.length - 1, true);
  }

  // Edited: the lines of the range that stayed, plus what replaced the ones that did not.
  let first = Infinity;
  let last = -Infinity;
  const cover = (line: number): void => {
    first = Math.min(first, line);
    last = Math.max(last, line);
  };
  for (let line = start; line <= end; line++) {
    if (!removed[line]) cover(mapUnchanged(hunks, line));
  }
  for (const h of touched) clipReplacement(h, start, end)?.forEach(cover);
  if (first > last) return outdated;
  return { path: current.path, startLine: first + 1, endLine: last + 1, status: 'changed' };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** The new index of an old line outside every hunk: shifted by the hunks above it. */
function mapUnchanged(hunks: readonly Hunk[], line: number): number {
  let shift = 0;
  for (const h of hunks) {
    if (h.oldStart > line) break;
    shift += h.newLines - h.oldLines;
  }
  return line + shift;
}

/** Where an old line would be now: mapped directly, or at the same offset into its hunk. */
function expectedAt(hunks: readonly Hunk[], line: number): number {
  for (const h of hunks) {
    if (h.oldStart > line) break;
    if (line < h.oldStart + h.oldLines) {
      return h.newStart + Math.min(line - h.oldStart, Math.max(h.newLines - 1, 0));
    }
  }
  return mapUnchanged(hunks, line);
}

/** Which lines of one side the hunks removed (`old`) or inserted (`new`). */
function mask(length: number, hunks: readonly Hunk[], side: 'old' | 'new'): Uint8Array {
  const out = new Uint8Array(length);
  for (const h of hunks) {
    if (side === 'old') out.fill(1, h.oldStart, h.oldStart + h.oldLines);
    else out.fill(1, h.newStart, h.newStart + h.newLines);
  }
  return out;
}

/**
 * The new lines that replaced the part of hunk `h` the range covers: all of its new side when
 * the range covers all of its old side, else the proportional share (one line at least), so a
 * comment on one line of a large rewrite does not spread over all of it. Null for a deletion.
 */
function clipReplacement(h: Hunk, start: number, end: number): number[] | null {
  if (h.newLines === 0) return null;
  if (h.oldLines === 0) return [h.newStart, h.newStart + h.newLines - 1];
  const from = Math.max(start, h.oldStart) - h.oldStart;
  const to = Math.min(end + 1, h.oldStart + h.oldLines) - h.oldStart;
  const first = Math.min(Math.floor((from * h.newLines) / h.oldLines), h.newLines - 1);
  const last = Math.max(Math.ceil((to * h.newLines) / h.oldLines) - 1, first);
  return [h.newStart + first, h.newStart + last];
}

/**
 * The start of the occurrence of `block` in `lines` nearest `expected` among those `accept`
 * lets through; at equal distance, the one whose neighbours match more of the anchor's context.
 */
function nearestBlock(
  block: readonly string[],
  anchor: CommentAnchor,
  lines: readonly string[],
  expected: number,
  accept: (from: number) => boolean,
): number | null {
  const before = anchor.before.map(stripCr);
  const after = anchor.after.map(stripCr);
  const context = (from: number): number =>
    before.filter((line, i) => lines[from - before.length + i] === line).length +
    after.filter((line, i) => lines[from + block.length + i] === line).length;
  let best: number | null = null;
  for (let from = 0; from + block.length <= lines.length; from++) {
    if (!block.every((line, i) => lines[from + i] === line) || !accept(from)) continue;
    const distance = Math.abs(from - expected);
    const bestDistance = best === null ? Infinity : Math.abs(best - expected);
    if (
      distance < bestDistance ||
      (distance === bestDistance && best !== null && context(from) > context(best))
    ) {
      best = from;
    }
  }
  return best;
}
