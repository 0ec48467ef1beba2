// One verdict per indicator (../shared/docs/METHOD.md, "How the pages word a change"): every page,
// the CSV and the workbook word a comparison with it and nothing else.
import type { Indicator } from './schemas.ts';

export const VERDICTS = ['confirmed', 'possible', 'no_change', 'inconclusive', 'not_assessable'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The figures a verdict rests on: the unweighted comparison of one indicator. */
export interface VerdictFigures {
  pValue: number | null;
  pHolm: number | null;
  diffCiLow: number | null;
  diffCiHigh: number | null;
}

/**
 * The smallest change that matters (delta): the definition's `meaningfulChange`, else 5 points
 * for an index, 0.05 for a share and a twentieth of the scale's range for a mean.
 */
export function meaningfulChange(def: Indicator): number {
  if (def.meaningfulChange !== undefined) return def.meaningfulChange;
  switch (def.kind) {
    case 'index':
      return 5;
    case 'share':
      return 0.05;
    case 'mean':
      return (def.scale[1] - def.scale[0]) / 20;
  }
}

export function verdictOf(figures: VerdictFigures, alpha: number, delta: number): Verdict {
  const { pValue, pHolm, diffCiLow, diffCiHigh } = figures;
  if (pValue === null) return 'not_assessable';
  if (pHolm !== null && pHolm < alpha) return 'confirmed';
  if (pValue < alpha) return 'possible';
  if (diffCiLow !== null && diffCiHigh !== null && -delta < diffCiLow && diffCiHigh < delta) return 'no_change';
  return 'inconclusive';
}
