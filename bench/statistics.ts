// The few statistics of the benchmarks, one definition each, so that every figure of `npm run bench`
// and `npm run load` is computed the same way.

export const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Nearest-rank percentile of sorted values (no interpolation): the smallest value with at least p %
 * of the values at or below it, so p50 of [1, 2, 3, 4] is 2 and p99 is always a measured value. 0 for
 * no values.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
