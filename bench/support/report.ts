import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { summarize, type Summary } from './stats';

export const resultsFile = resolve(import.meta.dirname, '../../test-results/bench.json');

/** Milliseconds: lower is better. MB/s and events/s: higher is better. */
export type Unit = 'ms' | 'MB/s' | 'events/s';

/** One measurement of Berth beside the same operation done the rawest way, in the same run. */
export interface Comparison {
  measurement: string;
  unit: Unit;
  berth: Summary;
  baseline: Summary;
  /**
   * How many times slower Berth is, on medians: Berth time / baseline time for `ms`, baseline
   * throughput / Berth throughput for `MB/s`. Above 1 means Berth is slower.
   */
  ratio: number;
  ratioMeaning: string;
}

export function compare(
  measurement: string,
  unit: Unit,
  berthSamples: number[],
  baselineSamples: number[],
): Comparison {
  const berth = summarize(berthSamples);
  const baseline = summarize(baselineSamples);
  const timed = unit === 'ms';
  return {
    measurement,
    unit,
    berth,
    baseline,
    ratio: timed ? berth.median / baseline.median : baseline.median / berth.median,
    ratioMeaning: timed
      ? 'Berth median time / baseline median time (×, above 1 = Berth slower)'
      : `baseline median ${unit} / Berth median ${unit} (×, above 1 = Berth slower)`,
  };
}

export interface BenchReport {
  /** Key in bench.json, e.g. `sessionStart`. */
  key: string;
  title: string;
  /** What the baseline is, in a few words. */
  baseline: string;
  comparisons: Comparison[];
  notes?: string[];
}

const digits = (value: number, unit: Unit): string =>
  unit === 'MB/s' || value < 10 ? value.toFixed(2) : value.toFixed(value < 100 ? 1 : 0);

const cell = (s: Summary, unit: Unit): string =>
  `${digits(s.median, unit)} [${digits(s.min, unit)}–${digits(s.max, unit)}] p90 ${digits(s.p90, unit)} (n=${s.n})`;

/** The table a reader of the Vitest output sees at the end of each bench file. */
export function formatTable(report: BenchReport): string {
  const header = [
    'measurement',
    'unit',
    'Berth median [min–max]',
    'baseline median [min–max]',
    'ratio',
  ];
  const rows = report.comparisons.map((c) => [
    c.measurement,
    c.unit,
    cell(c.berth, c.unit),
    cell(c.baseline, c.unit),
    `${c.ratio.toFixed(2)}× ${c.ratio >= 1 ? 'slower' : 'faster'}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  const meanings = [
    ...new Set(report.comparisons.map((c) => `${c.unit}: ratio = ${c.ratioMeaning}`)),
  ];
  return [
    '',
    `── ${report.title} ──`,
    `baseline: ${report.baseline}`,
    line(header),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    ...meanings,
    ...(report.notes ?? []),
    '',
  ].join('\n');
}

/** Prints the table and merges this file's results into test-results/bench.json. */
export function publish(report: BenchReport): void {
  console.log(formatTable(report));
  mkdirSync(join(resultsFile, '..'), { recursive: true });
  let all: Record<string, unknown> = {};
  if (existsSync(resultsFile)) {
    try {
      all = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
    } catch {
      // A file cut short by an interrupted run: start it again rather than fail the bench.
      all = {};
    }
  }
  all[report.key] = {
    ...report,
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
  };
  // Microseconds are below anything these benchmarks can resolve.
  const rounded = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  writeFileSync(resultsFile, `${JSON.stringify(all, rounded, 2)}\n`);
}
