// Aggregates (../shared/docs/METHOD.md, ../shared/docs/ARCHITECTURE.md "Aggregates"): per cell of background variables,
// n / sum / sum of squares per indicator (in stored units) and per-answer counts per question.
// Any group and any post-stratified estimate is a sum over cells. Merge is associative and
// commutative (exactly so for exact indicators); subtract undoes a merge.
import type { Answer, Background, BackgroundVariable } from './schemas.ts';
import type { Scorer } from './scoring.ts';
import { countValue, type InexactCell, InexactIndicator, momentsOfValues } from './valueCounts.ts';

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

/** Adds (sign 1) or removes (sign -1) the cells of a round into a set of mutable cells. */
function combineCells(cells: Record<string, CellAggregate>, b: RoundAggregate, sign: 1 | -1): void {
  for (const [key, cell] of Object.entries(b.cells)) {
    const target = (cells[key] ??= {
      background: { ...cell.background },
      respondents: 0,
      indicators: dict(),
      answers: dict(),
    });
    combineInto(target, cell, sign);
    if (
      target.respondents === 0 &&
      Object.keys(target.indicators).length === 0 &&
      Object.keys(target.answers).length === 0
    ) {
      delete cells[key];
    }
  }
}

function combineRounds(a: RoundAggregate, b: RoundAggregate, sign: 1 | -1): RoundAggregate {
  const cells = dict<CellAggregate>();
  for (const [key, cell] of Object.entries(a.cells)) cells[key] = cloneCell(cell);
  combineCells(cells, b, sign);
  return { cells };
}

/** Adds b into a, changing a (for summing many aggregates without copying each time). */
export function addRoundInto(a: RoundAggregate, b: RoundAggregate): RoundAggregate {
  combineCells(a.cells, b, 1);
  return a;
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
export function sumMoments(
  round: RoundAggregate,
  indicatorId: string,
  include: (background: Background) => boolean = () => true,
): Moments {
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
export function sumAnswerCounts(
  round: RoundAggregate,
  question: string,
  include: (background: Background) => boolean = () => true,
): Record<string, number> {
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

/** A cell being accumulated: moments per indicator and answer counts by answer code. */
export interface MutableCell {
  readonly background: Background;
  respondents: number;
  /** Moments of the exact indicators scored per response (whole numbers: any order sums alike). */
  readonly n: Float64Array;
  readonly sum: Float64Array;
  readonly sumSq: Float64Array;
  /** counts[question][answer code] */
  readonly counts: number[][];
  /**
   * Per indicator, for the inexact ones scored per response (weighted indexes): respondents per
   * value (see valueCounts.ts), so that their moments do not depend on the order of the responses.
   */
  readonly inexact: (InexactCell | null)[];
}

/**
 * What an accumulator holds, as plain data (for a worker thread to hand over): answers by value,
 * not by code, since every accumulator codes them in the order it meets them.
 */
export interface AccumulatorPartial {
  /** Per question: the answers, by this accumulator's code. */
  answers: Answer[][];
  cells: {
    background: Background;
    respondents: number;
    n: Float64Array;
    sum: Float64Array;
    sumSq: Float64Array;
    counts: number[][];
    values: ([number, number][] | null)[];
  }[];
}

/**
 * The mutable accumulator behind bulk reads (the CLI, the fold): adds scored responses one by one
 * without allocating per response, then hands out a plain RoundAggregate. Answers are counted by
 * code (an index into a per-question dictionary) so that the hot path does no string hashing.
 */
/** Integer answers below this get their code from an array, not a Map (see answerCode). */
const SMALL_INTEGERS = 128;

export class RoundAccumulator {
  private readonly cells = new Map<string, MutableCell>();
  /**
   * Per question: the distinct answers by code, and the code of each answer's text. `small` holds
   * the codes of the integers 0..127 (ratings, mostly) once met, saving their String() and lookup.
   */
  private readonly dictionaries: {
    texts: string[];
    answers: Answer[];
    codes: Map<string, number>;
    small: Int32Array;
  }[];
  /** Indicators over several items: scored per response. One-item indicators are summed from answer counts. */
  private readonly perResponse: {
    index: number;
    score: (answers: readonly Answer[]) => number | null;
    inexact: InexactIndicator | null;
  }[];

  constructor(private readonly scorer: Scorer) {
    this.dictionaries = scorer.questions.map(() => ({
      texts: [],
      answers: [],
      codes: new Map(),
      small: new Int32Array(SMALL_INTEGERS).fill(-1),
    }));
    this.perResponse = scorer.indicators.flatMap((compiled, index) =>
      compiled.single
        ? []
        : [
            {
              index,
              score: compiled.score,
              inexact: compiled.exact ? null : new InexactIndicator(compiled.itemIndexes, compiled.score),
            },
          ],
    );
  }

  /** The code of an answer to question q (its index in scorer.questions); -1 for no answer. */
  answerCode(q: number, answer: Answer): number {
    if (answer === null || answer === undefined) return -1;
    const dictionary = this.dictionaries[q]!;
    // The same code as its text's below (the number 5 and the string "5" share "5"), found sooner.
    if (typeof answer === 'number' && answer >= 0 && answer < SMALL_INTEGERS && Number.isInteger(answer)) {
      const known = dictionary.small[answer]!;
      if (known >= 0) return known;
      return (dictionary.small[answer] = this.textCode(dictionary, String(answer), answer));
    }
    const text =
      typeof answer === 'string' ? answer : typeof answer === 'number' ? String(answer) : JSON.stringify(answer);
    return this.textCode(dictionary, text, answer);
  }

  private textCode(dictionary: RoundAccumulator['dictionaries'][number], text: string, answer: Answer): number {
    let code = dictionary.codes.get(text);
    if (code === undefined) {
      code = dictionary.texts.length;
      dictionary.texts.push(text);
      dictionary.answers.push(answer);
      dictionary.codes.set(text, code);
    }
    return code;
  }

  /** The cell of a combination of background values (created empty when new). */
  cell(area: string | null, ageBand: string | null, gender: string | null): MutableCell {
    // Background values are never empty strings, so '' can stand for unanswered, and the unit
    // separator never occurs in them: a cheap key, unique per combination.
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
        counts: this.scorer.questions.map(() => []),
        inexact: this.scorer.indicators.map((_, i) => this.inexactOf(i)?.newCell() ?? null),
      };
      this.cells.set(key, cell);
    }
    return cell;
  }

  /**
   * Adds one response (sign 1) or takes one away (sign -1) in a cell. `answers` and `codes` are
   * aligned with scorer.questions; answers are already validated, codes come from answerCode().
   */
  addToCell(cell: MutableCell, answers: readonly Answer[], codes: ArrayLike<number>, sign: 1 | -1 = 1): void {
    cell.respondents += sign;
    const perResponse = this.perResponse;
    for (let j = 0; j < perResponse.length; j++) {
      const { index: i, score, inexact } = perResponse[j]!;
      if (inexact !== null) {
        inexact.add(cell.inexact[i]!, answers, codes, sign);
        continue;
      }
      const value = score(answers);
      if (value === null) continue;
      cell.n[i]! += sign;
      cell.sum[i]! += sign * value;
      cell.sumSq[i]! += sign * value * value;
    }
    for (let q = 0; q < codes.length; q++) {
      const code = codes[q]!;
      if (code < 0) continue;
      const counts = cell.counts[q]!;
      while (counts.length <= code) counts.push(0);
      counts[code]! += sign;
    }
  }

  /** Reused by add(): the answer codes of one response. */
  private codes = new Int32Array(0);

  /** Adds (or with sign -1 removes) one response. */
  add(background: Background, answers: readonly Answer[], sign: 1 | -1 = 1): void {
    if (this.codes.length !== answers.length) this.codes = new Int32Array(answers.length);
    const codes = this.codes;
    for (let q = 0; q < answers.length; q++) codes[q] = this.answerCode(q, answers[q] ?? null);
    this.addToCell(this.cell(background.area, background.age_band, background.gender), answers, codes, sign);
  }

  private inexactOf(i: number): InexactIndicator | null {
    return this.perResponse.find((p) => p.index === i)?.inexact ?? null;
  }

  /** Respondents per value of inexact indicator i in a cell. */
  private valuesOf(cell: MutableCell, i: number): Map<number, number> {
    const answerOf = (q: number, code: number) => this.dictionaries[q]!.answers[code]!;
    return this.inexactOf(i)!.values(cell.inexact[i]!, this.scorer.questions.length, answerOf);
  }

  /** The accumulated responses as plain data, for mergePartial of another accumulator. */
  toPartial(): AccumulatorPartial {
    return {
      answers: this.dictionaries.map((dictionary) => dictionary.answers),
      cells: [...this.cells.values()].map((cell) => ({
        background: cell.background,
        respondents: cell.respondents,
        n: cell.n,
        sum: cell.sum,
        sumSq: cell.sumSq,
        counts: cell.counts,
        values: cell.inexact.map((inexact, i) => (inexact ? [...this.valuesOf(cell, i)] : null)),
      })),
    };
  }

  /**
   * Adds what another accumulator (of the same scorer) holds, by answer and background value.
   * Merging the partials of consecutive parts of a file in their order gives what one pass over
   * the file gives, bit for bit: counts and the exact moments are whole numbers, inexact moments are
   * summed from respondents per value, and cells and answers keep the order of first appearance.
   */
  mergePartial(partial: AccumulatorPartial): void {
    const codes = partial.answers.map((answers, q) => answers.map((answer) => this.answerCode(q, answer)));
    for (const from of partial.cells) {
      const { area, age_band, gender } = from.background;
      const cell = this.cell(area, age_band, gender);
      cell.respondents += from.respondents;
      for (let i = 0; i < cell.n.length; i++) {
        cell.n[i]! += from.n[i]!;
        cell.sum[i]! += from.sum[i]!;
        cell.sumSq[i]! += from.sumSq[i]!;
        const values = from.values[i];
        if (values) for (const [value, count] of values) countValue(cell.inexact[i]!.values, value, count);
      }
      from.counts.forEach((counts, q) => {
        const target = cell.counts[q]!;
        counts.forEach((count, code) => {
          if (count === 0) return;
          const to = codes[q]![code]!;
          while (target.length <= to) target.push(0);
          target[to]! += count;
        });
      });
    }
  }

  /**
   * The accumulated responses as an aggregate. An indicator whose n is 0 is left out, so an
   * accumulator must hold one sign only: a batch that adds one response and removes another of
   * the same cell would net n to 0 and lose the difference of their sums (the fold keeps its
   * additions and removals in two accumulators).
   */
  toAggregate(): RoundAggregate {
    const round = emptyRound();
    for (const cell of this.cells.values()) {
      const indicators = dict<Moments>();
      this.scorer.indicators.forEach((compiled, i) => {
        if (compiled.single) {
          // n, sum and sum of squares of a one-item indicator follow from its answer counts.
          const q = compiled.itemIndexes[0]!;
          const dictionary = this.dictionaries[q]!;
          let n = 0;
          let sum = 0;
          let sumSq = 0;
          cell.counts[q]!.forEach((count, code) => {
            const value = compiled.single!(dictionary.answers[code]!);
            if (value === null || count === 0) return;
            n += count;
            sum += count * value;
            sumSq += count * value * value;
          });
          if (n !== 0) indicators[compiled.def.id] = { n, sum, sumSq };
        } else if (!compiled.exact) {
          const moments = momentsOfValues(this.valuesOf(cell, i));
          if (moments.n !== 0) indicators[compiled.def.id] = moments;
        } else if (cell.n[i] !== 0) {
          indicators[compiled.def.id] = { n: cell.n[i]!, sum: cell.sum[i]!, sumSq: cell.sumSq[i]! };
        }
      });
      const answers = dict<Record<string, number>>();
      this.scorer.questions.forEach((question, q) => {
        const counts = dict<number>();
        const texts = this.dictionaries[q]!.texts;
        cell.counts[q]!.forEach((count, code) => {
          if (count !== 0) counts[texts[code]!] = count;
        });
        if (Object.keys(counts).length > 0) answers[question] = counts;
      });
      if (cell.respondents === 0 && Object.keys(indicators).length === 0 && Object.keys(answers).length === 0) continue;
      round.cells[cellKey(cell.background)] = {
        background: cell.background,
        respondents: cell.respondents,
        indicators,
        answers,
      };
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
    accumulator.add(response.background, scorer.read(response.answers));
  }
  return accumulator.toAggregate();
}

/**
 * Where two aggregates of the same round differ: counts must be equal, sums equal within a
 * relative tolerance (0 for exact indicators). Each difference is a readable line.
 */
export function aggregateDifferences(expected: RoundAggregate, actual: RoundAggregate, tolerance = 1e-9): string[] {
  const differences: string[] = [];
  const close = (a: number, b: number) => Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
  const keys = new Set([...Object.keys(expected.cells), ...Object.keys(actual.cells)]);
  for (const key of [...keys].sort()) {
    const e = expected.cells[key];
    const a = actual.cells[key];
    if (!e || !a) {
      differences.push(`cell ${key}: ${e ? 'missing' : 'unexpected'} (${(e ?? a)!.respondents} respondents)`);
      continue;
    }
    if (e.respondents !== a.respondents)
      differences.push(`cell ${key}: ${a.respondents} respondents, expected ${e.respondents}`);
    for (const id of new Set([...Object.keys(e.indicators), ...Object.keys(a.indicators)])) {
      const em = e.indicators[id] ?? { n: 0, sum: 0, sumSq: 0 };
      const am = a.indicators[id] ?? { n: 0, sum: 0, sumSq: 0 };
      if (em.n !== am.n || !close(em.sum, am.sum) || !close(em.sumSq, am.sumSq)) {
        differences.push(
          `cell ${key}, indicator ${id}: n ${am.n} sum ${am.sum} sumSq ${am.sumSq}, expected n ${em.n} sum ${em.sum} sumSq ${em.sumSq}`,
        );
      }
    }
    for (const question of new Set([...Object.keys(e.answers), ...Object.keys(a.answers)])) {
      const ec = e.answers[question] ?? {};
      const ac = a.answers[question] ?? {};
      for (const value of new Set([...Object.keys(ec), ...Object.keys(ac)])) {
        if ((ec[value] ?? 0) !== (ac[value] ?? 0))
          differences.push(
            `cell ${key}, question ${question}, answer ${JSON.stringify(value)}: ${ac[value] ?? 0}, expected ${ec[value] ?? 0}`,
          );
      }
    }
  }
  return differences;
}
