// The server's SurveyJS expression parser and evaluator (functions/core/expressions): its own
// cases, then generated expressions and values judged side by side with survey-core's own
// ConditionRunner and ExpressionRunner (the page's engine).
import { ConditionRunner, ExpressionRunner } from 'survey-core';
import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  evaluate,
  holds,
  parseExpression,
  valuesScope,
} from '../../functions/core/expressions/index.ts';
import { Random } from '../support/surveyParity.ts';

const run = (expression: string, values: Record<string, unknown> = {}) =>
  evaluate(parseExpression(expression), valuesScope(values));
const check = (expression: string, values: Record<string, unknown> = {}) =>
  holds(parseExpression(expression), valuesScope(values));

describe('expressions: parsing', () => {
  it('reads literals: numbers, texts, booleans, lists, null', () => {
    expect(run('42')).toBe(42);
    expect(run('-1.5')).toBe(-1.5);
    expect(run('0x10')).toBe(16);
    expect(run("'a b'")).toBe('a b');
    expect(run('"quoted"')).toBe('quoted');
    expect(run("'it\\'s'")).toBe("it's");
    expect(run('TRUE')).toBe(true);
    expect(run('word')).toBe('word');
    expect(run("[1, 'a', true]")).toEqual([1, 'a', true]);
    expect(run('{a} = null', { a: 1 })).toBe(false);
    expect(() => run('null')).toThrow(ExpressionError);
    expect(run("''")).toBe('');
  });

  it('gives operators their precedence: or < and < comparison < + - < * / % < ^ < contains', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('2 ^ 3 * 2')).toBe(16);
    expect(run('10 - 2 - 3')).toBe(5);
    expect(check('1 = 1 or 1 = 2 and 2 = 3')).toBe(true);
    expect(check('!(1 = 1) or 2 > 1')).toBe(true);
    expect(check("{a} contains 'x' and {b} = 2", { a: ['x'], b: 2 })).toBe(true);
    expect(check('1 + 1 = 2')).toBe(true);
  });

  it('knows the word forms of the operators, in any case', () => {
    expect(check('2 greater 1')).toBe(true);
    expect(check('1 LESS 2')).toBe(true);
    expect(check('2 greaterorequal 2 AND 1 lessorequal 1')).toBe(true);
    expect(check('1 equal 1 && 1 notequal 2 || false')).toBe(true);
    expect(check('1 <> 2')).toBe(true);
    expect(check('2 => 1 and 1 =< 2')).toBe(true);
    expect(check("{a} anyof ['x', 'y']", { a: ['y'] })).toBe(true);
    expect(check("{a} allof ['x', 'y']", { a: ['y', 'x', 'z'] })).toBe(true);
    expect(check("{a} noneof ['x']", { a: ['y'] })).toBe(true);
    expect(check("{a} notcontains 'q'", { a: 'abc' })).toBe(true);
    expect(check('{a} empty and {b} notempty', { b: 0 })).toBe(true);
    expect(check('negate {a}', { a: false })).toBe(true);
    expect(run('7 % 4 + 2 power 2')).toBe(7);
  });

  it('finds variables: names with spaces, dotted paths, indexes, any case', () => {
    const values = { 'recommend friends': 5, q1: { 'row one': 'yes' }, list: [{ x: 1 }, { x: 2 }], Kids: 3 };
    expect(run('{recommend friends}', values)).toBe(5);
    expect(run('{q1.row one}', values)).toBe('yes');
    expect(run('{list[1].x}', values)).toBe(2);
    expect(run('{list[-1].x}', values)).toBe(2);
    expect(run('{list.length}', values)).toBe(2);
    expect(run('{kids}', values)).toBe(3);
    expect(run('{missing}', values)).toBeNull();
    expect(run('{a.b}', { 'a.b': 'whole key' })).toBe('whole key');
  });

  it('compares as SurveyJS does: "1" equals 1, texts ignore case and surrounding spaces', () => {
    expect(check("{a} = '1'", { a: 1 })).toBe(true);
    expect(check("{a} = 'YES '", { a: 'yes' })).toBe(true);
    expect(check('{a} = true', { a: 'true' })).toBe(true);
    expect(check('{a} = [2, 1]', { a: [1, 2] })).toBe(true);
    expect(check('{a} > 3', {})).toBe(false);
    expect(check("{a} = ''", {})).toBe(true);
  });

  it('runs the built-in functions', () => {
    expect(run('iif({a} > 1, "big", "small")', { a: 2 })).toBe('big');
    expect(run('sum(1, [2, 3], "4")')).toBe(10);
    expect(run('max(1, 5, 3) + min(4, 2)')).toBe(7);
    expect(run('avg(1, 2, 3, 4)')).toBe(2.5);
    expect(run('count(1, [2, 3])')).toBe(3);
    expect(run('round(2.345, 2)')).toBe(2.35);
    const employees = [{ skills: ['JavaScript'] }, { skills: ['Vue'] }, { skills: ['JavaScript', 'React'] }];
    expect(run("countInArray({employees}, 'skills', {skills} contains 'JavaScript')", { employees })).toBe(2);
    expect(run("sumInArray({rows}, 'n')", { rows: [{ n: 1 }, { n: '2' }, {}] })).toBe(3);
    expect(run("age('2000-01-01') >= 18")).toBe(true);
    expect(run("dateDiff('2024-01-01', '2024-03-01', 'months')")).toBe(2);
  });

  it('refuses malformed expressions with where and why', () => {
    for (const bad of ['{a} = ', '{a', "'open", '1 +', '{a} == 1 )', '05', '!null', '[1, null]', '{}']) {
      expect(() => parseExpression(bad), bad).toThrow(ExpressionError);
    }
    try {
      parseExpression("{a} = 'x' and and");
    } catch (error) {
      expect((error as ExpressionError).message).toMatch(/cannot read the expression at character \d+/);
    }
    expect(() => parseExpression('('.repeat(500))).toThrow(/nested too deeply|cannot read/);
  });

  it('reads what survey-core reads leniently: a missing closing parenthesis', () => {
    expect(run('(1 + 2')).toBe(3);
    expect(run('max(1, 2')).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated expressions against survey-core's own engine.

const NAMES = ['a', 'b', 'Long name', 'q.row', 'list'];
const LITERALS = [
  '1',
  '2',
  '0',
  '-3',
  '2.5',
  "'1'",
  "'yes'",
  "'YES '",
  'true',
  'false',
  "''",
  'null',
  'yes',
  "['1', 2]",
];
const COMPARE = ['=', '==', '!=', '<>', '<', '>', '<=', '>=', 'equal', 'notequal', 'less', 'greater'];
const ARITH = ['+', '-', '*', '/', '%', '^'];
const LISTS = ['contains', 'notcontains', 'anyof', 'allof', 'noneof', '*='];
const FUNCS = ['iif', 'sum', 'max', 'min', 'count', 'avg'];

function generate(random: Random, depth: number): string {
  const leaf = (): string => (random.next() < 0.5 ? `{${random.pick(NAMES)}}` : random.pick(LITERALS));
  if (depth <= 0) return leaf();
  const sub = () => generate(random, depth - 1);
  switch (random.int(0, 9)) {
    case 0:
      return leaf();
    case 1:
      return `${sub()} ${random.pick(COMPARE)} ${sub()}`;
    case 2:
      return `${sub()} ${random.pick(ARITH)} ${sub()}`;
    case 3:
      return `${sub()} ${random.pick(['and', 'or', '&&', '||', 'AND'])} ${sub()}`;
    case 4:
      return `${sub()} ${random.pick(LISTS)} ${sub()}`;
    case 5:
      return `{${random.pick(NAMES)}} ${random.pick(['empty', 'notempty'])}`;
    case 6:
      return `!(${sub()})`;
    case 7:
      return `${random.pick(FUNCS)}(${sub()}, ${sub()}${random.next() < 0.5 ? `, ${sub()}` : ''})`;
    case 8:
      return `[${sub()}, ${sub()}]`;
    default:
      return `(${sub()})`;
  }
}

function values(random: Random): Record<string, unknown> {
  const pool: unknown[] = [1, 2, 0, '1', '2', 'yes', 'Yes', 'no', '', true, false, [], ['1', 2], ['yes', 'no'], 2.5];
  const out: Record<string, unknown> = {};
  for (const name of NAMES) if (random.next() < 0.8) out[name] = random.pick(pool);
  if (random.next() < 0.5) out['q'] = { row: random.pick(pool) };
  return out;
}

/** What survey-core makes of an expression: its result, or that it throws (refused here too). */
function theirResult(make: () => { canRun(): boolean; runValues(values: object): unknown }, data: object) {
  try {
    const runner = make();
    return runner.canRun() ? { value: runner.runValues(structuredClone(data)) } : null;
  } catch {
    return null;
  }
}

function ourResult(expression: string, data: object, condition: boolean) {
  try {
    const node = parseExpression(expression);
    const scope = valuesScope(structuredClone(data));
    return { value: condition ? holds(node, scope) : evaluate(node, scope) };
  } catch {
    return null;
  }
}

/** Results compared as JSON (NaN and Infinity as their names). */
const shown = (value: unknown): string =>
  typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? 'undefined');

describe('expressions: the same results as survey-core on generated expressions', () => {
  it('conditions hold exactly when ConditionRunner says they do', () => {
    const random = new Random(15);
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const expression = generate(random, random.int(1, 3));
      const data = values(random);
      const theirs = theirResult(() => new ConditionRunner(expression), data);
      const ours = ourResult(expression, data, true);
      expect(ours, `${expression} with ${JSON.stringify(data)}`).toEqual(theirs);
      if (theirs !== null) compared++;
    }
    expect(compared).toBeGreaterThan(2500);
  });

  it('values are what ExpressionRunner computes', () => {
    const random = new Random(1503);
    for (let i = 0; i < 2000; i++) {
      const expression = generate(random, random.int(1, 3));
      const data = values(random);
      const theirs = theirResult(() => new ExpressionRunner(expression), data);
      const ours = ourResult(expression, data, false);
      expect(ours === null ? 'refused' : shown(ours.value), `${expression} with ${JSON.stringify(data)}`).toBe(
        theirs === null ? 'refused' : shown(theirs.value),
      );
    }
  });

  it('refuses exactly what survey-core cannot parse (odd spacing, words, numbers)', () => {
    const random = new Random(7);
    const parts = [
      '{a}',
      ' ',
      '=',
      "'x'",
      '1',
      '05',
      'or',
      'and',
      '(',
      ')',
      '[',
      ']',
      ',',
      '!',
      'empty',
      '-',
      '.',
      '"',
    ];
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: random.int(1, 7) }, () => random.pick(parts)).join('');
      const parsedByThem = new ConditionRunner(text).canRun();
      let parsedByUs = true;
      try {
        parseExpression(text);
      } catch {
        parsedByUs = false;
      }
      expect(parsedByUs, JSON.stringify(text)).toBe(parsedByThem);
    }
  });
});
