/** Lines [oldStart, oldEnd) of the old text were replaced by lines [newStart, newEnd) of the new. */
export interface LineEdit {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

// Past this many inserted and deleted lines, one edit covers everything between the common
// head and tail: the trace Myers keeps grows with its square (200 → 40,000 numbers).
const MAX_EDITS = 200;

/** A text as lines, each with its line break ("\n", "\r\n" or "\r"); the last may have none. */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/**
 * The line edits that turn `a` into `b` (Myers' O(ND) diff after the common head and tail are
 * dropped), or a single edit over the differing middle when more than `maxEdits` lines changed.
 * Used to refresh a model in place: few small edits keep Monaco's decorations, caret and
 * selection on the text they were on.
 */
export function diffLines(
  a: readonly string[],
  b: readonly string[],
  maxEdits = MAX_EDITS,
): LineEdit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let endA = a.length;
  let endB = b.length;
  while (endA > head && endB > head && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (head === endA && head === endB) return [];
  const n = endA - head;
  const m = endB - head;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x - k).
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[head + x] === b[head + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return edits(trace, d, n, m, head);
    }
  }
  return [{ oldStart: head, oldEnd: endA, newStart: head, newEnd: endB }];
}

/** Walks the trace back from (n, m) and groups the single-line steps into runs. */
function edits(trace: Int32Array[], last: number, n: number, m: number, head: number): LineEdit[] {
  const steps: { x: number; y: number; deletion: boolean }[] = [];
  let x = n;
  let y = m;
  for (let d = last; d > 0; d--) {
    const before = trace[d]!;
    const at = (k: number): number => before[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    steps.push({ x: prevX, y: prevY, deletion: !down });
    x = prevX;
    y = prevY;
  }
  const runs: LineEdit[] = [];
  for (const step of steps.reverse()) {
    const oldAt = head + step.x;
    const newAt = head + step.y;
    let run = runs[runs.length - 1];
    if (!run || run.oldEnd !== oldAt || run.newEnd !== newAt) {
      run = { oldStart: oldAt, oldEnd: oldAt, newStart: newAt, newEnd: newAt };
      runs.push(run);
    }
    if (step.deletion) run.oldEnd++;
    else run.newEnd++;
  }
  return runs;
}
