// METHOD.md's "Publishing weighted figures when strata are small (collapsed strata)", written again
// from its text for the tests, from the reference case's rows (not from bygdpuls's aggregates):
// respondent values, cells, the merges, then the post-stratified estimate over the cells.
import type { Indicator } from '../../functions/core/schemas.ts';

const Z = 1.959963984540054;
type Row = Record<string, string>;

/** One respondent's value for an indicator (METHOD.md, "Respondent level"), or null. */
export function respondentValue(def: Indicator, row: Row): number | null {
  const answer = (item: string) => row[item] ?? '';
  if (def.kind === 'share') {
    const a = answer(def.items[0]);
    if (a === '' || a === 'dk') return null;
    return def.positive.map(String).includes(a) ? 1 : 0;
  }
  if (def.kind === 'mean') {
    const a = answer(def.items[0]);
    return a === '' || a === 'dk' ? null : Number(a);
  }
  const [lo, hi] = def.scale;
  const weights = def.weights ?? def.items.map(() => 1);
  let total = 0;
  let weightSum = 0;
  let answered = 0;
  def.items.forEach((item, i) => {
    const a = answer(item);
    if (a === '' || a === 'dk') return;
    answered++;
    total += (weights[i]! * ((Number(a) - lo) * 100)) / (hi - lo);
    weightSum += weights[i]!;
  });
  const minItems = def.minItems ?? (def.items.length <= 2 ? def.items.length : def.items.length - 1);
  return answered < minItems ? null : total / weightSum;
}

interface Cell {
  strata: number[];
  population: number;
  values: number[];
}

export interface CollapsedEstimate {
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  strataCollapsed: Record<string, string>[][];
}

export function collapsedEstimate(
  def: Indicator,
  rows: readonly Row[],
  strata: readonly string[],
  population: readonly Row[],
  minSize: number,
): CollapsedEstimate | null {
  const stratumOf = (i: number) => Object.fromEntries(strata.map((s) => [s, population[i]![s]!]));
  let cells: Cell[] = population.map((p, i) => ({
    strata: [i],
    population: Number(p.population),
    values: rows
      .filter((r) => strata.every((s) => r[s] === p[s]))
      .map((r) => respondentValue(def, r))
      .filter((v): v is number => v !== null),
  }));
  cells = cells.filter((c) => c.values.length > 0);
  const prefix = (i: number) =>
    strata
      .slice(0, -1)
      .map((s) => population[i]![s])
      .join('\u0000');
  while (cells.length > 1 && cells.some((c) => c.values.length < minSize)) {
    let small = cells.findIndex((c) => c.values.length < minSize);
    cells.forEach((c, i) => {
      if (c.values.length < minSize && c.values.length < cells[small]!.values.length) small = i;
    });
    const from = cells[small]!;
    const sameRest = (c: Cell) => [...c.strata, ...from.strata].every((i) => prefix(i) === prefix(from.strata[0]!));
    let into = -1;
    for (const onlySiblings of [true, false]) {
      cells.forEach((c, i) => {
        if (i === small || (onlySiblings && !sameRest(c))) return;
        if (into === -1 || c.values.length < cells[into]!.values.length) into = i;
      });
      if (into !== -1) break;
    }
    const target = cells[into]!;
    const merged: Cell = {
      strata: [...target.strata, ...from.strata].sort((a, b) => a - b),
      population: target.population + from.population,
      values: [...target.values, ...from.values],
    };
    cells = cells.filter((c) => c !== from && c !== target);
    cells.push(merged);
    cells.sort((a, b) => a.strata[0]! - b.strata[0]!);
  }
  if (cells.length === 0 || cells.some((c) => c.values.length < minSize)) return null;
  const N = cells.reduce((sum, c) => sum + c.population, 0);
  let estimate = 0;
  let variance = 0;
  for (const c of cells) {
    const w = c.population / N;
    const n = c.values.length;
    const mean = c.values.reduce((a, b) => a + b, 0) / n;
    estimate += w * mean;
    if (n > 1) variance += (w * w * (c.values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1))) / n;
  }
  const se = Math.sqrt(variance);
  return {
    estimate,
    se,
    ciLow: estimate - Z * se,
    ciHigh: estimate + Z * se,
    strataCollapsed: cells.filter((c) => c.strata.length > 1).map((c) => c.strata.map(stratumOf)),
  };
}
