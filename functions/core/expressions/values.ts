// How SurveyJS's expressions see values: survey-core's Helpers (isValueEmpty, isNumber,
// isTwoValueEquals, sumAnyValues, ...) with its default settings (comparisons trim strings and
// ignore case; numbers and their text are equal), so that a condition holds on the server exactly
// when it holds on the page.

/** survey-core's Helpers.isValueEmpty: undefined, null, '', [], or an object of empty values. */
export function isEmpty(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return true;
  if (isPlainRecord(value)) {
    for (const key in value) if (!isEmpty(value[key])) return false;
    return true;
  }
  return !value && value !== 0 && value !== false;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && (value as object).constructor === Object;
}

/** survey-core's Helpers.isValueObject: anything that is an object (arrays and dates included). */
const isObject = (value: unknown): value is object => value instanceof Object;

function isDigitsOnly(text: string): boolean {
  return text !== '' && /^[0-9]+$/.test(text);
}

/** Helpers.isStringHasOperator: "2*3", "1/2" are not numbers. */
function hasOperator(text: string): boolean {
  if (text.lastIndexOf('-') > 0 || text.lastIndexOf('+') > 0) return false;
  return /[*^/%]/.test(text);
}

/** survey-core's Helpers.getNumber: a number, or the text of one ("1,5" too); NaN otherwise. */
export function toNumber(value: unknown): number {
  let given: unknown = value;
  if (typeof given === 'string') {
    given = given.trim();
    const text = given as string;
    if (!text) return Number.NaN;
    // biome-ignore lint/correctness/useParseIntRadix: "0x.." is read as hexadecimal, as survey-core reads it.
    if (text.indexOf('0x') === 0) return text.length > 32 ? Number.NaN : Number.parseInt(text);
    if (text.length > 15 && isDigitsOnly(text)) return Number.NaN;
    if (hasOperator(text)) return Number.NaN;
    const comma = text.indexOf(',');
    if (comma > -1 && text.indexOf(',', comma + 1) < 0) given = text.replace(',', '.');
  }
  const number = Number.parseFloat(given as string);
  // isFinite(value) as JavaScript's global reads it: the value converted as Number() does.
  if (Number.isNaN(number) || !Number.isFinite(Number(given))) return Number.NaN;
  return number;
}

export const isNumeric = (value: unknown): boolean => !Number.isNaN(toNumber(value));

/** Helpers.isConvertibleToNumber: JavaScript's isNaN, which converts as Number() does. */
function isConvertibleToNumber(value: unknown): boolean {
  return value !== undefined && value !== null && !Array.isArray(value) && !Number.isNaN(Number(value));
}

/** A value as an expression reads it (Const.getCorrectValue): "true" is true, "5" is 5, "'x'" is x. */
export function correctValue(value: unknown): unknown {
  if (!value || typeof value !== 'string') return value;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  const quote = (char: string | undefined) => char === "'" || char === '"';
  if (value.length > 1 && quote(value[0]) && quote(value[value.length - 1])) return value.slice(1, -1);
  if (isNumeric(value)) {
    // "05" stays text; "0.5" and "0,5" are numbers.
    if (value[0] === '0' && value.indexOf('0x') !== 0) {
      const length = value.length;
      const point = length > 1 && (value[1] === '.' || value[1] === ',');
      if ((!point && length > 1) || (point && length < 2)) return value;
    }
    return toNumber(value);
  }
  return value;
}

/** Helpers.countDecimals. */
function countDecimals(value: unknown): number {
  if (isNumeric(value) && Math.floor(value as number) !== value) {
    const parts = String(value).split('.');
    return (parts.length > 1 && parts[1]!.length) || 0;
  }
  return 0;
}

/** Helpers.correctAfterPlusMinis: 0.1 + 0.2 is 0.3. */
export function afterPlusMinus(a: unknown, b: unknown, result: number): number {
  const digits = Math.max(countDecimals(a), countDecimals(b));
  return digits > 0 ? Number.parseFloat(result.toFixed(digits)) : result;
}

/** Helpers.correctAfterMultiple. */
export function afterMultiply(a: unknown, b: unknown, result: number): number {
  const digits = countDecimals(a) + countDecimals(b);
  return digits > 0 ? Number.parseFloat(result.toFixed(digits)) : result;
}

/** Helpers.sumAnyValues: numbers add, texts join, lists concatenate. */
export function sumAny(a: unknown, b: unknown): unknown {
  if (!isNumeric(a) || !isNumeric(b)) {
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    if (Array.isArray(a) || Array.isArray(b)) {
      const list = (Array.isArray(a) ? a : b) as unknown[];
      const other = list === a ? b : a;
      if (typeof other === 'string') {
        const text = list.join(', ');
        return list === a ? text + other : other + text;
      }
      if (typeof other === 'number') {
        let sum = 0;
        for (const item of list) if (typeof item === 'number') sum = afterPlusMinus(sum, item, sum + item);
        return afterPlusMinus(sum, other, sum + other);
      }
    }
    return (a as number) + (b as number);
  }
  if (typeof a === 'string' || typeof b === 'string') return (a as string) + (b as string);
  return afterPlusMinus(a, b, (a as number) + (b as number));
}

/** JavaScript's `<` and `>` on whatever the values are (SurveyJS compares them so). */
export const looseLess = (a: unknown, b: unknown): boolean => (a as number) < (b as number);

/** survey-core's Helpers.checkIfValuesEqual with the comparator's defaults (trim, ignore case). */
export function valuesEqual(x: unknown, y: unknown, ignoreOrder: boolean): boolean {
  if (x === y) return true;
  if (Array.isArray(x) && x.length === 0 && y === undefined) return true;
  if (Array.isArray(y) && y.length === 0 && x === undefined) return true;
  if ((x === undefined || x === null) && y === '') return true;
  if ((y === undefined || y === null) && x === '') return true;
  if (typeof x === 'string' && typeof y === 'string') return x.trim().toLowerCase() === y.trim().toLowerCase();
  if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime();
  if (isConvertibleToNumber(x) && isConvertibleToNumber(y)) {
    const a = x as string;
    const b = y as string;
    // biome-ignore lint/correctness/useParseIntRadix: as survey-core: "0x10" is 16 here too.
    if (Number.parseInt(a) === Number.parseInt(b) && Number.parseFloat(a) === Number.parseFloat(b)) return true;
  }
  if (isEmpty(x) !== isEmpty(y)) return false;
  if ((x === true || x === false) && typeof y === 'string') return x.toString() === y.toLocaleLowerCase();
  if ((y === true || y === false) && typeof x === 'string') return y.toString() === x.toLocaleLowerCase();
  const xObject = isObject(x);
  const yObject = isObject(y);
  // biome-ignore lint/suspicious/noDoubleEquals: SurveyJS compares other values with ==.
  if (!xObject && !yObject) return x == y;
  if (!xObject || !yObject) return false;
  if (Array.isArray(x) && Array.isArray(y)) return arraysEqual(x, y, ignoreOrder);
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  for (const key in a) {
    if (!Object.hasOwn(a, key)) continue;
    if (!Object.hasOwn(b, key) || !valuesEqual(a[key], b[key], ignoreOrder)) return false;
  }
  for (const key in b) if (Object.hasOwn(b, key) && !Object.hasOwn(a, key)) return false;
  return true;
}

function arraysEqual(x: unknown[], y: unknown[], ignoreOrder: boolean): boolean {
  if (x.length !== y.length) return false;
  // Array.prototype.sort's default order (by text), as survey-core sorts.
  const a = ignoreOrder ? [...x].sort() : x;
  const b = ignoreOrder ? [...y].sort() : y;
  for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i], ignoreOrder)) return false;
  return true;
}

/** A date as survey-core's createDate makes one: "yyyy-mm-dd" is local midnight. */
export function makeDate(value?: unknown): Date {
  if (!value) return new Date();
  let given = value;
  if (typeof given === 'string' && given.indexOf('T') <= 0 && /\d{4}-\d{2}-\d{2}/.test(given)) {
    if (!Number.isNaN(new Date(given).getTime())) given += 'T00:00:00';
  }
  return new Date(given as string);
}
