// Baseline versus follow-up (../shared/docs/METHOD.md, "Comparing ..."): from two round aggregates to the
// comparison every surface shows (CLI, API, dashboard), in the shape of the reference cases'
// expected.json.
import { backgroundValues, sumMoments, type Moments, type RoundAggregate } from './aggregates.ts';
import { complementarySuppressions, isPublishable, SECONDARY, type SuppressionReason } from './disclosure.ts';

export { isPublishable } from './disclosure.ts';
import type { BackgroundVariable, Indicator, ProjectSettings } from './schemas.ts';
import { createScorer, type CompiledIndicator } from './scoring.ts';
import { meaningfulChange, verdictOf, type Verdict } from './verdict.ts';
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
import type { Stratum } from './stats/weighting.ts';
import { protectWeighted, weightedEstimate, type PublishedEstimate } from './weightedFigures.ts';

export interface Suppressed {
  suppressed: true;
  n: null;
  /** Only for a group suppressed to protect another one (secondary suppression). */
  reason?: SuppressionReason;
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
  /** Null where the true count would give a group under k away (the protected mode). */
  excluded: number | null;
  strataEmpty: Stratum[] | null;
  strataSingle: Stratum[] | null;
  /** The protected mode's merged cells (collapsed strata), each a list of strata. */
  strataCollapsed?: Stratum[][];
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
  verdict: Verdict;
  cohenD?: number | null;
  groups: Partial<Record<BackgroundVariable, Record<string, { baseline: RoundSummary; followup: RoundSummary }>>>;
  weighted?: WeightedComparison;
  /** Why figures are null or flagged, when any are. */
  notes?: string[];
}

export interface Comparison {
  indicators: Record<string, IndicatorComparison>;
}

export interface CompareOptions {
  /**
   * Suppress further groups where the suppressed ones could be recovered by subtraction from the
   * round's total (docs/METHOD-NOTES.md). Off by default: ../shared/docs/METHOD.md and its reference cases define
   * primary suppression only. The API and everything it serves turn it on.
   */
  secondarySuppression?: boolean;
}

/** A group under the minimum size publishes nothing but the fact that it is suppressed. */

const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true, n: null }) as Suppressed;

function isSuppressed(summary: RoundSummary): summary is Suppressed {
  return 'suppressed' in summary;
}

/** The marker of a group that is suppressed to protect a smaller one. */
export function secondarySuppressed(): Suppressed {
  return { suppressed: true, n: null, reason: SECONDARY };
}

/**
 * Applies secondary suppression to one breakdown of one round: `groups` maps each group to its
 * summary, and the summaries that must be hidden too are replaced (in place).
 */
export function protectBreakdown(
  total: RoundSummary,
  groups: Record<string, RoundSummary>,
  minGroupSize: number,
): void {
  const extra = complementarySuppressions(
    isSuppressed(total) ? null : [total.n],
    Object.keys(groups)
      .sort()
      .map((key) => {
        const summary = groups[key]!;
        return { key, sizes: isSuppressed(summary) ? null : [summary.n] };
      }),
    minGroupSize,
  );
  withholdGroups(groups, extra);
}

/** Marks the groups named by complementary suppression as withheld (secondary suppression). */
export function withholdGroups(groups: Record<string, unknown>, keys: Iterable<string>): void {
  // defineProperty: a group named "__proto__" stays a plain key.
  for (const key of keys)
    Object.defineProperty(groups, key, {
      value: secondarySuppressed(),
      enumerable: true,
      writable: true,
      configurable: true,
    });
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

function weightedRound(kind: Indicator['kind'], estimate: PublishedEstimate): WeightedRound {
  const key = kind === 'share' ? 'p' : 'mean';
  return {
    [key]: estimate.estimate,
    se: estimate.se,
    ciLow: estimate.ciLow,
    ciHigh: estimate.ciHigh,
    excluded: estimate.excluded,
    strataEmpty: estimate.strataEmpty,
    strataSingle: estimate.strataSingle,
    ...(estimate.strataCollapsed ? { strataCollapsed: estimate.strataCollapsed } : {}),
  };
}

function compareIndicator(
  compiled: CompiledIndicator,
  settings: ProjectSettings,
  baseline: RoundAggregate,
  followup: RoundAggregate,
  options: CompareOptions,
): Omit<IndicatorComparison, 'pHolm' | 'verdict'> {
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
    const values = [
      ...new Set([...backgroundValues(baseline, variable), ...backgroundValues(followup, variable)]),
    ].sort();
    // No prototype: a group value such as "__proto__" (from a CSV file) stays a plain key.
    const byValue = Object.create(null) as Record<string, { baseline: RoundSummary; followup: RoundSummary }>;
    for (const value of values) {
      const inGroup = (background: { [key: string]: string | null }) => background[variable] === value;
      byValue[value] = {
        baseline: summarize(compiled, sumMoments(baseline, id, inGroup), k),
        followup: summarize(compiled, sumMoments(followup, id, inGroup), k),
      };
    }
    if (options.secondarySuppression) {
      for (const which of ['baseline', 'followup'] as const) {
        const round = Object.fromEntries(values.map((value) => [value, byValue[value]![which]]));
        protectBreakdown(which === 'baseline' ? b : f, round, k);
        for (const value of values)
          byValue[value]![which] = Object.getOwnPropertyDescriptor(round, value)!.value as RoundSummary;
      }
    }
    groups[variable] = byValue;
  }

  const diff = Number.isNaN(difference.diff) ? null : difference.diff;
  const result: Omit<IndicatorComparison, 'pHolm' | 'verdict'> = {
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
    const weightedSettings = { ...settings, weighting: settings.weighting };
    const protect = options.secondarySuppression ?? false;
    const raw = {
      baseline: weightedEstimate(baseline, compiled, weightedSettings, protect),
      followup: weightedEstimate(followup, compiled, weightedSettings, protect),
    };
    const estimates: Record<'baseline' | 'followup', PublishedEstimate> = { ...raw };
    if (protect) {
      const variable = settings.weighting.strata.length === 1 ? settings.weighting.strata[0]! : null;
      for (const which of ['baseline', 'followup'] as const) {
        const breakdown = variable === null ? undefined : groups[variable];
        const shown = new Set(
          Object.entries(breakdown ?? {})
            .filter(([, pair]) => !isSuppressed(pair[which]))
            .map(([value]) => value),
        );
        const round = which === 'baseline' ? baseline : followup;
        const protectedRound = protectWeighted(raw[which], round, id, weightedSettings, shown);
        estimates[which] = protectedRound.estimate;
        if (protectedRound.reason) notes.push(`weighted ${which}: ${protectedRound.reason}`);
        if (protectedRound.estimate.excluded === null)
          notes.push(
            `weighted ${which}: excluded withheld, fewer than ${k} respondents left a stratum variable unanswered`,
          );
        if (protectedRound.estimate.strataSingle === null)
          notes.push(`weighted ${which}: strataSingle withheld, it would name strata of one respondent`);
        if (breakdown) for (const value of protectedRound.groups) breakdown[value]![which] = secondarySuppressed();
      }
    }
    const wb = estimates.baseline;
    const wf = estimates.followup;
    const roundsPublished = !isSuppressed(b) && !isSuppressed(f);
    const weightedB = weightedRound(
      kind,
      isSuppressed(b) ? { ...wb, estimate: null, se: null, ciLow: null, ciHigh: null } : wb,
    );
    const weightedF = weightedRound(
      kind,
      isSuppressed(f) ? { ...wf, estimate: null, se: null, ciLow: null, ciHigh: null } : wf,
    );
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
  options: CompareOptions = {},
): Comparison {
  const scorer = createScorer(indicators);
  const partial = scorer.indicators.map((compiled) =>
    compareIndicator(compiled, settings, baseline, followup, options),
  );
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
      verdict: verdictOf({ ...figures, pHolm: adjusted[i]! }, settings.alpha, meaningfulChange(compiled.def)),
      ...(compiled.def.kind === 'share' ? {} : { cohenD: d ?? null }),
      groups,
      ...(weighted ? { weighted } : {}),
      ...(notes ? { notes } : {}),
    };
  });
  return result;
}
