import { describe, expect, it } from 'vitest';
import {
  cohenD,
  holmAdjust,
  meanAndVariance,
  meanInterval,
  shareDifference,
  welchTest,
  wilsonInterval,
  zDifference,
} from '../../functions/core/stats/estimates.ts';

// Expected values: scipy 1.17 (binomtest(...).proportion_ci("wilson"), ttest_ind(equal_var=False))
// unless a published source is named.
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function momentsOf(values: number[]) {
  return { n: values.length, sum: values.reduce((s, v) => s + v, 0), sumSq: values.reduce((s, v) => s + v * v, 0) };
}

describe('Wilson interval', () => {
  it.each([
    [56, 70, 0.6918335550374693, 0.8769526075163704],
    [48, 80, 0.490454650051604, 0.7003817240412907],
    [0, 12, 0, 0.24249400665524085],
    [12, 12, 0.7575059933447592, 1],
    [1, 30, 0.005908590381612441, 0.16670390991409173],
  ])('%i of %i matches scipy', (k, n, low, high) => {
    const interval = wilsonInterval(k, n);
    expect(rel(interval.low, low) < 1e-12 || Math.abs(interval.low - low) < 1e-15).toBe(true);
    expect(rel(interval.high, high)).toBeLessThan(1e-12);
  });

  it('is exactly 0 for no successes and exactly 1 for all', () => {
    expect(wilsonInterval(0, 7).low).toBe(0);
    expect(wilsonInterval(7, 7).high).toBe(1);
  });
});

describe("Newcombe's hybrid score interval", () => {
  it('reproduces the worked example of Newcombe (1998), method 10: 56/70 - 48/80', () => {
    const result = shareDifference({ k: 48, n: 80 }, { k: 56, n: 70 });
    expect(result.diff).toBeCloseTo(0.2, 12);
    expect(result.ciLow!).toBeCloseTo(0.0524, 4);
    expect(result.ciHigh!).toBeCloseTo(0.3339, 4);
  });

  it('gives p = 1 when both shares are 0 (pooled p is 0)', () => {
    const result = shareDifference({ k: 0, n: 20 }, { k: 0, n: 25 });
    expect(result.pValue).toBe(1);
    expect(result.diff).toBe(0);
  });

  it('uses the pooled two-proportion z-test without continuity correction', () => {
    // p1 = 0.8, p2 = 0.6, pooled = 104/150; z = 0.2 / sqrt(pq (1/70 + 1/80)).
    const pooled = 104 / 150;
    const z = 0.2 / Math.sqrt(pooled * (1 - pooled) * (1 / 70 + 1 / 80));
    const result = shareDifference({ k: 48, n: 80 }, { k: 56, n: 70 });
    expect(rel(z, 2.6501719512585327)).toBeLessThan(1e-14);
    expect(rel(result.pValue!, 0.00804508136819658)).toBeLessThan(1e-10); // 2 * norm.sf(z)
  });
});

describe("Welch's t-test", () => {
  const baseline = [3, 4, 5, 5, 2, 4, 4, 3, 5, 1];
  const followup = [4, 5, 5, 4, 5, 3, 5, 4, 4, 5, 5, 2];

  it('matches scipy ttest_ind(equal_var=False) with its confidence interval', () => {
    const result = welchTest(
      meanAndVariance(momentsOf(baseline), 1, true),
      meanAndVariance(momentsOf(followup), 1, true),
    );
    expect(rel(result.pValue!, 0.22056198182180467)).toBeLessThan(1e-10);
    expect(rel(result.df!, 15.936945684419243)).toBeLessThan(1e-12);
    expect(rel(result.ciLow!, -0.4310289519122674)).toBeLessThan(1e-10);
    expect(rel(result.ciHigh!, 1.7310289519122672)).toBeLessThan(1e-10);
  });

  it('gives null figures and says why when there is no variation at all', () => {
    const flat = meanAndVariance(momentsOf([3, 3, 3, 3, 3]), 1, true);
    const result = welchTest(flat, flat);
    expect(result.pValue).toBeNull();
    expect(result.ciLow).toBeNull();
    expect(result.note).toMatch(/standard error/);
    expect(cohenD(flat, flat)).toBeNull();
  });
});

describe('mean and interval', () => {
  it('matches numpy and scipy t.ppf for a small sample', () => {
    const stats = meanAndVariance(momentsOf([3, 4, 5, 5, 2, 4, 4, 3, 5, 1]), 1, true);
    expect(stats.mean).toBe(3.6);
    expect(rel(Math.sqrt(stats.variance), 1.3498971154211057)).toBeLessThan(1e-14);
    const interval = meanInterval(stats.mean, stats.variance, stats.n);
    expect(rel(interval.high - stats.mean, (2.262157162798205 * 1.3498971154211057) / Math.sqrt(10))).toBeLessThan(
      1e-12,
    );
  });

  it('keeps the variance exact far from zero (no cancellation in exact sums)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1_000_000 + (i % 2));
    const stats = meanAndVariance(momentsOf(values), 1, true);
    expect(stats.variance).toBe(250 / 999);
  });
});

describe('weighted difference', () => {
  it('is a z-test on the two standard errors, unpooled', () => {
    const result = zDifference({ estimate: 50, se: 3 }, { estimate: 56, se: 4 });
    expect(result.diff).toBe(6);
    expect(result.ciLow).toBeCloseTo(6 - 1.959963984540054 * 5, 12);
    expect(rel(result.pValue!, 0.23013934044341644)).toBeLessThan(1e-10);
  });
});

describe('Holm adjustment', () => {
  it('steps down and keeps the adjusted values monotone', () => {
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02]);
  });

  it('caps at 1 and leaves null p-values out of the family', () => {
    const adjusted = holmAdjust([0.5, null, 0.3]);
    expect(adjusted[1]).toBeNull();
    expect(adjusted[2]).toBeCloseTo(0.6, 15);
    expect(adjusted[0]).toBeCloseTo(0.6, 15);
    expect(holmAdjust([0.9, 0.8])).toEqual([1, 1]);
  });
});
