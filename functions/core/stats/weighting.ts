// Post-stratification (../shared/docs/METHOD.md, "Weighting"): W_h = N_h / N over the strata present for the
// indicator and round, estimate sum W_h m_h, variance sum W_h^2 s_h^2 / n_h, no finite
// population correction, 95 % interval with the full-precision normal quantile.
import { sumMoments, type RoundAggregate } from '../aggregates.ts';
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

export function postStratify(
  round: RoundAggregate,
  indicatorId: string,
  factor: number,
  exact: boolean,
  weighting: Weighting,
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
  const present = perStratum.filter((s) => s.moments.n > 0);
  const strataEmpty = perStratum
    .filter((s) => s.moments.n === 0)
    .map((s) => stratumOf(strata, s.row as Record<string, string>));
  const strataSingle = perStratum
    .filter((s) => s.moments.n === 1)
    .map((s) => stratumOf(strata, s.row as Record<string, string>));
  if (present.length === 0) {
    return { estimate: null, se: null, ciLow: null, ciHigh: null, excluded, strataEmpty, strataSingle };
  }
  const totalPopulation = present.reduce((sum, s) => sum + s.row.population, 0);
  let estimate = 0;
  let variance = 0;
  for (const { row, moments } of present) {
    const weight = row.population / totalPopulation;
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
  };
}
