// The post-stratified figures of one indicator and round as they are published (the protected
// mode, ../shared/docs/METHOD.md, "Publishing weighted figures when strata are small"): small strata
// collapsed, counts that would give a small group away null, and the breakdown by the stratum
// variable protected against what the estimate adds (disclosure.ts, cellSuppressions).
import { sumMoments, type RoundAggregate } from './aggregates.ts';
import { cellSuppressions, isSafeResidual, type WeightingCell } from './disclosure.ts';
import type { ProjectSettings, Weighting } from './schemas.ts';
import type { CompiledIndicator } from './scoring.ts';
import { postStratify, type PostStratifiedEstimate, type Stratum } from './stats/weighting.ts';

/** A post-stratified estimate as published: counts and lists that would give a small group away are null. */
export interface PublishedEstimate
  extends Omit<PostStratifiedEstimate, 'excluded' | 'strataEmpty' | 'strataSingle' | 'smallestCell'> {
  excluded: number | null;
  strataEmpty: Stratum[] | null;
  strataSingle: Stratum[] | null;
}

export interface ProtectedWeighted {
  estimate: PublishedEstimate;
  /** The estimate itself is withheld (then `reason` says why). */
  withheld: boolean;
  reason?: string;
  /** Groups of the stratum variable's breakdown to withhold as well (secondary suppression). */
  groups: string[];
}

/** Cells under this many respondents are merged: the project's setting, never below k. */
export function minStratumSize(settings: ProjectSettings): number {
  return Math.max(settings.minGroupSize, settings.weighting?.minStratumSize ?? settings.minGroupSize);
}

/** The estimate of one indicator and round: raw (every present stratum a cell) or collapsed. */
export function weightedEstimate(
  aggregate: RoundAggregate,
  compiled: CompiledIndicator,
  settings: ProjectSettings & { weighting: Weighting },
  protect: boolean,
): PostStratifiedEstimate {
  return postStratify(
    aggregate,
    compiled.def.id,
    compiled.factor,
    compiled.exact,
    settings.weighting,
    protect ? { minStratumSize: minStratumSize(settings) } : {},
  );
}

/**
 * Protects a collapsed estimate for publishing. `published` is the set of groups of the stratum
 * variable's breakdown that are shown for this indicator and round (empty when the project does
 * not break down by it). With several stratum variables the breakdowns do not cover the cells
 * one by one, and only the cell sizes decide.
 */
export function protectWeighted(
  collapsed: PostStratifiedEstimate,
  aggregate: RoundAggregate,
  indicatorId: string,
  settings: ProjectSettings & { weighting: Weighting },
  published: ReadonlySet<string>,
): ProtectedWeighted {
  const k = settings.minGroupSize;
  const m = minStratumSize(settings);
  const { smallestCell, ...rest } = collapsed;
  let estimate: PublishedEstimate = {
    ...rest,
    excluded: isSafeResidual(rest.excluded, k) ? rest.excluded : null,
    // A stratum of one respondent named would publish a count of 1.
    strataSingle: rest.strataSingle.length === 0 ? [] : null,
  };
  let reason: string | undefined;
  let groups: string[] = [];
  if (rest.estimate !== null && (smallestCell ?? 0) < m) {
    reason = `fewer than ${m} respondents with a value have every stratum variable answered: no weighted figure`;
  }
  const { strata, population } = settings.weighting;
  if (reason === undefined && rest.estimate !== null && strata.length === 1) {
    const variable = strata[0]!;
    const sizes = new Map<string, number>();
    for (const row of population) {
      const value = row[variable] as string;
      sizes.set(value, sumMoments(aggregate, indicatorId, (b) => b[variable] === value).n);
    }
    const merged = (rest.strataCollapsed ?? []).map((list) => list.map((stratum) => stratum[variable]!));
    const inMerged = new Set(merged.flat());
    const cells: WeightingCell[] = [
      ...merged.map((members) => ({ members })),
      ...[...sizes].filter(([value, n]) => n > 0 && !inMerged.has(value)).map(([value]) => ({ members: [value] })),
    ];
    const shown = new Set([...published].filter((value) => sizes.has(value)));
    const found = cellSuppressions(cells, sizes, shown, rest.excluded, k);
    groups = found.groups;
    if (found.withholdEstimate) {
      reason = `the weighted figure would single out the fewer than ${k} respondents who left ${variable} unanswered`;
    }
  }
  if (reason !== undefined) estimate = { ...estimate, estimate: null, se: null, ciLow: null, ciHigh: null };
  return { estimate, withheld: reason !== undefined, ...(reason ? { reason } : {}), groups };
}
