// Estimates, intervals and tests of ../shared/docs/METHOD.md, each from the published formula, each working
// from n / sum / sum of squares so that groups can be summed before anything is estimated.
import type { Moments } from '../aggregates.ts';
import { normalTwoSidedP, studentTCritical, studentTTwoSidedP, Z_975 } from './distributions.ts';

export const CONFIDENCE = 0.95;

/** Mean and sample variance (denominator n - 1) of values given as moments times a factor. */
export function meanAndVariance(
  m: Moments,
  factor: number,
  exact: boolean,
): { n: number; mean: number; variance: number } {
  const { n } = m;
  const mean = (m.sum / n) * factor;
  if (n < 2) return { n, mean, variance: Number.NaN };
  let centered: number; // sum of squared deviations, in stored units
  if (exact && Number.isSafeInteger(m.sum) && Number.isSafeInteger(m.sumSq)) {
    // n * sumSq - sum^2 exactly: no cancellation at all, however far the mean is from zero.
    const numerator = BigInt(n) * BigInt(m.sumSq) - BigInt(m.sum) * BigInt(m.sum);
    centered = Number(numerator) / n;
  } else {
    centered = Math.max(0, m.sumSq - (m.sum * m.sum) / n);
  }
  return { n, mean, variance: (centered / (n - 1)) * factor * factor };
}

export interface Interval {
  low: number;
  high: number;
}

/** m ± t(0.975, n-1) s / sqrt(n). */
export function meanInterval(mean: number, variance: number, n: number): Interval {
  const half = studentTCritical(CONFIDENCE, n - 1) * Math.sqrt(variance / n);
  return { low: mean - half, high: mean + half };
}

/** Wilson score interval for k of n (as scipy's binomtest(...).proportion_ci(method="wilson")). */
export function wilsonInterval(k: number, n: number, z = Z_975): Interval {
  const p = k / n;
  const z2 = z * z;
  const denominator = 2 * (n + z2);
  const center = (2 * n * p + z2) / denominator;
  const half = (z * Math.sqrt(z2 + 4 * n * p * (1 - p))) / denominator;
  return { low: k === 0 ? 0 : center - half, high: k === n ? 1 : center + half };
}

export interface Difference {
  diff: number;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  /** Why a figure is null. */
  note?: string;
}

export interface SampleStats {
  n: number;
  mean: number;
  variance: number;
}

/** Welch's t-test of followup - baseline with Welch–Satterthwaite degrees of freedom. */
export function welchTest(baseline: SampleStats, followup: SampleStats): Difference & { df: number | null } {
  const diff = followup.mean - baseline.mean;
  const vb = baseline.variance / baseline.n;
  const vf = followup.variance / followup.n;
  const se2 = vb + vf;
  if (!(se2 > 0)) {
    return {
      diff,
      ciLow: null,
      ciHigh: null,
      pValue: null,
      df: null,
      note: 'the standard error of the difference is 0 (no variation in either round)',
    };
  }
  const df = (se2 * se2) / ((vb * vb) / (baseline.n - 1) + (vf * vf) / (followup.n - 1));
  const se = Math.sqrt(se2);
  const half = studentTCritical(CONFIDENCE, df) * se;
  return { diff, ciLow: diff - half, ciHigh: diff + half, pValue: studentTTwoSidedP(diff / se, df), df };
}

/** Cohen's d with the pooled standard deviation, signed like followup - baseline, no Hedges correction. */
export function cohenD(baseline: SampleStats, followup: SampleStats): number | null {
  const pooled =
    ((baseline.n - 1) * baseline.variance + (followup.n - 1) * followup.variance) / (baseline.n + followup.n - 2);
  if (!(pooled > 0)) return null;
  return (followup.mean - baseline.mean) / Math.sqrt(pooled);
}

export interface ShareCounts {
  n: number;
  k: number;
}

/**
 * Difference of two shares (followup - baseline): Newcombe's hybrid score interval (method 10 of
 * Newcombe 1998) and the pooled two-proportion z-test without continuity correction.
 */
export function shareDifference(baseline: ShareCounts, followup: ShareCounts): Difference {
  const p1 = followup.k / followup.n;
  const p2 = baseline.k / baseline.n;
  const diff = p1 - p2;
  const w1 = wilsonInterval(followup.k, followup.n);
  const w2 = wilsonInterval(baseline.k, baseline.n);
  const ciLow = diff - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2);
  const ciHigh = diff + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2);
  const pooled = (followup.k + baseline.k) / (followup.n + baseline.n);
  if (pooled === 0 || pooled === 1) return { diff, ciLow, ciHigh, pValue: 1 }; // equal shares
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / followup.n + 1 / baseline.n));
  return { diff, ciLow, ciHigh, pValue: normalTwoSidedP(diff / se) };
}

/** z-test of a difference of two independent estimates with known standard errors. */
export function zDifference(
  baseline: { estimate: number; se: number },
  followup: { estimate: number; se: number },
): Difference {
  const diff = followup.estimate - baseline.estimate;
  const se = Math.sqrt(baseline.se ** 2 + followup.se ** 2);
  if (!(se > 0))
    return { diff, ciLow: null, ciHigh: null, pValue: null, note: 'the standard error of the difference is 0' };
  return { diff, ciLow: diff - Z_975 * se, ciHigh: diff + Z_975 * se, pValue: normalTwoSidedP(diff / se) };
}

/**
 * Holm's step-down adjustment. Null p-values stay null and are not part of the family.
 * Adjusted p_(i) = max over j <= i of min(1, (m - j + 1) p_(j)), in ascending order of p.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const family = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null)
    .sort((a, b) => a.p - b.p || a.index - b.index);
  const m = family.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  family.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
