/**
 * A line diff for re-anchoring review comments: Myers' O(ND) algorithm in linear space (the
 * "middle snake" split of Myers 1986, §4b, in the shape of diff-match-patch's bisect), over
 * lines interned to integers so each comparison is one number against another.
 *
 * Hunks are 0-based: a hunk replaces `old[oldStart, oldStart + oldLines)` with
 * `new[newStart, newStart + newLines)`; either count may be 0 (a pure insertion or deletion).
 * Lines between hunks are unchanged. Hunks come in order and never touch one another.
 */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

/**
 * More edits than this and the files are "too different": a comment is then found by an exact
 * search instead. 4,000 edits cost about 2 × 2,000² = 8M cheap steps, tens of milliseconds, when
 * two unrelated files have nothing in common; anything larger is a rewrite, not an edit.
 */
export const DEFAULT_MAX_EDITS = 4000;

/**
 * The lines of a text for comparison: split on \n, a trailing \r stripped (CRLF files compare
 * equal to LF ones), and a final newline does not make an extra empty line.
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/**
 * The hunks turning `oldLines` into `newLines`, minimal in inserted plus deleted lines; `null`
 * when that number exceeds `maxEdits`, so the caller falls back rather than waits.
 */
export function lineDiff(
  oldLines: readonly string[],
  newLines: readonly string[],
  maxEdits: number = DEFAULT_MAX_EDITS,
): Hunk[] | null {
  const ids = new Map<string, number>();
  const intern = (lines: readonly string[]): Int32Array => {
    const out = new Int32Array(lines.length);
    lines.forEach((line, i) => {
      let id = ids.get(line);
      if (id === undefined) ids.set(line, (id = ids.size));
      out[i] = id;
    });
    return out;
  };
  const a = intern(oldLines);
  const b = intern(newLines);
  const hunks: Hunk[] = [];
  // Each round of the bisect extends both the forward and the reverse path by one edit.
  const maxRounds = Math.ceil(maxEdits / 2);
  if (!diffRange(a, 0, a.length, b, 0, b.length, maxRounds, hunks)) return null;
  return mergeTouching(hunks);
}

/** Diffs `a[aLo, aHi)` against `b[bLo, bHi)`, appending hunks in order; false when too far. */
function diffRange(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  maxRounds: number,
  hunks: Hunk[],
): boolean {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
    aLo++;
    bLo++;
  }
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
  }
  if (aLo === aHi || bLo === bHi) {
    if (aLo < aHi || bLo < bHi) {
      hunks.push({ oldStart: aLo, oldLines: aHi - aLo, newStart: bLo, newLines: bHi - bLo });
    }
    return true;
  }
  const split = bisect(a, aLo, aHi, b, bLo, bHi, maxRounds);
  if (split === null) return false;
  if (split === 'disjoint') {
    hunks.push({ oldStart: aLo, oldLines: aHi - aLo, newStart: bLo, newLines: bHi - bLo });
    return true;
  }
  const [x, y] = split;
  return (
    diffRange(a, aLo, x, b, bLo, y, maxRounds, hunks) &&
    diffRange(a, x, aHi, b, y, bHi, maxRounds, hunks)
  );
}

/**
 * A point `[x, y]` on a shortest edit path of the two ranges, where the forward and reverse
 * searches meet; 'disjoint' when the ranges share no line; null past `maxRounds`.
 */
function bisect(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  maxRounds: number,
): [number, number] | 'disjoint' | null {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const rounds = Math.min(maxD, maxRounds);
  const offset = rounds + 1;
  const size = 2 * rounds + 3;
  // Furthest x reached on each diagonal k = x - y, forward from the start and reverse from the end.
  const vf = new Int32Array(size).fill(-1);
  const vr = new Int32Array(size).fill(-1);
  vf[offset + 1] = 0;
  vr[offset + 1] = 0;
  const delta = n - m;
  // With an odd delta the paths meet on a forward step, with an even one on a reverse step.
  const front = delta % 2 !== 0;
  let kfStart = 0;
  let kfEnd = 0;
  let krStart = 0;
  let krEnd = 0;
  for (let d = 0; d < rounds; d++) {
    for (let k = -d + kfStart; k <= d - kfEnd; k += 2) {
      const i = offset + k;
      let x = k === -d || (k !== d && vf[i - 1]! < vf[i + 1]!) ? vf[i + 1]! : vf[i - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      vf[i] = x;
      if (x > n) kfEnd += 2;
      else if (y > m) kfStart += 2;
      else if (front) {
        const j = offset + delta - k;
        if (j >= 0 && j < size && vr[j]! !== -1 && x >= n - vr[j]!) return [aLo + x, bLo + y];
      }
    }
    for (let k = -d + krStart; k <= d - krEnd; k += 2) {
      const i = offset + k;
      let x = k === -d || (k !== d && vr[i - 1]! < vr[i + 1]!) ? vr[i + 1]! : vr[i - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aHi - x - 1] === b[bHi - y - 1]) {
        x++;
        y++;
      }
      vr[i] = x;
      if (x > n) krEnd += 2;
      else if (y > m) krStart += 2;
      else if (!front) {
        const j = offset + delta - k;
        if (j >= 0 && j < size && vf[j]! !== -1) {
          const fx = vf[j]!;
          const fy = fx - (j - offset);
          if (fx >= n - x) return [aLo + fx, bLo + fy];
        }
      }
    }
  }
  return rounds === maxD ? 'disjoint' : null;
}

/** Joins hunks that meet end to start, which the split at a point without a snake can leave. */
function mergeTouching(hunks: Hunk[]): Hunk[] {
  const out: Hunk[] = [];
  for (const h of hunks) {
    const last = out[out.length - 1];
    if (
      last &&
      last.oldStart + last.oldLines === h.oldStart &&
      last.newStart + last.newLines === h.newStart
    ) {
      last.oldLines += h.oldLines;
      last.newLines += h.newLines;
    } else out.push({ ...h });
  }
  return out;
}
