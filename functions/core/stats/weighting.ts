// Post-stratification (../shared/docs/METHOD.md, "Weighting"): W_h = N_h / N over the strata present for the
// indicator and round, estimate sum W_h m_h, variance sum W_h^2 s_h^2 / n_h, no finite
// population correction, 95 % interval with the full-precision normal quantile.
import { sumMoments, type Moments, type RoundAggregate } from '../aggregates.ts';
import { stratumKey, type BackgroundVariable, type Weighting } from '../schemas.ts';
import { Z_975 } from './distributions.ts';
import { meanAndVariance } from './estimates.ts';

export type Stratum = Partial<Record<BackgroundVariable, string>>;

export interface PostStratifiedEstimate {
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Respondents with a value for the indicator but an unanswered stratum variable. */
  excluded: number;
  /** Strata of the population without a respondent with a value, in the population's order. */
  strataEmpty: Stratum[];
  /** Strata with exactly one respondent (s_h^2 taken as 0), in the population's order. */
  strataSingle: Stratum[];
  /** The protected mode's merged cells, each its strata in the population's order. */
  strataCollapsed?: Stratum[][];
  /** Respondents in the smallest cell (the protected mode decides on it); absent when no cell. */
  smallestCell?: number;
}

/** A stratum value in the data that the population figures lack: bad input, never dropped. */
export class UnknownStratumError extends Error {
  override readonly name = 'UnknownStratumError';
  constructor(readonly stratum: Stratum) {
    super(`the population figures have no stratum ${JSON.stringify(stratum)}`);
  }
}

function stratumOf(strata: readonly BackgroundVariable[], values: Readonly<Record<string, string | null>>): Stratum {
  const stratum: Stratum = {};
  for (const variable of strata) stratum[variable] = values[variable] ?? undefined;
  return stratum;
}

/** One cell of the weighting: one stratum, or (collapsed strata) several merged ones. */
interface Cell {
  /** Indexes of its strata in the population figures, ascending. */
  members: number[];
  population: number;
  moments: Moments;
}

function addMoments(a: Moments, b: Moments): Moments {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

/**
 * Collapsed strata (../shared/docs/METHOD.md, "Publishing weighted figures when strata are small"):
 * while a cell has fewer than `minSize` respondents and more than one cell is left, the smallest
 * such cell (ties: the first in order) is merged into its nearest sibling, the smallest other cell
 * with the same values for every stratum variable but the last, or, without one, into the
 * smallest other cell (ties: the first in order). A merged cell sits at the place of its first
 * stratum.
 */
export function collapseCells<C extends { members: number[]; n: number }>(
  cells: readonly C[],
  minSize: number,
  prefixOf: (stratumIndex: number) => string,
  merge: (into: C, from: C) => C,
): C[] {
  let list = [...cells];
  const samePrefix = (a: C, b: C) => {
    const prefix = prefixOf(a.members[0]!);
    return [...a.members, ...b.members].every((i) => prefixOf(i) === prefix);
  };
  const smallest = (candidates: readonly C[]) =>
    candidates.reduce<C | undefined>((best, c) => (best === undefined || c.n < best.n ? c : best), undefined);
  for (;;) {
    if (list.length <= 1) return list;
    const small = smallest(list.filter((c) => c.n < minSize));
    if (small === undefined) return list;
    const others = list.filter((c) => c !== small);
    const target = smallest(others.filter((c) => samePrefix(small, c))) ?? smallest(others)!;
    const merged = merge(target, small);
    const first = Math.min(small.members[0]!, target.members[0]!);
    list = others.filter((c) => c !== target);
    const at = list.findIndex((c) => c.members[0]! > first);
    list.splice(at === -1 ? list.length : at, 0, merged);
  }
}

export interface PostStratifyOptions {
  /**
   * The protected mode: cells of fewer respondents are merged (collapsed strata) and the merges
   * are listed. Absent: every present stratum is a cell of its own (the raw method).
   */
  minStratumSize?: number;
}

export function postStratify(
  round: RoundAggregate,
  indicatorId: string,
  factor: number,
  exact: boolean,
  weighting: Weighting,
  options: PostStratifyOptions = {},
): PostStratifiedEstimate {
  const { strata, population } = weighting;
  const known = new Set(population.map((row) => stratumKey(strata, row as Record<string, string>)));

  let excluded = 0;
  for (const cell of Object.values(round.cells)) {
    const m = cell.indicators[indicatorId];
    if (!m || m.n === 0) continue;
    if (strata.some((variable) => cell.background[variable] === null)) {
      excluded += m.n;
      continue;
    }
    if (!known.has(stratumKey(strata, cell.background)))
      throw new UnknownStratumError(stratumOf(strata, cell.background));
  }

  const perStratum = population.map((row) => {
    const key = stratumKey(strata, row as Record<string, string>);
    const moments = sumMoments(round, indicatorId, (background) => stratumKey(strata, background) === key);
    return { row, moments };
  });
  const stratumAt = (i: number) => stratumOf(strata, population[i] as Record<string, string>);
  const strataEmpty = perStratum.flatMap((s, i) => (s.moments.n === 0 ? [stratumAt(i)] : []));
  const strataSingle = perStratum.flatMap((s, i) => (s.moments.n === 1 ? [stratumAt(i)] : []));
  let cells: Cell[] = perStratum.flatMap((s, i) =>
    s.moments.n > 0 ? [{ members: [i], population: s.row.population, moments: s.moments }] : [],
  );
  const collapsed = options.minStratumSize !== undefined;
  if (collapsed) {
    const last = strata.length - 1;
    const prefixOf = (i: number) => stratumKey(strata.slice(0, last), population[i] as Record<string, string>);
    const sized = cells.map((c) => ({ ...c, n: c.moments.n }));
    cells = collapseCells(sized, options.minStratumSize!, prefixOf, (into, from) => ({
      members: [...into.members, ...from.members].sort((a, b) => a - b),
      population: into.population + from.population,
      moments: addMoments(into.moments, from.moments),
      n: into.n + from.n,
    }));
  }
  const strataCollapsed = collapsed
    ? { strataCollapsed: cells.filter((c) => c.members.length > 1).map((c) => c.members.map(stratumAt)) }
    : {};
  if (cells.length === 0) {
    return {
      estimate: null,
      se: null,
      ciLow: null,
      ciHigh: null,
      excluded,
      strataEmpty,
      strataSingle,
      ...strataCollapsed,
    };
  }
  const totalPopulation = cells.reduce((sum, c) => sum + c.population, 0);
  let estimate = 0;
  let variance = 0;
  for (const { population: cellPopulation, moments } of cells) {
    const weight = cellPopulation / totalPopulation;
    const stats = meanAndVariance(moments, factor, exact);
    estimate += weight * stats.mean;
    if (moments.n > 1) variance += (weight * weight * stats.variance) / moments.n;
  }
  const se = Math.sqrt(variance);
  return {
    estimate,
    se,
    ciLow: estimate - Z_975 * se,
    ciHigh: estimate + Z_975 * se,
    excluded,
    strataEmpty,
    strataSingle,
    ...strataCollapsed,
    ...(collapsed ? { smallestCell: Math.min(...cells.map((c) => c.moments.n)) } : {}),
  };
}
