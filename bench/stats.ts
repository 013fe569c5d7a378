/** Nearest-rank percentile (p in 0..100) of samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export const p95 = (samples: readonly number[]) => percentile(samples, 95);
export const p99 = (samples: readonly number[]) => percentile(samples, 99);

/** Milliseconds an asynchronous call takes to settle. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Milliseconds a synchronous call takes (no await, so no microtask turn is counted). */
export function timedSync(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** One line of `npm run bench`'s table and of bench/results.json. */
export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  target: number | null;
  /** Why there is no value (a skipped measurement), or what the figure leaves out. */
  note?: string;
}
