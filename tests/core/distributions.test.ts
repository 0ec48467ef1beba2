import { describe, expect, it } from 'vitest';
import fixtures from '../fixtures/distributions.json' with { type: 'json' };
import {
  lnGamma,
  normalQuantileUpper,
  normalUpperTail,
  studentTCdf,
  studentTQuantileUpper,
  studentTUpperTail,
  Z_975,
} from '../../functions/core/stats/distributions.ts';

// Reference values: tools/make_distribution_fixtures.py, mpmath at 60 digits.
function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

const TOLERANCE = 1e-10;

describe('Student t distribution', () => {
  it.each(fixtures.tUpper)('upper tail at t=%s, df=%s matches mpmath', (t, df, expected) => {
    expect(relativeError(studentTUpperTail(t!, df!), expected!)).toBeLessThan(TOLERANCE);
  });

  it.each(fixtures.tQuantileUpper)('quantile for tail %s, df=%s matches mpmath', (q, df, expected) => {
    expect(relativeError(studentTQuantileUpper(q!, df!), expected!)).toBeLessThan(TOLERANCE);
  });

  it('is symmetric and the CDF is the complement of the upper tail', () => {
    for (const df of [1, 3.5, 40, 1e6]) {
      expect(studentTCdf(1.3, df) + studentTUpperTail(1.3, df)).toBeCloseTo(1, 15);
      // 1 - 0.975 is not exactly 0.025 in binary, hence a tolerance.
      expect(relativeError(studentTQuantileUpper(0.975, df), -studentTQuantileUpper(0.025, df))).toBeLessThan(1e-13);
    }
  });
});

describe('normal distribution', () => {
  it.each(fixtures.normalUpper)('upper tail at z=%s matches mpmath', (z, expected) => {
    expect(relativeError(normalUpperTail(z!), expected!)).toBeLessThan(TOLERANCE);
  });

  it.each(fixtures.normalQuantileUpper)('quantile for tail %s matches mpmath', (q, expected) => {
    expect(relativeError(normalQuantileUpper(q!), expected!)).toBeLessThan(TOLERANCE);
  });

  it('gives the full-precision 97.5 % quantile ../shared/docs/METHOD.md asks for', () => {
    expect(relativeError(normalQuantileUpper(0.025), Z_975)).toBeLessThan(1e-14);
  });
});

describe('lnGamma', () => {
  it.each(fixtures.lnGamma)('lnGamma(%s) matches mpmath', (x, expected) => {
    expect(Math.abs(lnGamma(x!) - expected!)).toBeLessThan(1e-13 * Math.max(1, Math.abs(expected!)));
  });
});
