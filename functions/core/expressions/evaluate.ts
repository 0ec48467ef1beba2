// Evaluating a parsed SurveyJS expression as survey-core's operands evaluate (its BinaryOperand,
// UnaryOperand, Variable and OperandMaker's functions): the same conversions of empty operands in
// arithmetic, the same loose comparisons, the same `contains` on texts and lists.
import { callFunction } from './functions.ts';
import type { BinaryOp, Node } from './parse.ts';
import { afterMultiply, afterPlusMinus, correctValue, isEmpty, makeDate, sumAny, valuesEqual } from './values.ts';

/** Where `{name}` finds its value: undefined when nothing has that name. */
export interface Scope {
  find(name: string): { value: unknown } | undefined;
  /** The survey's own scope, when this one is a panel's, a row's or a choice's (the *InArray conditions read it). */
  readonly root?: Scope;
}

/** survey-core's Variable for a name nothing has: `{a: 1}` written inline is that object, else null. */
function inlineObject(name: string): unknown {
  if (name.length < 2 || name.indexOf(':') < 1) return null;
  try {
    return JSON.parse(`{${name}}`);
  } catch {
    return null;
  }
}

/** OperandMaker.convertValForDateCompare: a date's text compared with a date becomes one. */
function forDateCompare(value: unknown, other: unknown): unknown {
  if (other instanceof Date && typeof value === 'string') {
    const date = makeDate(value);
    other.setMilliseconds(0);
    if (other.getHours() > 0 || other.getMinutes() > 0 || other.getSeconds() > 0) return date;
    date.setHours(0, 0, 0);
    return date;
  }
  if (typeof other === 'string' && value instanceof Date) {
    if (other.length < 17) value.setSeconds(0, 0);
    if (other.length < 14) value.setMinutes(0, 0);
    if (other.length < 11) value.setHours(0, 0);
  }
  return value;
}

function equal(left: unknown, right: unknown): boolean {
  let a = forDateCompare(left, right);
  let b = forDateCompare(right, a);
  if (a === 'undefined') a = undefined;
  if (b === 'undefined') b = undefined;
  return valuesEqual(a, b, true);
}

function greater(left: unknown, right: unknown): boolean {
  if (left == null || right == null) return false;
  const a = forDateCompare(left, right);
  const b = forDateCompare(right, a);
  return (a as number) > (b as number);
}

function less(left: unknown, right: unknown): boolean {
  if (left == null || right == null) return false;
  const a = forDateCompare(left, right);
  const b = forDateCompare(right, a);
  return (a as number) < (b as number);
}

const looseEqual = (x: unknown, y: unknown): boolean => {
  const a = x === 'undefined' ? undefined : x;
  const b = y === 'undefined' ? undefined : y;
  return valuesEqual(a, b, true);
};

/** OperandMaker's containsCore: a text contains a part (ignoring case), a list contains items. */
function containsCore(left: unknown, right: unknown, isContains: boolean): boolean {
  if (Array.isArray(left) && left.length === 0) return !isContains;
  if (!left && left !== 0 && left !== false) return false;
  let given: unknown = left;
  if (!(given as { length?: number }).length) given = String(given);
  if (typeof given === 'string') {
    if (!right) return false;
    const found = given.toLowerCase().indexOf(String(right).toLowerCase()) > -1;
    return isContains ? found : !found;
  }
  const list = given as ArrayLike<unknown>;
  for (const item of Array.isArray(right) ? right : [right]) {
    let i = 0;
    for (; i < list.length; i++) if (looseEqual(list[i], item)) break;
    if (i === list.length) return !isContains;
  }
  return isContains;
}

function anyOf(left: unknown, right: unknown): boolean {
  if (isEmpty(left) && isEmpty(right)) return true;
  if (isEmpty(left) || (!Array.isArray(left) && (left as { length?: number }).length === 0)) return false;
  if (isEmpty(right)) return true;
  if (!Array.isArray(left)) return containsCore(right, left, true);
  if (!Array.isArray(right)) return containsCore(left, right, true);
  return right.some((item) => containsCore(left, item, true));
}

function allOf(left: unknown, right: unknown): boolean {
  if (!left && !isEmpty(right)) return false;
  if (!Array.isArray(right)) return containsCore(left, right, true);
  return right.every((item) => containsCore(left, item, true));
}

/** OperandMaker.binaryFunctions.arithmeticOp: an empty operand becomes 0, '' or [] to suit the other. */
function forArithmetic(value: unknown, other: unknown): unknown {
  if (!isEmpty(value)) return value;
  if (typeof other === 'number') return 0;
  if (typeof value === 'string') return value;
  if (typeof other === 'string') return '';
  if (Array.isArray(other)) return [];
  return 0;
}

function binary(op: BinaryOp, a: unknown, b: unknown): unknown {
  const x = a as number;
  const y = b as number;
  switch (op) {
    case 'and':
      return a && b;
    case 'or':
      return a || b;
    case 'plus':
      return sumAny(a, b);
    case 'minus':
      return afterPlusMinus(a, b, x - y);
    case 'mul':
      return afterMultiply(a, b, x * y);
    case 'div':
      return b ? x / y : null;
    case 'mod':
      return b ? x % y : null;
    case 'power':
      return x ** y;
    case 'greater':
      return greater(a, b);
    case 'less':
      return less(a, b);
    case 'greaterorequal':
      return equal(a, b) || greater(a, b);
    case 'lessorequal':
      return equal(a, b) || less(a, b);
    case 'equal':
      return equal(a, b);
    case 'notequal':
      return !equal(a, b);
    case 'contains':
      return containsCore(a, b, true);
    case 'notcontains':
      if (!a && !isEmpty(b)) return true;
      return containsCore(a, b, false);
    case 'anyof':
      return anyOf(a, b);
    case 'noneof':
      return !anyOf(a, b);
    case 'allof':
      return allOf(a, b);
  }
}

/** The value of an expression over a scope, as survey-core's ExpressionRunner computes it. */
export function evaluate(node: Node | null, scope: Scope): unknown {
  if (node === null) return null;
  switch (node.type) {
    case 'const':
      return node.value;
    case 'variable': {
      const found = scope.find(node.name);
      if (found === undefined) return inlineObject(node.name);
      return node.asIs ? found.value : correctValue(found.value);
    }
    case 'binary': {
      let a = evaluate(node.left, scope);
      let b = evaluate(node.right, scope);
      if (node.arithmetic) {
        a = forArithmetic(a, b);
        b = forArithmetic(b, a);
      }
      return binary(node.op, a, b);
    }
    case 'unary': {
      const value = evaluate(node.operand, scope);
      if (node.op === 'negate') return !value;
      return node.op === 'empty' ? isEmpty(value) : !isEmpty(value);
    }
    case 'array':
      return node.items.map((item) => evaluate(item, scope));
    case 'call':
      return callFunction(
        node.name,
        node.args.map((arg) => evaluate(arg, scope)),
        node.args,
        scope,
      );
  }
}

/** Whether a condition holds: survey-core's ConditionRunner (`result == true`). */
export function holds(node: Node | null, scope: Scope): boolean {
  const result = evaluate(node, scope);
  // biome-ignore lint/suspicious/noDoubleEquals: ConditionRunner compares with == true (1 and "1" hold).
  return result == true;
}
