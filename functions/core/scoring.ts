// Respondent-level scoring (../shared/docs/METHOD.md, "Respondent level"): each indicator turns one
// respondent's answers into a value, or into no value (partial non-response, "dk", unanswered).
//
// Values are kept in "stored units" chosen so that, wherever possible, they are integers and
// their sums are exact: an equal-weight index stores lcm(1..items)/answered * sum(x - lo), a mean
// stores x, a share stores 0 or 1. `factor` turns stored units into the reported scale.
import { DONT_KNOW, type Answer, type Indicator, type ShareIndicator } from './schemas.ts';
import { nearMiss } from './spelling.ts';

export interface CompiledIndicator {
  readonly def: Indicator;
  /** Positions of the indicator's items in the scorer's question list. */
  readonly itemIndexes: readonly number[];
  /** Reported value = stored value * factor. */
  readonly factor: number;
  /** Stored values are integers (sums and sums of squares are exact up to 2^53). */
  readonly exact: boolean;
  /** The respondent's value in stored units, or null when the respondent has none. */
  score(answers: readonly Answer[]): number | null;
  /**
   * For one-item indicators: the value of a single answer (so that moments can be summed from
   * answer counts instead of per response); null for indicators over several items.
   */
  readonly single: ((answer: Answer) => number | null) | null;
}

/** Wraps a one-answer value function into a compiled indicator reading item `i`. */
function singleItem(
  def: Indicator,
  i: number,
  factor: number,
  exact: boolean,
  value: (answer: Answer) => number | null,
): CompiledIndicator {
  return {
    def,
    itemIndexes: [i],
    factor,
    exact,
    single: value,
    score: (answers) => value(answers[i] ?? null),
  };
}

/** What a question may hold, from every indicator that uses it. */
export interface QuestionRule {
  readonly name: string;
  /** Whole numbers in lo..hi (from an index, a mean, or a share with a scale). */
  readonly scale: readonly [number, number] | null;
  /** Whole numbers, scale unknown (a share whose positive values are numbers). */
  readonly numeric: boolean;
  /**
   * The allowed answers of a share item besides "dk": its positive values and its `values`, or
   * yes/no (true/false) when every positive value is one of them and `values` is not declared.
   */
  readonly values: ReadonlySet<string> | null;
  /**
   * The share whose answers that count as not positive are unknown (string positive values other
   * than yes/no and no `values`): `values` then holds its positive values only, and any other
   * answer is refused rather than counted as not positive.
   */
  readonly undeclared: string | null;
}

export interface Scorer {
  /** Every item an indicator reads (a question, or a matrix row "matrix.row"), in first-use order. */
  readonly questions: readonly string[];
  readonly rules: readonly QuestionRule[];
  readonly indicators: readonly CompiledIndicator[];
  /** A response's answers to the items, in `questions` order (written into `into` when given). */
  read(answers: Readonly<Record<string, Answer>>, into?: Answer[]): Answer[];
}

type StoredAnswers = Readonly<Record<string, Answer>>;

const isRowsObject = (value: Answer | undefined): value is Readonly<Record<string, Answer>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where a response holds an item's answer: under the item's own name (a question), or, for an item
 * "matrix.row" whose name no answer has, in the row of the matrix answer `{row: value}` (the
 * longest matrix name first, as the questionnaire check reads it; check.ts refuses an item name
 * with two readings). Null when the response has neither.
 */
function locateItem(answers: StoredAnswers, item: string): { question: string; row: string | null } | null {
  if (Object.hasOwn(answers, item)) return { question: item, row: null };
  for (let dot = item.lastIndexOf('.'); dot > 0; dot = item.lastIndexOf('.', dot - 1)) {
    const question = item.slice(0, dot);
    if (!Object.hasOwn(answers, question)) continue;
    return isRowsObject(answers[question]) ? { question, row: item.slice(dot + 1) } : null;
  }
  return null;
}

/** One item's answer in a response's stored answers (null when unanswered). */
export function itemAnswer(answers: StoredAnswers, item: string): Answer {
  const at = locateItem(answers, item);
  if (!at) return null;
  const value = answers[at.question];
  if (at.row === null) return value ?? null;
  const rows = value as Readonly<Record<string, Answer>>;
  return Object.hasOwn(rows, at.row) ? (rows[at.row] ?? null) : null;
}

/**
 * What a removal keeps of a response: the answers the indicators read and nothing else (of a
 * matrix, only the rows they read), read back by itemAnswer exactly as from the whole response.
 */
export function indicatorAnswers(indicators: readonly Indicator[]): (answers: StoredAnswers) => Record<string, Answer> {
  const items = [...new Set(indicators.flatMap((def) => def.items))];
  return (answers) => {
    const kept = Object.create(null) as Record<string, Answer>;
    for (const item of items) {
      const at = locateItem(answers, item);
      if (!at) continue;
      const value = answers[at.question]!;
      if (at.row === null) kept[at.question] = value;
      else if (Object.hasOwn(value as object, at.row)) {
        const rows = (kept[at.question] ??= Object.create(null) as Record<string, Answer>) as Record<string, Answer>;
        rows[at.row] = (value as Record<string, Answer>)[at.row]!;
      }
    }
    return kept;
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcmUpTo(n: number): number {
  let l = 1;
  for (let i = 2; i <= n; i++) l = (l * i) / gcd(l, i);
  return l;
}

/** minItems when the definition does not say (../shared/docs/METHOD.md). */
export function defaultMinItems(itemCount: number): number {
  return itemCount <= 2 ? itemCount : itemCount - 1;
}

function compileIndicator(def: Indicator, indexOf: (question: string) => number): CompiledIndicator {
  const itemIndexes = def.items.map(indexOf);
  switch (def.kind) {
    case 'index': {
      const [lo, hi] = def.scale;
      const count = itemIndexes.length;
      const minItems = def.minItems ?? defaultMinItems(count);
      const weights = def.weights;
      const equal = !weights || weights.every((w) => w === weights[0]);
      const lcm = lcmUpTo(count);
      if (count === 1 && minItems <= 1) {
        return singleItem(def, itemIndexes[0]!, 100 / (hi - lo), true, (a) => (typeof a === 'number' ? a - lo : null));
      }
      if (equal && lcm * (hi - lo) <= 100_000) {
        // Equal weights: the mean of answered items is sum(x - lo) / answered; scaled by lcm it
        // is a whole number for every possible count of answered items.
        return {
          def,
          itemIndexes,
          factor: 100 / ((hi - lo) * lcm),
          exact: true,
          single: null,
          score(answers) {
            let answered = 0;
            let total = 0;
            for (const i of itemIndexes) {
              const a = answers[i];
              if (typeof a === 'number') {
                answered++;
                total += a - lo;
              }
            }
            return answered < minItems ? null : total * (lcm / answered);
          },
        };
      }
      const w = weights ?? itemIndexes.map(() => 1);
      return {
        def,
        itemIndexes,
        factor: 100 / (hi - lo),
        exact: false,
        single: null,
        score(answers) {
          let answered = 0;
          let total = 0;
          let weightSum = 0;
          for (let j = 0; j < itemIndexes.length; j++) {
            const a = answers[itemIndexes[j]!];
            if (typeof a === 'number') {
              answered++;
              total += w[j]! * (a - lo);
              weightSum += w[j]!;
            }
          }
          // Weights are renormalised over the items this respondent answered.
          return answered < minItems ? null : total / weightSum;
        },
      };
    }
    case 'mean':
      return singleItem(def, itemIndexes[0]!, 1, true, (a) => (typeof a === 'number' ? a : null));
    case 'share': {
      const positive = new Set(def.positive.map(String));
      return singleItem(def, itemIndexes[0]!, 1, true, (a) => {
        if (a === null || a === DONT_KNOW) return null;
        return positive.has(String(a)) ? 1 : 0;
      });
    }
  }
}

/** Compiles indicator definitions into a scorer with one question list shared by all of them. */
export function createScorer(indicators: readonly Indicator[]): Scorer {
  const questions: string[] = [];
  const position = new Map<string, number>();
  const indexOf = (question: string): number => {
    let i = position.get(question);
    if (i === undefined) {
      i = questions.length;
      questions.push(question);
      position.set(question, i);
    }
    return i;
  };
  const compiled = indicators.map((def) => compileIndicator(def, indexOf));
  const rules = questions.map((name): QuestionRule => {
    let scale: [number, number] | null = null;
    let numeric = false;
    // Shares on this question: the answers their definitions know, and those only known positive.
    let known: Set<string> | null = null;
    const positiveOnly = new Set<string>();
    let undeclared: string | null = null;
    for (const def of indicators) {
      if (!def.items.includes(name)) continue;
      if (def.kind !== 'share' || def.scale) {
        const s = def.scale!;
        // Two indicators on one question with different scales: the tighter range wins.
        scale = scale ? [Math.max(scale[0], s[0]), Math.min(scale[1], s[1])] : [s[0], s[1]];
        continue;
      }
      const numericShare = def.positive.every((v) => typeof v === 'number');
      if (numericShare) numeric = true;
      const answers = shareAnswers(def);
      if (answers) {
        known ??= new Set();
        for (const value of answers) known.add(value);
      } else if (!numericShare) {
        for (const value of def.positive) positiveOnly.add(String(value));
        undeclared ??= def.id;
      }
    }
    let values: Set<string> | null = known;
    if (positiveOnly.size > 0) values = new Set([...(known ?? []), ...positiveOnly]);
    return { name, scale, numeric: numeric || scale !== null, values, undeclared: known ? null : undeclared };
  });
  // Read for every event the fold applies: an item without a dot is a question's own answer, read
  // directly (no search for a matrix, nothing allocated); only a dotted name may be a matrix row.
  const dotted = questions.map((item) => item.includes('.'));
  const read = (answers: StoredAnswers, into: Answer[] = new Array<Answer>(questions.length)): Answer[] => {
    for (let q = 0; q < questions.length; q++) {
      const item = questions[q]!;
      into[q] = dotted[q] ? itemAnswer(answers, item) : Object.hasOwn(answers, item) ? (answers[item] ?? null) : null;
    }
    return into;
  };
  return { questions, rules, indicators: compiled, read };
}

/** The other answer of a yes/no (true/false) item, implied when `values` is not declared. */
const IMPLIED_PAIRS: readonly (readonly [string, string])[] = [
  ['yes', 'no'],
  ['true', 'false'],
];

/**
 * The allowed answers of a share without a scale, besides "dk": its positive values and its
 * `values`; for a yes/no (or true/false) item without `values`, both answers. Null when the
 * definition leaves its answers that count as not positive unknown (see shareDefinitionProblems).
 */
export function shareAnswers(def: ShareIndicator): string[] | null {
  const positive = def.positive.map(String);
  if (def.values) return [...new Set([...positive, ...def.values.map(String)])];
  if (def.positive.every((v) => typeof v === 'number')) return null;
  const pair = IMPLIED_PAIRS.find((p) => positive.every((v) => p.includes(v)));
  return pair ? [...pair] : null;
}

/**
 * What is wrong with share definitions that `compare` cannot read answers for: a share with
 * positive values that are text other than yes/no, no scale and no `values` cannot tell an answer
 * that counts as not positive from a misspelt one. [] when every share can.
 */
export function shareDefinitionProblems(indicators: readonly Indicator[]): { id: string; message: string }[] {
  return indicators.flatMap((def) =>
    def.kind === 'share' && !def.scale && !def.positive.every((v) => typeof v === 'number') && !shareAnswers(def)
      ? [{ id: def.id, message: `share "${def.id}": declare \`values\`, the answers that count as not positive` }]
      : [],
  );
}

/** `; did you mean "yes"?` when `raw` misses an allowed answer only by case or spaces, else ''. */
function didYouMean(rule: QuestionRule, raw: string): string {
  const near = nearMiss(raw, [...(rule.values ?? []), DONT_KNOW]);
  if (near !== null) return `; did you mean "${near}"?`;
  const trimmed = raw.trim();
  return rule.numeric && trimmed !== raw && /^-?\d{1,9}$/.test(trimmed) ? `; did you mean "${trimmed}"?` : '';
}

function notAllowed(rule: QuestionRule, raw: string): string {
  const listed = [...rule.values!].join(', ');
  const why = rule.undeclared
    ? ` (the positive values of share "${rule.undeclared}", which declares no \`values\`, the answers that count as not positive)`
    : '';
  return `"${raw}" is not one of ${listed}${why}${didYouMean(rule, raw)}`;
}

/**
 * Reads one raw text answer (a CSV cell) under a question's rule. Returns the answer, or a
 * message that says what is wrong with it. Answers are compared exactly as the definition spells
 * them: `Yes`, `yes ` or `DK` is an error (with "did you mean"), never an answer that counts as
 * not positive.
 */
export function parseTextAnswer(rule: QuestionRule, raw: string): { answer: Answer } | { error: string } {
  if (raw === '') return { answer: null };
  if (raw === DONT_KNOW) return { answer: DONT_KNOW };
  if (rule.numeric) {
    if (!/^-?\d{1,9}$/.test(raw)) {
      const hint = didYouMean(rule, raw);
      return {
        error: rule.scale
          ? `"${raw}" is not a whole number on the scale ${rule.scale[0]}..${rule.scale[1]}${hint}`
          : `"${raw}" is not a whole number${hint}`,
      };
    }
    const value = Number(raw);
    if (rule.scale && (value < rule.scale[0] || value > rule.scale[1])) {
      return { error: `value ${value} is outside the scale ${rule.scale[0]}..${rule.scale[1]}` };
    }
    if (rule.values && !rule.values.has(raw)) return { error: notAllowed(rule, raw) };
    return { answer: value };
  }
  if (rule.values && !rule.values.has(raw)) return { error: notAllowed(rule, raw) };
  return { answer: raw };
}
