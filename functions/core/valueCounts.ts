// Respondents counted per value, for the indicators whose values are not whole numbers (weighted
// indexes): their moments are summed from the counts at the end, in value order, so that they do
// not depend on the order of the responses nor on how a file was split between threads. On the hot
// path responses are counted per combination of the items' answer codes, the value of each
// combination scored once.
import type { Moments } from './aggregates.ts';
import type { Answer } from './schemas.ts';

/** Adds `count` respondents (negative: takes them away) with one value to a value histogram. */
export function countValue(values: Map<number, number>, value: number, count: number): void {
  const next = (values.get(value) ?? 0) + count;
  if (next === 0) values.delete(value);
  else values.set(value, next);
}

/** Moments from respondents per value, summed in value order (so independent of how they came in). */
export function momentsOfValues(values: Map<number, number>): Moments {
  const moments: Moments = { n: 0, sum: 0, sumSq: 0 };
  for (const value of [...values.keys()].sort((a, b) => a - b)) {
    const count = values.get(value)!;
    moments.n += count;
    moments.sum += count * value;
    moments.sumSq += count * (value * value);
  }
  return moments;
}

const SMALL_BITS = 5;

/**
 * The combinations of answer codes met on an indicator's items, numbered in order of appearance:
 * up to three items with codes below 31 through a table, up to five with codes below 1023 through
 * a map; other combinations have no number (-1), and their responses are scored one by one.
 */
export class Combinations {
  private readonly small: Int32Array | null;
  private readonly large = new Map<number, number>();
  /** The items' codes of each combination, by its number. */
  readonly codes: Int32Array[] = [];

  constructor(private readonly items: readonly number[]) {
    this.small = items.length <= 3 ? new Int32Array(1 << (SMALL_BITS * items.length)).fill(-1) : null;
  }

  /** The number of the combination of the items' codes in `codes` (codes of all questions), or -1. */
  id(codes: ArrayLike<number>): number {
    const items = this.items;
    const small = this.small;
    if (small !== null) {
      let key = 0;
      let j = 0;
      for (; j < items.length; j++) {
        const code = codes[items[j]!]! + 1;
        if (code >= 1 << SMALL_BITS) break;
        key = (key << SMALL_BITS) | code;
      }
      if (j === items.length) {
        const known = small[key]!;
        return known >= 0 ? known : (small[key] = this.add(codes));
      }
    }
    if (items.length > 5) return -1;
    let key = 0;
    for (let j = 0; j < items.length; j++) {
      const code = codes[items[j]!]! + 1;
      if (code >= 1024) return -1;
      key = key * 1024 + code;
    }
    let id = this.large.get(key);
    if (id === undefined) {
      id = this.add(codes);
      this.large.set(key, id);
    }
    return id;
  }

  private add(codes: ArrayLike<number>): number {
    this.codes.push(Int32Array.from(this.items, (q) => codes[q]!));
    return this.codes.length - 1;
  }
}

/** One cell's respondents of an inexact indicator: by value, and by combination of answer codes. */
export interface InexactCell {
  readonly values: Map<number, number>;
  /** Respondents by combination number (see Combinations). */
  readonly combinations: number[];
}

/** An inexact indicator scored per response, counted by combination of its items' answer codes. */
export class InexactIndicator {
  private readonly combinations: Combinations;
  /** The value of each combination, once scored (null: no value). */
  private readonly valueOf: (number | null)[] = [];

  constructor(
    private readonly items: readonly number[],
    private readonly score: (answers: readonly Answer[]) => number | null,
  ) {
    this.combinations = new Combinations(items);
  }

  newCell(): InexactCell {
    return { values: new Map(), combinations: [] };
  }

  /** Adds one response (sign -1: takes it away); codes and answers aligned with the scorer's questions. */
  add(cell: InexactCell, answers: readonly Answer[], codes: ArrayLike<number>, sign: number): void {
    const id = this.combinations.id(codes);
    if (id >= 0) {
      const counts = cell.combinations;
      while (counts.length <= id) counts.push(0);
      counts[id]! += sign;
    } else {
      const value = this.score(answers);
      if (value !== null) countValue(cell.values, value, sign);
    }
  }

  /** Respondents per value in a cell; `answerOf` turns question q's code back into its answer. */
  values(cell: InexactCell, questionCount: number, answerOf: (q: number, code: number) => Answer): Map<number, number> {
    const values = new Map(cell.values);
    cell.combinations.forEach((count, id) => {
      if (count === 0) return;
      if (this.valueOf[id] === undefined) {
        const answers = new Array<Answer>(questionCount).fill(null);
        this.combinations.codes[id]!.forEach((code, j) => {
          answers[this.items[j]!] = code < 0 ? null : answerOf(this.items[j]!, code);
        });
        this.valueOf[id] = this.score(answers);
      }
      const value = this.valueOf[id];
      if (value !== null && value !== undefined) countValue(values, value, count);
    });
    return values;
  }
}
