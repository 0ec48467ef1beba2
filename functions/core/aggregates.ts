// Aggregates (METHOD.md, ARCHITECTURE.md "Aggregates"): per cell of background variables,
// n / sum / sum of squares per indicator (in stored units) and per-answer counts per question.
// Any group and any post-stratified estimate is a sum over cells. Merge is associative and
// commutative (exactly so for exact indicators); subtract undoes a merge.
import type { Answer, Background, BackgroundVariable } from './schemas.ts';
import type { Scorer } from './scoring.ts';

export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

export interface CellAggregate {
  background: Background;
  /** Respondents in this cell (with or without values for any indicator). */
  respondents: number;
  indicators: Record<string, Moments>;
  /** question -> answer (as text, "dk" included) -> count. */
  answers: Record<string, Record<string, number>>;
}

export interface RoundAggregate {
  /** Keyed by cellKey(background). */
  cells: Record<string, CellAggregate>;
}

/** A dictionary without a prototype, so that answers such as "__proto__" stay plain keys. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function cellKey(background: Background): string {
  return JSON.stringify([background.area, background.age_band, background.gender]);
}

export function emptyRound(): RoundAggregate {
  return { cells: dict() };
}

function cloneCell(cell: CellAggregate): CellAggregate {
  const indicators = dict<Moments>();
  for (const [id, m] of Object.entries(cell.indicators)) indicators[id] = { n: m.n, sum: m.sum, sumSq: m.sumSq };
  const answers = dict<Record<string, number>>();
  for (const [q, counts] of Object.entries(cell.answers)) {
    const copy = dict<number>();
    for (const [value, count] of Object.entries(counts)) copy[value] = count;
    answers[q] = copy;
  }
  return { background: { ...cell.background }, respondents: cell.respondents, indicators, answers };
}

/** Adds (sign 1) or removes (sign -1) cell b into the mutable cell a; drops what reaches zero. */
function combineInto(a: CellAggregate, b: CellAggregate, sign: 1 | -1): void {
  a.respondents += sign * b.respondents;
  for (const [id, m] of Object.entries(b.indicators)) {
    const target = (a.indicators[id] ??= { n: 0, sum: 0, sumSq: 0 });
    target.n += sign * m.n;
    target.sum += sign * m.sum;
    target.sumSq += sign * m.sumSq;
    // n = 0 means no values: clear float residue so that remove-after-add is the identity.
    if (target.n === 0) delete a.indicators[id];
  }
  for (const [q, counts] of Object.entries(b.answers)) {
    const target = (a.answers[q] ??= dict<number>());
    for (const [value, count] of Object.entries(counts)) {
      const next = (target[value] ?? 0) + sign * count;
      if (next === 0) delete target[value];
      else target[value] = next;
    }
    if (Object.keys(target).length === 0) delete a.answers[q];
  }
}

function combineRounds(a: RoundAggregate, b: RoundAggregate, sign: 1 | -1): RoundAggregate {
  const cells = dict<CellAggregate>();
  for (const [key, cell] of Object.entries(a.cells)) cells[key] = cloneCell(cell);
  for (const [key, cell] of Object.entries(b.cells)) {
    const target = (cells[key] ??= { background: { ...cell.background }, respondents: 0, indicators: dict(), answers: dict() });
    combineInto(target, cell, sign);
    if (target.respondents === 0 && Object.keys(target.indicators).length === 0 && Object.keys(target.answers).length === 0) {
      delete cells[key];
    }
  }
  return { cells };
}

/** The aggregate of the union of two disjoint sets of responses. */
export function mergeRounds(a: RoundAggregate, b: RoundAggregate): RoundAggregate {
  return combineRounds(a, b, 1);
}

/** The aggregate of a without the responses of b (b must be part of a: removals). */
export function subtractRounds(a: RoundAggregate, b: RoundAggregate): RoundAggregate {
  return combineRounds(a, b, -1);
}

/** Sums the moments of one indicator over the cells that a predicate selects. */
export function sumMoments(round: RoundAggregate, indicatorId: string, include: (background: Background) => boolean = () => true): Moments {
  const total: Moments = { n: 0, sum: 0, sumSq: 0 };
  // Sorted keys make the float sums independent of the order cells were created in.
  for (const key of Object.keys(round.cells).sort()) {
    const cell = round.cells[key]!;
    const m = cell.indicators[indicatorId];
    if (!m || !include(cell.background)) continue;
    total.n += m.n;
    total.sum += m.sum;
    total.sumSq += m.sumSq;
  }
  return total;
}

/** Sums the answer counts of one question over the selected cells. */
export function sumAnswerCounts(round: RoundAggregate, question: string, include: (background: Background) => boolean = () => true): Record<string, number> {
  const total = dict<number>();
  for (const cell of Object.values(round.cells)) {
    const counts = cell.answers[question];
    if (!counts || !include(cell.background)) continue;
    for (const [value, count] of Object.entries(counts)) total[value] = (total[value] ?? 0) + count;
  }
  return total;
}

/** The non-empty values a background variable takes among a round's respondents. */
export function backgroundValues(round: RoundAggregate, variable: BackgroundVariable): Set<string> {
  const values = new Set<string>();
  for (const cell of Object.values(round.cells)) {
    const value = cell.background[variable];
    if (value !== null && cell.respondents > 0) values.add(value);
  }
  return values;
}

interface MutableCell {
  background: Background;
  respondents: number;
  n: Float64Array;
  sum: Float64Array;
  sumSq: Float64Array;
  counts: Map<string, number>[];
}

/**
 * The mutable accumulator behind bulk reads (the CLI, the fold): adds scored responses one by one
 * without allocating per response, then hands out a plain RoundAggregate.
 */
export class RoundAccumulator {
  private readonly cells = new Map<string, MutableCell>();

  constructor(private readonly scorer: Scorer) {}

  /**
   * Adds one response (sign 1) or takes one away (sign -1). `answers` is aligned with
   * scorer.questions and already validated.
   */
  add(background: Background, answers: readonly Answer[], sign: 1 | -1 = 1): void {
    this.addFields(background.area, background.age_band, background.gender, answers, sign);
  }

  /** add() without a background object: the hot path of bulk reads. */
  addFields(area: string | null, ageBand: string | null, gender: string | null, answers: readonly Answer[], sign: 1 | -1 = 1): void {
    // Background values are never empty strings, so '' can stand for unanswered in the key.
    const key = `${area ?? ''}\u001f${ageBand ?? ''}\u001f${gender ?? ''}`;
    let cell = this.cells.get(key);
    if (!cell) {
      const size = this.scorer.indicators.length;
      cell = {
        background: { area, age_band: ageBand, gender },
        respondents: 0,
        n: new Float64Array(size),
        sum: new Float64Array(size),
        sumSq: new Float64Array(size),
        counts: this.scorer.questions.map(() => new Map<string, number>()),
      };
      this.cells.set(key, cell);
    }
    cell.respondents += sign;
    const indicators = this.scorer.indicators;
    for (let i = 0; i < indicators.length; i++) {
      const value = indicators[i]!.score(answers);
      if (value === null) continue;
      cell.n[i]! += sign;
      cell.sum[i]! += sign * value;
      cell.sumSq[i]! += sign * value * value;
    }
    for (let q = 0; q < answers.length; q++) {
      const answer = answers[q];
      if (answer === null || answer === undefined) continue;
      const text = typeof answer === 'string' ? answer : String(answer);
      const counts = cell.counts[q]!;
      counts.set(text, (counts.get(text) ?? 0) + sign);
    }
  }

  toAggregate(): RoundAggregate {
    const round = emptyRound();
    for (const cell of this.cells.values()) {
      const indicators = dict<Moments>();
      this.scorer.indicators.forEach((compiled, i) => {
        if (cell.n[i] !== 0) indicators[compiled.def.id] = { n: cell.n[i]!, sum: cell.sum[i]!, sumSq: cell.sumSq[i]! };
      });
      const answers = dict<Record<string, number>>();
      this.scorer.questions.forEach((question, q) => {
        const counts = dict<number>();
        for (const [value, count] of cell.counts[q]!) if (count !== 0) counts[value] = count;
        if (Object.keys(counts).length > 0) answers[question] = counts;
      });
      if (cell.respondents === 0 && Object.keys(indicators).length === 0) continue;
      round.cells[cellKey(cell.background)] = { background: cell.background, respondents: cell.respondents, indicators, answers };
    }
    return round;
  }
}

/** The aggregate of a list of responses: the reference path the property tests compare with. */
export function aggregateResponses(
  scorer: Scorer,
  responses: Iterable<{ background: Background; answers: Readonly<Record<string, Answer>> }>,
): RoundAggregate {
  const accumulator = new RoundAccumulator(scorer);
  for (const response of responses) {
    accumulator.add(response.background, scorer.questions.map((q) => response.answers[q] ?? null));
  }
  return accumulator.toAggregate();
}
