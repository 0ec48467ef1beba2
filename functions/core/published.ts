// The published figures (what the API answers and the pages show) as zod schemas, with their types
// derived from them: a round's indicators and answer distributions, the baseline-versus-follow-up
// comparison, per-area response counts and free-text answers. The route answers that carry them
// are in functions/api/contract.ts. Every schema is built on first use (z.lazy, as in schemas.ts).
import * as z from 'zod';
import type * as compare from './compare.ts';
import { SECONDARY } from './disclosure.ts';
import { BackgroundVariable } from './schemas.ts';
import type { PublishedEstimate } from './weightedFigures.ts';
import { VERDICTS } from './verdict.ts';

const count = () => z.number().int().min(0);
const nullableNumber = () => z.number().nullable();
/** A breakdown by background variable: only the variables the project groups by are present. */
const byVariable = <T extends z.ZodType>(value: T) => z.partialRecord(BackgroundVariable, value);

export const Suppressed = z.lazy(() =>
  z.object({
    suppressed: z.literal(true),
    n: z.null(),
    /** Only for a group suppressed to protect another one (secondary suppression). */
    reason: z.literal(SECONDARY).optional(),
  }),
);
export type Suppressed = z.infer<typeof Suppressed>;

export const MeanSummary = z.lazy(() =>
  z.object({ n: count(), mean: z.number(), sd: z.number(), ciLow: z.number(), ciHigh: z.number() }),
);
export type MeanSummary = z.infer<typeof MeanSummary>;

export const ShareSummary = z.lazy(() =>
  z.object({ n: count(), k: count(), p: z.number(), ciLow: z.number(), ciHigh: z.number() }),
);
export type ShareSummary = z.infer<typeof ShareSummary>;

/** One group's (or the whole round's) figure for an indicator. */
export const RoundSummary = z.lazy(() => z.union([Suppressed, MeanSummary, ShareSummary]));
export type RoundSummary = z.infer<typeof RoundSummary>;

export const Stratum = z.lazy(() => z.partialRecord(BackgroundVariable, z.string()));

/** A weighted estimate's interval and what the weighting did (WeightedRound and WeightedReading). */
const weightingFields = () => ({
  se: nullableNumber(),
  ciLow: nullableNumber(),
  ciHigh: nullableNumber(),
  /** Null where the true count would give a group under k away (the protected mode). */
  excluded: count().nullable(),
  strataEmpty: z.array(Stratum).nullable(),
  strataSingle: z.array(Stratum).nullable(),
  /** The protected mode's merged cells (collapsed strata), each a list of strata. */
  strataCollapsed: z.array(z.array(Stratum)).optional(),
});

export const WeightedRound = z.lazy(() =>
  z.object({
    mean: nullableNumber().optional(),
    p: nullableNumber().optional(),
    ...weightingFields(),
  }),
);
export type WeightedRound = z.infer<typeof WeightedRound>;

export const WeightedComparison = z.lazy(() =>
  z.object({
    baseline: WeightedRound,
    followup: WeightedRound,
    diff: nullableNumber(),
    diffCiLow: nullableNumber(),
    diffCiHigh: nullableNumber(),
    pValue: nullableNumber(),
  }),
);

export const Verdict = z.lazy(() => z.enum(VERDICTS));

export const IndicatorComparison = z.lazy(() =>
  z.object({
    baseline: RoundSummary,
    followup: RoundSummary,
    diff: nullableNumber(),
    diffCiLow: nullableNumber(),
    diffCiHigh: nullableNumber(),
    pValue: nullableNumber(),
    pHolm: nullableNumber(),
    significant: z.boolean().nullable(),
    /** The one verdict every page words (../shared/docs/METHOD.md, "How the pages word a change"). */
    verdict: Verdict,
    cohenD: nullableNumber().optional(),
    groups: byVariable(z.record(z.string(), z.object({ baseline: RoundSummary, followup: RoundSummary }))),
    weighted: WeightedComparison.optional(),
    /** Why figures are null or flagged, when any are. */
    notes: z.array(z.string()).optional(),
  }),
);
export type IndicatorComparison = z.infer<typeof IndicatorComparison>;

/** Baseline versus follow-up (GET /api/projects/:projectId/comparison, `bygdpuls compare`). */
export const Comparison = z.lazy(() => z.object({ indicators: z.record(z.string(), IndicatorComparison) }));
export type Comparison = z.infer<typeof Comparison>;

/** An item's answer counts (they include "dk"), or the suppression marker. */
export const Distribution = z.lazy(() =>
  z.union([Suppressed, z.object({ n: count(), counts: z.record(z.string(), count()) })]),
);
export type Distribution = z.infer<typeof Distribution>;

/** The post-stratified estimate of a round; `withheld` when a stratum under k holds it back. */
export const WeightedReading = z.lazy(() =>
  z.object({
    estimate: nullableNumber(),
    ...weightingFields(),
    weighted: z.literal(true),
    withheld: z.literal(true).optional(),
    /** Why the estimate is withheld, when it is. */
    reason: z.string().optional(),
  }),
);
export type WeightedReading = z.infer<typeof WeightedReading>;

/** One indicator of one round as evaluators read it (GET /api/rounds/:roundId/indicators). */
export const IndicatorReading = z.lazy(() =>
  z.object({
    label: z.string().nullable(),
    kind: z.enum(['index', 'mean', 'share']),
    summary: RoundSummary,
    groups: byVariable(z.record(z.string(), RoundSummary)),
    weighted: WeightedReading.optional(),
    /** Answers to each item, for the stacked bars. */
    distribution: z.record(z.string(), Distribution),
    groupDistributions: byVariable(z.record(z.string(), z.record(z.string(), Distribution))),
  }),
);
export type IndicatorReading = z.infer<typeof IndicatorReading>;

/** Responses of one area (GET /api/rounds/:roundId). */
export const AreaCount = z.lazy(() =>
  z.object({
    area: z.string(),
    name: z.string(),
    /** Null when suppressed (under the minimum group size, or to protect a smaller area). */
    responses: count().nullable(),
    underMinimum: z.boolean(),
    invited: count().nullable(),
    /** responses / invited, when both are known and published. */
    rate: z.number().nullable(),
    /** Set when the count is hidden to protect a smaller area (secondary suppression). */
    reason: z.literal(SECONDARY).optional(),
  }),
);
export type AreaCount = z.infer<typeof AreaCount>;

/** The answers to one free-text question, or nothing when fewer than k answered it. */
export const TextAnswers = z.lazy(() =>
  z.object({
    question: z.string(),
    title: z.string(),
    /** Answers listed; null when suppressed. */
    n: count().nullable(),
    suppressed: z.boolean(),
    /** The answers alone, in a random order: no background, no response id, no time. */
    answers: z.array(z.string()),
  }),
);
export type TextAnswers = z.infer<typeof TextAnswers>;

/** Which release a view shows (../shared/docs/METHOD.md, "Releases, not live figures"): its time and n. */
export const Release = z.lazy(() =>
  z.object({
    at: z.string(),
    n: count(),
    /** Taken when the round closed: the round's last word. */
    final: z.boolean(),
  }),
);
export type Release = z.infer<typeof Release>;

/** Why a view carries no figures: no release yet, or free text before the round's final release. */
export const Withheld = z.lazy(() => z.object({ reason: z.enum(['no_release', 'not_final']), message: z.string() }));
export type Withheld = z.infer<typeof Withheld>;

// What the statistics compute must fit what is published: a change to either side that breaks
// the other fails to compile here.
type Fits<Computed extends Published, Published> = Computed;
export type PublishedFits = [
  Fits<compare.Comparison, Comparison>,
  Fits<compare.RoundSummary, RoundSummary>,
  Fits<PublishedEstimate & { weighted: true; withheld?: true; reason?: string }, WeightedReading>,
];
