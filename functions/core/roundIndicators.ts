// The indicators of one round as evaluators read them: whole round, groups, weighted figures and
// answer distributions, with primary and secondary suppression. Pure: the API's read path and the
// privacy tests both call it.
import { backgroundValues, sumAnswerCounts, sumMoments, type RoundAggregate } from './aggregates.ts';
import { isPublishable, protectBreakdown, summarize, withholdGroups } from './compare.ts';
import { complementarySuppressions } from './disclosure.ts';
import type { Distribution, IndicatorReading, RoundSummary } from './published.ts';
import { DONT_KNOW, type Background, type ProjectSettings } from './schemas.ts';
import type { Scorer } from './scoring.ts';
import { protectWeighted, weightedEstimate } from './weightedFigures.ts';

export type { Distribution, IndicatorReading } from './published.ts';

/** The sizes of a distribution: answers other than "dk" (the values a figure is made of), then all answers. */
function distributionSizes(counts: Record<string, number>): [number, number] {
  let all = 0;
  for (const count of Object.values(counts)) all += count;
  return [all - (counts[DONT_KNOW] ?? 0), all];
}

/**
 * An item's answer counts in a group, or the suppression marker. It is published only when at
 * least k of its answers are values (not "dk"): otherwise it would give away the mean or share of
 * fewer than k respondents that the indicator over this one item suppresses.
 */
function distributionOf(
  round: RoundAggregate,
  question: string,
  include: (b: Background) => boolean,
  minGroupSize: number,
): Distribution {
  const counts = sumAnswerCounts(round, question, include);
  const [values, n] = distributionSizes(counts);
  if (!isPublishable(values, minGroupSize)) return { suppressed: true, n: null };
  return { n, counts: { ...counts } };
}

/** Secondary suppression of one breakdown of an item's distribution (in place). */
function protectDistributions(total: Distribution, groups: Record<string, Distribution>, minGroupSize: number): void {
  const sizes = (d: Distribution) => ('suppressed' in d ? null : distributionSizes(d.counts));
  const extra = complementarySuppressions(
    sizes(total),
    Object.keys(groups)
      .sort()
      .map((key) => ({ key, sizes: sizes(groups[key]!) })),
    minGroupSize,
  );
  withholdGroups(groups, extra);
}

export function roundIndicators(
  scorer: Scorer,
  aggregate: RoundAggregate,
  settings: ProjectSettings,
): Record<string, IndicatorReading> {
  const { minGroupSize: k, groupBy, weighting } = settings;
  const indicators: Record<string, IndicatorReading> = {};
  for (const compiled of scorer.indicators) {
    const { id, kind, label, items } = compiled.def;
    const summary = summarize(compiled, sumMoments(aggregate, id), k);
    const distribution: Record<string, Distribution> = Object.fromEntries(
      items.map((q) => [q, distributionOf(aggregate, q, () => true, k)]),
    );
    const groups: IndicatorReading['groups'] = {};
    const groupDistributions: IndicatorReading['groupDistributions'] = {};
    for (const variable of groupBy) {
      const values = [...backgroundValues(aggregate, variable)].sort();
      const byValue: Record<string, RoundSummary> = Object.fromEntries(
        values.map((value) => [
          value,
          summarize(
            compiled,
            sumMoments(aggregate, id, (b) => b[variable] === value),
            k,
          ),
        ]),
      );
      protectBreakdown(summary, byValue, k);
      groups[variable] = byValue;
      // Per item: the groups' distributions of that item, protected against its whole-round one.
      const perItem = items.map((q) => {
        const byGroup: Record<string, Distribution> = Object.fromEntries(
          values.map((value) => [value, distributionOf(aggregate, q, (b) => b[variable] === value, k)]),
        );
        protectDistributions(distribution[q]!, byGroup, k);
        return byGroup;
      });
      groupDistributions[variable] = Object.fromEntries(
        values.map((value) => [value, Object.fromEntries(items.map((q, i) => [q, perItem[i]![value]!]))]),
      );
    }
    const reading: IndicatorReading = { label: label ?? null, kind, summary, groups, distribution, groupDistributions };
    if (weighting && !('suppressed' in summary)) {
      // Collapsed strata, and the breakdown protected against what the estimate adds (weightedFigures.ts).
      const weightedSettings = { ...settings, weighting };
      const variable = weighting.strata.length === 1 ? weighting.strata[0]! : null;
      const breakdown = variable === null ? undefined : groups[variable];
      const shown = new Set(
        Object.entries(breakdown ?? {})
          .filter(([, group]) => !('suppressed' in group))
          .map(([value]) => value),
      );
      const published = protectWeighted(
        weightedEstimate(aggregate, compiled, weightedSettings, true),
        aggregate,
        id,
        weightedSettings,
        shown,
      );
      if (breakdown && variable !== null) {
        withholdGroups(breakdown, published.groups);
        const distributions = groupDistributions[variable]!;
        for (const value of published.groups) withholdGroups(distributions[value]!, items);
      }
      reading.weighted = {
        ...published.estimate,
        weighted: true,
        ...(published.withheld ? { withheld: true as const, reason: published.reason! } : {}),
      };
    }
    indicators[id] = reading;
  }
  return indicators;
}
