import { summarize } from './stats';

/**
 * Issue 10's goals beside what was measured: median, p95, min–max and whether the goal is met.
 * The bench reports; it never fails on a goal (the machines are shared and noisy).
 */
export interface GoalRow {
  measurement: string;
  unit: string;
  samples: number[];
  /** The goal in words, e.g. `p95 ≤ 250 ms`. */
  goal: string;
  /** Which statistic the goal is on, and the bound. */
  on: 'p50' | 'p95' | 'max';
  atMost?: number;
  atLeast?: number;
}

/** Nearest-rank percentile (p95 of 5 samples is the maximum). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

const fixed = (value: number): string =>
  Math.abs(value) < 10 ? value.toFixed(2) : value.toFixed(Math.abs(value) < 100 ? 1 : 0);

export interface GoalLine {
  measurement: string;
  unit: string;
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  goal: string;
  met: boolean | null;
}

export function judge(row: GoalRow): GoalLine | null {
  if (row.samples.length === 0) return null;
  const s = summarize(row.samples);
  const p95 = percentile(row.samples, 0.95);
  const value = row.on === 'p50' ? s.median : row.on === 'p95' ? p95 : s.max;
  const met =
    row.atMost !== undefined
      ? value <= row.atMost
      : row.atLeast !== undefined
        ? value >= row.atLeast
        : null;
  return {
    measurement: row.measurement,
    unit: row.unit,
    n: s.n,
    p50: s.median,
    p95,
    min: s.min,
    max: s.max,
    goal: row.goal,
    met,
  };
}

/** The table printed after the comparisons (and kept as notes in bench.json). */
export function goalTable(lines: GoalLine[]): string[] {
  const header = ['measurement', 'unit', 'n', 'p50', 'p95', 'min–max', 'goal', ''];
  const rows = lines.map((l) => [
    l.measurement,
    l.unit,
    String(l.n),
    fixed(l.p50),
    fixed(l.p95),
    `${fixed(l.min)}–${fixed(l.max)}`,
    l.goal,
    l.met === null ? '' : l.met ? 'met' : 'NOT met',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}
