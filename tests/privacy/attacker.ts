// An independent "attacker" for the privacy tests: it knows the true responses (to judge what it
// finds) and reads only what bygdpuls publishes. From every published count it collects facts
// (round, measure, breakdown, group, n), checks that each is true and at least k, and then tries
// every subtraction it can make inside one breakdown: the published total minus any union of
// published groups, across all outputs together (comparison, indicators, CSV, counts). Any such
// remainder that holds between 1 and k - 1 respondents gives their figures away.
//
// The weighted estimates (collapsed strata) add equations in the cells' means: attackWeighted
// solves them where one cell is left unknown (weighting by one variable).
//
// What it does not try: combining different breakdowns (area groups against gender groups, which
// needs the unpublished cross-tabulation), and strata of several variables (see docs/METHOD-NOTES.md).
import type { Answer, Background, BackgroundVariable, Indicator } from '../../functions/core/schemas.ts';

export type Which = 'baseline' | 'followup';

export interface Respondent {
  background: Background;
  answers: Record<string, Answer>;
}

export interface Truth {
  rounds: Record<Which, Respondent[]>;
  indicators: readonly Indicator[];
  k: number;
}

/**
 * A published count. `measure` names the respondents it counts: `value:<item>` (a value other
 * than "dk" for one item: a one-item indicator, or a distribution without its "dk" answers),
 * `answer:<item>` (any answer to the item), `indicator:<id>` (a value for a several-item index),
 * `respondent` (a response at all). `variable` null is the whole round.
 */
export interface Fact {
  round: Which;
  measure: string;
  variable: BackgroundVariable | null;
  group: string | null;
  n: number;
  /** Where it was read, for messages. */
  source: string;
}

const isValue = (answer: Answer | undefined) => answer !== null && answer !== undefined && answer !== 'dk';

/** The measure an indicator's n counts, by the attacker's own reading of ../shared/docs/METHOD.md. */
export function measureOf(def: Indicator): string {
  return def.items.length === 1 ? `value:${def.items[0]}` : `indicator:${def.id}`;
}

/** Whether a respondent is counted by a measure (computed here, not by bygdpuls). */
function counts(truth: Truth, measure: string, r: Respondent): boolean {
  const [kind, name] = measure.split(/:(.*)/s) as [string, string];
  if (kind === 'respondent') return true;
  if (kind === 'value') return isValue(r.answers[name]);
  if (kind === 'answer') return r.answers[name] !== null && r.answers[name] !== undefined;
  const def = truth.indicators.find((d) => d.id === name)!;
  const answered = def.items.filter((item) => isValue(r.answers[item])).length;
  const minItems =
    def.kind === 'index' && def.minItems !== undefined
      ? def.minItems
      : def.items.length <= 2
        ? def.items.length
        : def.items.length - 1;
  return answered >= minItems;
}

export function trueCount(
  truth: Truth,
  round: Which,
  measure: string,
  variable: BackgroundVariable | null,
  group: string | null,
): number {
  return truth.rounds[round].filter(
    (r) => counts(truth, measure, r) && (variable === null || r.background[variable] === group),
  ).length;
}

/** Everything the attacker found: false claims, small published groups, small remainders. */
export function attack(
  truth: Truth,
  facts: readonly Fact[],
  options: { countTotalsArePublic?: boolean } = {},
): string[] {
  const findings: string[] = [];
  const { k } = truth;
  for (const fact of facts) {
    const actual = trueCount(truth, fact.round, fact.measure, fact.variable, fact.group);
    const where = `${fact.source}: ${fact.round} ${fact.measure} ${fact.variable ?? 'total'}=${fact.group ?? ''}`;
    if (actual !== fact.n) findings.push(`${where}: published n ${fact.n}, true ${actual}`);
    // The round's response count is published by design (it is no group); every other count must reach k.
    const publicTotal = options.countTotalsArePublic && fact.measure === 'respondent' && fact.variable === null;
    if (fact.n < k && !publicTotal) findings.push(`${where}: published n ${fact.n} < k = ${k}`);
  }
  // Every breakdown: the published total minus any union of its published groups.
  const keyOf = (f: Pick<Fact, 'round' | 'measure'>) => `${f.round}|${f.measure}`;
  const totals = new Map<string, number>();
  for (const f of facts) if (f.variable === null) totals.set(keyOf(f), f.n);
  const breakdowns = new Map<string, Map<string, number>>();
  for (const f of facts) {
    if (f.variable === null) continue;
    const key = `${keyOf(f)}|${f.variable}`;
    const groups = breakdowns.get(key) ?? new Map<string, number>();
    groups.set(f.group!, f.n);
    breakdowns.set(key, groups);
  }
  for (const [key, groups] of breakdowns) {
    const total = totals.get(key.slice(0, key.lastIndexOf('|')));
    if (total === undefined) continue;
    const sizes = [...groups.entries()];
    if (sizes.length > 16) throw new Error(`too many groups to try every subset: ${sizes.length}`);
    for (let mask = 1; mask < 1 << sizes.length; mask++) {
      let remainder = total;
      for (let i = 0; i < sizes.length; i++) if (mask & (1 << i)) remainder -= sizes[i]![1];
      if (remainder > 0 && remainder < k) {
        const subtracted = sizes.filter((_, i) => mask & (1 << i)).map(([g]) => g);
        findings.push(
          `${key}: total ${total} minus [${subtracted.join(', ')}] leaves ${remainder} respondents (< k = ${k})`,
        );
      }
    }
  }
  return findings;
}

// ---- reading facts out of each output ----

interface SummaryLike {
  n: number | null;
  suppressed?: true;
}
type Pair = { baseline: SummaryLike; followup: SummaryLike };

/** Facts from the comparison JSON (GET /comparison, `compareRounds`). */
export function comparisonFacts(
  comparison: {
    indicators: Record<
      string,
      { baseline: SummaryLike; followup: SummaryLike; groups: Record<string, Record<string, Pair> | undefined> }
    >;
  },
  truth: Truth,
  source = 'comparison',
): Fact[] {
  const facts: Fact[] = [];
  for (const [id, ind] of Object.entries(comparison.indicators)) {
    const measure = measureOf(truth.indicators.find((d) => d.id === id)!);
    for (const round of ['baseline', 'followup'] as const) {
      if (ind[round].n !== null) facts.push({ round, measure, variable: null, group: null, n: ind[round].n!, source });
      for (const [variable, groups] of Object.entries(ind.groups)) {
        for (const [group, pair] of Object.entries(groups ?? {})) {
          if (pair[round].n !== null)
            facts.push({ round, measure, variable: variable as BackgroundVariable, group, n: pair[round].n!, source });
        }
      }
    }
  }
  return facts;
}

type DistributionLike = { n: number | null; counts?: Record<string, number> };

function distributionFacts(
  round: Which,
  item: string,
  variable: BackgroundVariable | null,
  group: string | null,
  d: DistributionLike,
  source: string,
): Fact[] {
  if (d.n === null) return [];
  return [
    { round, measure: `answer:${item}`, variable, group, n: d.n, source },
    { round, measure: `value:${item}`, variable, group, n: d.n - (d.counts?.['dk'] ?? 0), source },
  ];
}

/** Facts from one round's indicators JSON (GET /rounds/:id/indicators). */
export function readingFacts(
  round: Which,
  indicators: Record<
    string,
    {
      summary: SummaryLike;
      groups: Record<string, Record<string, SummaryLike> | undefined>;
      distribution: Record<string, DistributionLike>;
      groupDistributions: Record<string, Record<string, Record<string, DistributionLike>> | undefined>;
    }
  >,
  truth: Truth,
  source = 'indicators',
): Fact[] {
  const facts: Fact[] = [];
  for (const [id, reading] of Object.entries(indicators)) {
    const measure = measureOf(truth.indicators.find((d) => d.id === id)!);
    if (reading.summary.n !== null)
      facts.push({ round, measure, variable: null, group: null, n: reading.summary.n, source });
    for (const [variable, groups] of Object.entries(reading.groups)) {
      for (const [group, s] of Object.entries(groups ?? {}))
        if (s.n !== null)
          facts.push({ round, measure, variable: variable as BackgroundVariable, group, n: s.n, source });
    }
    for (const [item, d] of Object.entries(reading.distribution))
      facts.push(...distributionFacts(round, item, null, null, d, `${source} distribution`));
    for (const [variable, groups] of Object.entries(reading.groupDistributions)) {
      for (const [group, items] of Object.entries(groups ?? {})) {
        for (const [item, d] of Object.entries(items))
          facts.push(
            ...distributionFacts(round, item, variable as BackgroundVariable, group, d, `${source} group distribution`),
          );
      }
    }
  }
  return facts;
}

/** Facts from the dashboard's CSV rows (n column of every indicator row). */
export function csvFacts(rows: readonly Partial<Record<string, unknown>>[], truth: Truth): Fact[] {
  const facts: Fact[] = [];
  for (const row of rows) {
    if (row['round'] !== 'baseline' && row['round'] !== 'followup') continue;
    if (row['weighted'] === true || row['n'] === undefined || row['n'] === null || row['n'] === '') continue;
    const def = truth.indicators.find((d) => d.id === row['indicator'])!;
    const variable = (row['group_variable'] as BackgroundVariable | undefined) ?? null;
    facts.push({
      round: row['round'],
      measure: measureOf(def),
      variable,
      group: variable ? String(row['group']) : null,
      n: Number(row['n']),
      source: 'csv',
    });
  }
  return facts;
}

/** Facts from one round's response counts (GET /rounds/:id, the counts table). */
export function countFacts(
  round: Which,
  counts: { responses: number; areas: { area: string; responses: number | null }[] },
): Fact[] {
  const facts: Fact[] = [
    { round, measure: 'respondent', variable: null, group: null, n: counts.responses, source: 'counts' },
  ];
  for (const a of counts.areas)
    if (a.responses !== null)
      facts.push({ round, measure: 'respondent', variable: 'area', group: a.area, n: a.responses, source: 'counts' });
  return facts;
}

// ---- the weighted estimates (collapsed strata) ----

/** A published weighted estimate of one indicator and round, as the attacker reads it. */
export interface WeightedFact {
  round: Which;
  indicatorId: string;
  /** The stratum variable (weighting by one variable). */
  variable: BackgroundVariable;
  /** Whether the estimate itself is published (not null). */
  published: boolean;
  excluded: number | null;
  strataSingle: readonly unknown[] | null;
  strataCollapsed: readonly (readonly Partial<Record<BackgroundVariable, string>>[])[];
  source: string;
}

interface WeightedLike {
  mean?: number | null;
  p?: number | null;
  estimate?: number | null;
  excluded: number | null;
  strataSingle: readonly unknown[] | null;
  strataCollapsed?: readonly (readonly Partial<Record<BackgroundVariable, string>>[])[];
}

/** Reads a weighted figure (the comparison's `weighted.<round>`, or a reading's `weighted`). */
export function weightedFact(
  round: Which,
  indicatorId: string,
  variable: BackgroundVariable,
  w: WeightedLike,
  source: string,
): WeightedFact {
  const value = w.estimate !== undefined ? w.estimate : w.mean !== undefined ? w.mean : w.p;
  return {
    round,
    indicatorId,
    variable,
    published: value !== null && value !== undefined,
    excluded: w.excluded,
    strataSingle: w.strataSingle,
    strataCollapsed: w.strataCollapsed ?? [],
    source,
  };
}

/**
 * What a published weighted estimate adds. It is a known combination of its cells' means (the
 * strata, merged where small), so, taking the attacker to know every true count: a merged cell
 * minus its published member groups must not leave 1 to k - 1 respondents; when only one cell has
 * members that are not published, that cell can be solved for, and the round minus the cells
 * (the respondents who left the stratum variable unanswered) must not be 1 to k - 1 either. Every
 * cell holds at least k, and the published counts (`excluded`, `strataSingle`) are true and safe.
 */
export function attackWeighted(truth: Truth, weighted: readonly WeightedFact[], facts: readonly Fact[]): string[] {
  const findings: string[] = [];
  const { k } = truth;
  for (const w of weighted) {
    const def = truth.indicators.find((d) => d.id === w.indicatorId)!;
    const measure = measureOf(def);
    const where = `${w.source}: ${w.round} ${w.indicatorId} weighted by ${w.variable}`;
    const people = truth.rounds[w.round].filter((r) => counts(truth, measure, r));
    const excluded = people.filter((r) => r.background[w.variable] === null).length;
    if (w.excluded !== null && w.excluded !== excluded)
      findings.push(`${where}: excluded ${w.excluded}, true ${excluded}`);
    if (w.excluded !== null && w.excluded > 0 && w.excluded < k)
      findings.push(`${where}: excluded ${w.excluded} < k = ${k} published`);
    if (w.strataSingle !== null && w.strataSingle.length > 0) findings.push(`${where}: names strata of one respondent`);
    if (!w.published) continue;
    const size = (value: string) => people.filter((r) => r.background[w.variable] === value).length;
    const merged = w.strataCollapsed.map((cell) => cell.map((stratum) => stratum[w.variable]!));
    const inMerged = new Set(merged.flat());
    const present = [...new Set(people.map((r) => r.background[w.variable]).filter((v): v is string => v !== null))];
    const cells = [...merged, ...present.filter((value) => !inMerged.has(value)).map((value) => [value])];
    const known = new Set(
      facts
        .filter((f) => f.round === w.round && f.measure === measure && f.variable === w.variable)
        .map((f) => f.group!),
    );
    for (const cell of cells) {
      const n = cell.reduce((sum, value) => sum + size(value), 0);
      if (n < k) findings.push(`${where}: cell [${cell.join(', ')}] holds ${n} < k = ${k}`);
      const hidden = cell.filter((value) => !known.has(value)).reduce((sum, value) => sum + size(value), 0);
      if (cell.length > 1 && hidden > 0 && hidden < k)
        findings.push(`${where}: cell [${cell.join(', ')}] minus its published groups leaves ${hidden} < k = ${k}`);
    }
    const unknown = cells.filter((cell) => cell.some((value) => !known.has(value)));
    if (unknown.length === 1 && excluded > 0 && excluded < k)
      findings.push(
        `${where}: only cell [${unknown[0]!.join(', ')}] is unknown, so the ${excluded} < k = ${k} respondents without ${w.variable} can be solved for`,
      );
  }
  return findings;
}
