/** What one measured series is reduced to: order statistics, no means (a single stall skews a mean). */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** Nearest-rank 90th percentile; with 5 samples it is the maximum. */
  p90: number;
  samples: number[];
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize: every run failed');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (i: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, i))]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? at(Math.floor(mid)) : (at(mid - 1) + at(mid)) / 2;
  return {
    n: sorted.length,
    median,
    min: at(0),
    max: at(sorted.length - 1),
    p90: at(Math.ceil(sorted.length * 0.9) - 1),
    samples,
  };
}

/** Runs `measure` `runs` times, one after another (the machines have two cores). */
export async function repeat<T>(runs: number, measure: (run: number) => Promise<T>): Promise<T[]> {
  const samples: T[] = [];
  for (let run = 0; run < runs; run += 1) samples.push(await measure(run));
  return samples;
}
