// Baseline versus follow-up (METHOD.md, "Comparing ..."): from two round aggregates to the
// comparison every surface shows (CLI, API, dashboard), in the shape of the reference cases'
// expected.json.
import { backgroundValues, sumMoments, type Moments, type RoundAggregate } from './aggregates.ts';
import type { BackgroundVariable, Indicator, ProjectSettings } from './schemas.ts';
import { createScorer, type CompiledIndicator } from './scoring.ts';
import {
  cohenD,
  holmAdjust,
  meanAndVariance,
  meanInterval,
  shareDifference,
  welchTest,
  wilsonInterval,
  zDifference,
  type Difference,
  type SampleStats,
} from './stats/estimates.ts';
import { postStratify, type PostStratifiedEstimate, type Stratum } from './stats/weighting.ts';

export interface Suppressed {
  suppressed: true;
  n: null;
}
export interface MeanSummary {
  n: number;
  mean: number;
  sd: number;
  ciLow: number;
  ciHigh: number;
}
export interface ShareSummary {
  n: number;
  k: number;
  p: number;
  ciLow: number;
  ciHigh: number;
}
export type RoundSummary = MeanSummary | ShareSummary | Suppressed;

export interface WeightedRound {
  mean?: number | null;
  p?: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  excluded: number;
  strataEmpty: Stratum[];
  strataSingle: Stratum[];
}

export interface WeightedComparison {
  baseline: WeightedRound;
  followup: WeightedRound;
  diff: number | null;
  diffCiLow: number | null;
  diffCiHigh: number | null;
  pValue: number | null;
}

export interface IndicatorComparison {
  baseline: RoundSummary;
  followup: RoundSummary;
  diff: number | null;
  diffCiLow: number | null;
  diffCiHigh: number | null;
  pValue: number | null;
  pHolm: number | null;
  significant: boolean | null;
  cohenD?: number | null;
  groups: Partial<Record<BackgroundVariable, Record<string, { baseline: RoundSummary; followup: RoundSummary }>>>;
  weighted?: WeightedComparison;
  /** Why figures are null or flagged, when any are. */
  notes?: string[];
}

export interface Comparison {
  indicators: Record<string, IndicatorComparison>;
}

/** A group under the minimum size publishes nothing but the fact that it is suppressed. */
export function isPublishable(n: number, minGroupSize: number): boolean {
  return n >= minGroupSize;
}

const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true, n: null }) as Suppressed;

function isSuppressed(summary: RoundSummary): summary is Suppressed {
  return 'suppressed' in summary;
}

/** One round's summary of one indicator for one group, or the suppression marker. */
export function summarize(compiled: CompiledIndicator, moments: Moments, minGroupSize: number): RoundSummary {
  if (!isPublishable(moments.n, minGroupSize)) return { ...SUPPRESSED };
  if (compiled.def.kind === 'share') {
    const k = moments.sum;
    const interval = wilsonInterval(k, moments.n);
    return { n: moments.n, k, p: k / moments.n, ciLow: interval.low, ciHigh: interval.high };
  }
  const { n, mean, variance } = meanAndVariance(moments, compiled.factor, compiled.exact);
  const interval = meanInterval(mean, variance, n);
  return { n, mean, sd: Math.sqrt(variance), ciLow: interval.low, ciHigh: interval.high };
}

function sampleStats(summary: MeanSummary): SampleStats {
  return { n: summary.n, mean: summary.mean, variance: summary.sd * summary.sd };
}

function weightedRound(kind: Indicator['kind'], estimate: PostStratifiedEstimate): WeightedRound {
  const key = kind === 'share' ? 'p' : 'mean';
  return {
    [key]: estimate.estimate,
    se: estimate.se,
    ciLow: estimate.ciLow,
    ciHigh: estimate.ciHigh,
    excluded: estimate.excluded,
    strataEmpty: estimate.strataEmpty,
    strataSingle: estimate.strataSingle,
  };
}

function compareIndicator(
  compiled: CompiledIndicator,
  settings: ProjectSettings,
  baseline: RoundAggregate,
  followup: RoundAggregate,
): Omit<IndicatorComparison, 'pHolm'> {
  const { id, kind } = compiled.def;
  const k = settings.minGroupSize;
  const notes: string[] = [];
  const b = summarize(compiled, sumMoments(baseline, id), k);
  const f = summarize(compiled, sumMoments(followup, id), k);

  let difference: Difference = { diff: Number.NaN, ciLow: null, ciHigh: null, pValue: null };
  let effect: number | null = null;
  if (isSuppressed(b) || isSuppressed(f)) {
    notes.push(`a whole round has fewer than ${k} respondents with a value (minimum group size): no comparison`);
  } else if (kind === 'share') {
    difference = shareDifference(b as ShareSummary, f as ShareSummary);
  } else {
    const sb = sampleStats(b as MeanSummary);
    const sf = sampleStats(f as MeanSummary);
    difference = welchTest(sb, sf);
    effect = cohenD(sb, sf);
    if (effect === null) notes.push("Cohen's d needs a pooled standard deviation above 0");
  }
  if (difference.note) notes.push(difference.note);

  const groups: IndicatorComparison['groups'] = {};
  for (const variable of settings.groupBy) {
    const values = [...new Set([...backgroundValues(baseline, variable), ...backgroundValues(followup, variable)])].sort();
    const byValue: Record<string, { baseline: RoundSummary; followup: RoundSummary }> = {};
    for (const value of values) {
      const inGroup = (background: { [key: string]: string | null }) => background[variable] === value;
      byValue[value] = {
        baseline: summarize(compiled, sumMoments(baseline, id, inGroup), k),
        followup: summarize(compiled, sumMoments(followup, id, inGroup), k),
      };
    }
    groups[variable] = byValue;
  }

  const diff = Number.isNaN(difference.diff) ? null : difference.diff;
  const result: Omit<IndicatorComparison, 'pHolm'> = {
    baseline: b,
    followup: f,
    diff,
    diffCiLow: difference.ciLow,
    diffCiHigh: difference.ciHigh,
    pValue: difference.pValue,
    significant: difference.pValue === null ? null : difference.pValue < settings.alpha,
    ...(kind === 'share' ? {} : { cohenD: effect }),
    groups,
  };

  if (settings.weighting) {
    const wb = postStratify(baseline, id, compiled.factor, compiled.exact, settings.weighting);
    const wf = postStratify(followup, id, compiled.factor, compiled.exact, settings.weighting);
    const roundsPublished = !isSuppressed(b) && !isSuppressed(f);
    const weightedB = weightedRound(kind, isSuppressed(b) ? { ...wb, estimate: null, se: null, ciLow: null, ciHigh: null } : wb);
    const weightedF = weightedRound(kind, isSuppressed(f) ? { ...wf, estimate: null, se: null, ciLow: null, ciHigh: null } : wf);
    let weightedDiff: Difference = { diff: Number.NaN, ciLow: null, ciHigh: null, pValue: null };
    if (roundsPublished && wb.estimate !== null && wf.estimate !== null) {
      weightedDiff = zDifference({ estimate: wb.estimate, se: wb.se! }, { estimate: wf.estimate, se: wf.se! });
      if (weightedDiff.note) notes.push(`weighted: ${weightedDiff.note}`);
    }
    // Empty and single strata are stated by strataEmpty / strataSingle themselves; notes are kept
    // for figures that are null, so that the output keeps the reference shape otherwise.
    result.weighted = {
      baseline: weightedB,
      followup: weightedF,
      diff: Number.isNaN(weightedDiff.diff) ? null : weightedDiff.diff,
      diffCiLow: weightedDiff.ciLow,
      diffCiHigh: weightedDiff.ciHigh,
      pValue: weightedDiff.pValue,
    };
  }
  if (notes.length > 0) result.notes = notes;
  return result;
}

/**
 * Compares a baseline with a follow-up round for every indicator. Holm's adjustment is taken
 * over the unweighted p-values of all indicators of this one comparison.
 */
export function compareRounds(
  indicators: readonly Indicator[],
  settings: ProjectSettings,
  baseline: RoundAggregate,
  followup: RoundAggregate,
): Comparison {
  const scorer = createScorer(indicators);
  const partial = scorer.indicators.map((compiled) => compareIndicator(compiled, settings, baseline, followup));
  const adjusted = holmAdjust(partial.map((entry) => entry.pValue));
  const result: Comparison = { indicators: {} };
  scorer.indicators.forEach((compiled, i) => {
    const { groups, weighted, notes, cohenD: d, ...figures } = partial[i]!;
    result.indicators[compiled.def.id] = {
      baseline: figures.baseline,
      followup: figures.followup,
      diff: figures.diff,
      diffCiLow: figures.diffCiLow,
      diffCiHigh: figures.diffCiHigh,
      pValue: figures.pValue,
      pHolm: adjusted[i]!,
      significant: figures.significant,
      ...(compiled.def.kind === 'share' ? {} : { cohenD: d ?? null }),
      groups,
      ...(weighted ? { weighted } : {}),
      ...(notes ? { notes } : {}),
    };
  });
  return result;
}
