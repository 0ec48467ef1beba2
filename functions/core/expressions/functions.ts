// survey-core's built-in expression functions (FunctionFactory's registrations), those that need
// nothing but values: arithmetic over lists, the *InArray functions over a dynamic panel's or
// matrix's rows, iif and the date functions. Those that read the page itself (isContainerReady,
// displayValue, propertyValue, getComment, isDisplayMode) are not here: a questionnaire that uses
// them is refused when it is read (see SUPPORTED_FUNCTIONS).
import { holds, type Scope } from './evaluate.ts';
import { type Node, parseExpression } from './parse.ts';
import { findIn } from './scope.ts';
import { afterPlusMinus, isEmpty, isNumeric, makeDate, toNumber } from './values.ts';

/** getParamsAsArray: the values flattened, empty ones left out, numbers' texts made numbers. */
function flatten(value: unknown, out: unknown[] = []): unknown[] {
  if (value === undefined || value === null) return out;
  if (Array.isArray(value)) for (const item of value) flatten(item, out);
  else out.push(isNumeric(value) ? toNumber(value) : value);
  return out;
}

function sum(params: unknown[]): number {
  let result = 0;
  for (const item of flatten(params)) result = afterPlusMinus(result, item, result + (item as number));
  return result;
}

function minMax(params: unknown[], isMin: boolean): unknown {
  let result: unknown;
  for (const item of flatten(params)) {
    if (result === undefined) result = item;
    if (isMin ? (result as number) > (item as number) : (result as number) < (item as number)) result = item;
  }
  return result;
}

function round(params: unknown[]): number {
  const list = flatten(params);
  if (list.length > 0) {
    const number = list[0] as number;
    const precision = (list[1] as number) || 0;
    if (isNumeric(number) && isNumeric(precision)) {
      const power = 10 ** precision;
      return Math.round(number * power * (1 + Number.EPSILON)) / power;
    }
  }
  return Number.NaN;
}

function trunc(params: unknown[]): number {
  const list = flatten(params);
  if (list.length > 0) {
    const number = list[0] as number;
    const precision = (list[1] as number) || -1;
    if (isNumeric(number) && isNumeric(precision)) {
      const match = String(number).match(new RegExp(`^-?\\d+(?:.\\d{0,${precision}})?`));
      return Number(match![0]);
    }
  }
  return Number.NaN;
}

/** A plain object's values as survey-core's VariableGetterContext reads them, then the survey's. */
function itemScope(item: unknown, outer: Scope): Scope {
  return {
    find: (name) => findIn(item, name) ?? outer.find(name),
    root: outer,
  };
}

/** getInArrayParams and calcInArray: the rows of a list that hold `name` and meet the condition. */
function inArray(
  params: unknown[],
  operands: readonly (Node | null)[],
  scope: Scope,
): { rows: Record<string, unknown>[]; name: string; returnName: string } | null {
  if (params.length < 2 || params.length > 4) return null;
  const data = params[0];
  if (!data) return null;
  const name = params[1];
  if (typeof name !== 'string') return null;
  let returnName = name;
  let index = 2;
  if (params.length > 2) {
    const operand = operands[2];
    if (operand?.type === 'const' && typeof params[2] === 'string' && !/[{}><=!]/.test(params[2])) {
      returnName = params[2];
      index = 3;
    }
  }
  let condition: (row: unknown) => boolean = () => true;
  const given = params.length > index ? params[index] : undefined;
  const outer = scope.root ?? scope;
  if (typeof given === 'string' && given !== '') {
    let node: Node | null | undefined;
    try {
      node = parseExpression(given);
    } catch {
      node = undefined;
    }
    // An expression the page cannot parse holds for no row.
    condition = node === undefined ? () => false : (row) => holds(node, itemScope(row, outer));
  } else if (operands.length > index && operands[index]) {
    const operand = operands[index]!;
    condition = (row) => holds(operand, itemScope(row, outer));
  }
  const rows = Array.isArray(data) ? data : Object.values(data as object);
  const kept = rows.filter((row) => !!row && !isEmpty((row as Record<string, unknown>)[name]) && condition(row));
  return { rows: kept as Record<string, unknown>[], name, returnName };
}

const convert = (value: unknown): unknown =>
  typeof value === 'string' ? (isNumeric(value) ? toNumber(value) : undefined) : value;

function sumInArray(params: unknown[], operands: readonly (Node | null)[], scope: Scope): number {
  const found = inArray(params, operands, scope);
  let result = 0;
  for (const row of found?.rows ?? []) {
    const value = convert(row[found!.name]);
    if (value !== undefined && value !== null) result = afterPlusMinus(result, value, result + (value as number));
  }
  return result;
}

function countInArray(params: unknown[], operands: readonly (Node | null)[], scope: Scope): number {
  return inArray(params, operands, scope)?.rows.length ?? 0;
}

function minMaxInArray(params: unknown[], operands: readonly (Node | null)[], scope: Scope, isMin: boolean) {
  const found = inArray(params, operands, scope);
  if (!found) return undefined;
  let best: unknown;
  let bestRow: Record<string, unknown> | undefined;
  for (const row of found.rows) {
    const value = convert(row[found.name]);
    if (value === undefined || value === null) continue;
    if (best === undefined || (isMin ? (value as number) < (best as number) : (value as number) > (best as number))) {
      best = value;
      bestRow = row;
    }
  }
  if (!bestRow) return undefined;
  return found.returnName !== found.name ? bestRow[found.returnName] : best;
}

function today(params: unknown[]): Date {
  const date = makeDate();
  date.setHours(0, 0, 0, 0);
  if (params.length === 1) date.setDate(date.getDate() + (params[0] as number));
  return date;
}

function diffDays(params: unknown[]): number {
  if (params.length !== 2 || !params[0] || !params[1]) return 0;
  const a = makeDate(params[0]);
  const b = makeDate(params[1]);
  const utcA = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const utcB = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.ceil(Math.abs(utcB - utcA) / 86_400_000);
}

function dateDiffMonths(first: unknown, second: unknown, type: unknown): number {
  if (type === 'days') return diffDays([first, second]);
  const a = makeDate(first);
  const b = makeDate(second);
  let months = (b.getFullYear() - a.getFullYear()) * 12 + b.getMonth() - a.getMonth();
  if (b.getDate() < a.getDate()) months -= 1;
  return type === 'months' ? months : ~~(months / 12);
}

function dateDiff(params: unknown[]): unknown {
  if (params.length < 2 || !params[0] || !params[1]) return null;
  const type = (params.length > 2 ? params[2] : '') || 'days';
  if (type === 'hours' || type === 'minutes' || type === 'seconds') {
    const ms = Math.abs(makeDate(params[1]).getTime() - makeDate(params[0]).getTime());
    return Math.ceil(ms / (type === 'hours' ? 3_600_000 : type === 'minutes' ? 60_000 : 1000));
  }
  return dateDiffMonths(params[0], params[1], type);
}

function dateAdd(params: unknown[]): unknown {
  if (params.length < 2 || !params[0] || !params[1]) return null;
  const date = makeDate(params[0]);
  const add = params[1] as number;
  const interval = params[2] || 'days';
  if (interval === 'days') date.setDate(date.getDate() + add);
  if (interval === 'months') date.setMonth(date.getMonth() + add);
  if (interval === 'years') date.setFullYear(date.getFullYear() + add);
  if (interval === 'hours') date.setHours(date.getHours() + add);
  if (interval === 'minutes') date.setMinutes(date.getMinutes() + add);
  if (interval === 'seconds') date.setSeconds(date.getSeconds() + add);
  return date;
}

const dateOrToday = (params: unknown[]): Date => (params[0] ? makeDate(params[0]) : today([]));

function substring(params: unknown[]): string {
  if (params.length < 2) return '';
  const text = params[0];
  if (!text || typeof text !== 'string') return '';
  const start = params[1] as number;
  if (!isNumeric(start)) return '';
  const end = params.length > 2 ? params[2] : undefined;
  return isNumeric(end) ? text.substring(start, end as number) : text.substring(start);
}

type Builtin = (params: unknown[], operands: readonly (Node | null)[], scope: Scope) => unknown;

const FUNCTIONS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['sum', (p) => sum(p)],
  ['min', (p) => minMax(p, true)],
  ['max', (p) => minMax(p, false)],
  ['count', (p) => flatten(p).length],
  ['avg', (p) => (flatten(p).length > 0 ? sum(p) / flatten(p).length : 0)],
  ['round', (p) => round(p)],
  ['trunc', (p) => trunc(p)],
  ['sumInArray', sumInArray],
  ['countInArray', countInArray],
  ['minInArray', (p, o, s) => minMaxInArray(p, o, s, true)],
  ['maxInArray', (p, o, s) => minMaxInArray(p, o, s, false)],
  [
    'avgInArray',
    (p, o, s) => {
      const count = countInArray(p, o, s);
      return count === 0 ? 0 : sumInArray(p, o, s) / count;
    },
  ],
  ['iif', (p) => (p.length < 2 ? null : p[0] ? p[1] : p.length > 2 ? p[2] : undefined)],
  ['getDate', (p) => (p.length < 1 || !p[0] ? null : makeDate(p[0]))],
  [
    'age',
    (p) => (p.length < 1 || !p[0] ? null : dateDiffMonths(p[0], undefined, (p.length > 1 ? p[1] : '') || 'years')),
  ],
  ['dateDiff', (p) => dateDiff(p)],
  ['dateAdd', (p) => dateAdd(p)],
  ['currentDate', () => makeDate()],
  ['today', (p) => today(p)],
  ['getYear', (p) => (p.length !== 1 || !p[0] ? undefined : makeDate(p[0]).getFullYear())],
  ['currentYear', () => makeDate().getFullYear()],
  ['diffDays', (p) => diffDays(p)],
  ['year', (p) => dateOrToday(p).getFullYear()],
  ['month', (p) => dateOrToday(p).getMonth() + 1],
  ['day', (p) => dateOrToday(p).getDate()],
  ['weekday', (p) => dateOrToday(p).getDay()],
  ['substring', (p) => substring(p)],
]);

/** The functions the server evaluates (names as survey-core registers them: case matters). */
export const SUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set(FUNCTIONS.keys());

export function callFunction(name: string, params: unknown[], operands: readonly (Node | null)[], scope: Scope) {
  const run = FUNCTIONS.get(name);
  // survey-core warns and gives null for a function it does not know; a questionnaire naming one
  // is refused when it is read, so this is reached only by expressions built in code.
  return run ? run(params, operands, scope) : null;
}
