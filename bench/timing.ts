import { performance } from "node:perf_hooks";

/** Latencies of a benchmark: count, p50, p99 and max, in milliseconds. */
export type Stats = { n: number; p50: number; p99: number; max: number };

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

/** Calls `fn` on each item, one after the other, and answers how long each call took. */
export async function timeEach<T>(
  items: readonly T[],
  fn: (item: T, i: number) => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const started = performance.now();
    await fn(items[i]!, i);
    times.push(performance.now() - started);
  }
  return times;
}
