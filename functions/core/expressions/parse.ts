// SurveyJS's expression language, parsed as survey-core parses it: its grammar (a PEG, compiled by
// peggy into survey-core's ConditionsParser) rule by rule, with the same ordered choices and the
// same backtracking, after the same rewriting of the text (`=>`, `=<`, `<>`, `equals`). What the
// page cannot parse (and so treats as false) is refused here with where and why.

/** A binary operator as survey-core names it. */
export type BinaryOp =
  | 'or'
  | 'and'
  | 'lessorequal'
  | 'greaterorequal'
  | 'equal'
  | 'notequal'
  | 'less'
  | 'greater'
  | 'plus'
  | 'minus'
  | 'mul'
  | 'div'
  | 'mod'
  | 'power'
  | 'contains'
  | 'notcontains'
  | 'anyof'
  | 'allof'
  | 'noneof';

/** A parsed expression; null is the literal `null` / `undefined` (survey-core's missing operand). */
export type Node =
  | { readonly type: 'const'; readonly value: string | number | boolean }
  | { readonly type: 'variable'; readonly name: string; readonly asIs: boolean }
  | {
      readonly type: 'binary';
      readonly op: BinaryOp;
      readonly left: Node | null;
      readonly right: Node | null;
      /** Parsed by an arithmetic rule (also `and`/`or`): empty operands are read as 0, '' or []. */
      readonly arithmetic: boolean;
    }
  | { readonly type: 'unary'; readonly op: 'negate' | 'empty' | 'notempty'; readonly operand: Node | null }
  | { readonly type: 'array'; readonly items: readonly (Node | null)[] }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly (Node | null)[] };

export class ExpressionError extends Error {
  constructor(
    message: string,
    /** Where in the expression (0-based) the parser stopped. */
    readonly at: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** At most this many characters: an expression is a line of a questionnaire, not a program. */
export const MAX_EXPRESSION_LENGTH = 10_000;
/** Nesting deeper than this is refused rather than risk the stack. */
const MAX_NESTING = 100;

const FAIL: unique symbol = Symbol('fail');
type Result<T> = T | typeof FAIL;

/** survey-core's ConditionsParser.patchExpression (with the default `{` `}` delimiters). */
export function patchExpression(text: string): string {
  return text
    .replace(/=>/g, '>=')
    .replace(/=</g, '<=')
    .replace(/<>/g, '!=')
    .replace(/equals/g, 'equal ')
    .replace(/notequals/g, 'notequal ');
}

const COMPARISONS: readonly (readonly [string, BinaryOp])[] = [
  ['<=', 'lessorequal'],
  ['lessorequal', 'lessorequal'],
  ['>=', 'greaterorequal'],
  ['greaterorequal', 'greaterorequal'],
  ['==', 'equal'],
  ['equal', 'equal'],
  ['=', 'equal'],
  ['!=', 'notequal'],
  ['notequal', 'notequal'],
  ['<', 'less'],
  ['less', 'less'],
  ['>', 'greater'],
  ['greater', 'greater'],
];
const BIN_FUNCTIONS: readonly (readonly [string, BinaryOp])[] = [
  ['*=', 'contains'],
  ['contains', 'contains'],
  ['contain', 'contains'],
  ['notcontains', 'notcontains'],
  ['notcontain', 'notcontains'],
  ['anyof', 'anyof'],
  ['allof', 'allof'],
  ['noneof', 'noneof'],
];
/** Words are matched case-insensitively, signs exactly (as the grammar's `"or"i` and `"||"`). */
const isWord = (literal: string): boolean => /^[a-z]/.test(literal);

class Parser {
  private pos = 0;
  /** The furthest position any rule reached: where a syntax error is reported. */
  private furthest = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  parse(): Node | null {
    const node = this.expression();
    if (node !== FAIL && this.pos === this.text.length) return node;
    const at = Math.max(this.furthest, this.pos);
    const found = at < this.text.length ? `"${this.text.slice(at, at + 12)}"` : 'the end';
    throw new ExpressionError(`cannot read the expression at character ${at + 1} (${found})`, at);
  }

  private reach(): void {
    if (this.pos > this.furthest) this.furthest = this.pos;
  }

  private literal(text: string, ignoreCase = isWord(text)): boolean {
    const part = this.text.slice(this.pos, this.pos + text.length);
    if (ignoreCase ? part.toLowerCase() === text : part === text) {
      this.pos += text.length;
      this.reach();
      return true;
    }
    return false;
  }

  private chars(pattern: RegExp, min = 1): string | null {
    const start = this.pos;
    while (this.pos < this.text.length && pattern.test(this.text[this.pos]!)) this.pos++;
    if (this.pos - start < min) {
      this.pos = start;
      return null;
    }
    this.reach();
    return this.text.slice(start, this.pos);
  }

  private space(): void {
    this.chars(/[ \t\n\r]/, 0);
  }

  /** `head (_ Sign _ Operand)*`, folded to the left; an iteration that fails leaves nothing consumed. */
  private chain(
    operand: () => Result<Node | null>,
    sign: () => BinaryOp | null,
    arithmetic: boolean,
    optionalRight = false,
  ): Result<Node | null> {
    let left = operand();
    if (left === FAIL) return FAIL;
    for (;;) {
      const start = this.pos;
      this.space();
      const op = sign();
      if (op === null) {
        this.pos = start;
        return left;
      }
      this.space();
      const before = this.pos;
      let right = operand();
      if (right === FAIL) {
        if (!optionalRight) {
          this.pos = start;
          return left;
        }
        this.pos = before;
        right = null;
      }
      left = { type: 'binary', op, left, right, arithmetic };
    }
  }

  private oneOf(list: readonly (readonly [string, BinaryOp])[]): BinaryOp | null {
    for (const [text, op] of list) if (this.literal(text)) return op;
    return null;
  }

  /** Expression = _ LogicOr (_ OrSign _ LogicOr)* _ */
  private expression(): Result<Node | null> {
    if (++this.depth > MAX_NESTING) throw new ExpressionError('the expression is nested too deeply', this.pos);
    const start = this.pos;
    this.space();
    const node = this.chain(
      () => this.logicOr(),
      () => (this.literal('||') || this.literal('or') ? 'or' : null),
      true,
    );
    this.depth--;
    if (node === FAIL) {
      this.pos = start;
      return FAIL;
    }
    this.space();
    return node;
  }

  private logicOr(): Result<Node | null> {
    return this.chain(
      () => this.logicAnd(),
      () => (this.literal('&&') || this.literal('and') ? 'and' : null),
      true,
    );
  }

  private logicAnd(): Result<Node | null> {
    return this.chain(
      () => this.plusMinus(),
      () => this.oneOf(COMPARISONS),
      false,
    );
  }

  private plusMinus(): Result<Node | null> {
    return this.chain(
      () => this.mulDiv(),
      () => (this.literal('+') ? 'plus' : this.literal('-') ? 'minus' : null),
      true,
    );
  }

  private mulDiv(): Result<Node | null> {
    return this.chain(
      () => this.power(),
      () => (this.literal('*') ? 'mul' : this.literal('/') ? 'div' : this.literal('%') ? 'mod' : null),
      true,
    );
  }

  private power(): Result<Node | null> {
    return this.chain(
      () => this.binaryFunction(),
      () => (this.literal('^') || this.literal('power') ? 'power' : null),
      true,
    );
  }

  /** BinaryFuncOp = Factor (_ BinFunctions _ Factor?)* */
  private binaryFunction(): Result<Node | null> {
    return this.chain(
      () => this.factor(),
      () => this.oneOf(BIN_FUNCTIONS),
      false,
      true,
    );
  }

  /** Factor = "(" _ Expression _ ")"? / FunctionOp / UnaryFunctionOp / Atom / ArrayOp */
  private factor(): Result<Node | null> {
    const start = this.pos;
    if (this.literal('(')) {
      this.space();
      const inner = this.expression();
      if (inner !== FAIL) {
        this.space();
        this.literal(')');
        return inner;
      }
      this.pos = start;
    }
    for (const rule of [() => this.functionCall(), () => this.unary(), () => this.atom(), () => this.array()]) {
      const node = rule();
      if (node !== FAIL) return node;
      this.pos = start;
    }
    return FAIL;
  }

  /** FunctionOp = LettersAndDigits "(" Sequence ")"? */
  private functionCall(): Result<Node> {
    const start = this.pos;
    const name = this.lettersAndDigits();
    if (name === null || !this.literal('(')) {
      this.pos = start;
      return FAIL;
    }
    const args = this.sequence();
    this.literal(')');
    return { type: 'call', name, args };
  }

  /** UnaryFunctionOp = ("!" / "negate"i) _ Factor / Atom _ ("empty"i / "notempty"i) */
  private unary(): Result<Node> {
    const start = this.pos;
    if (this.literal('!') || this.literal('negate')) {
      this.space();
      const operand = this.factor();
      if (operand !== FAIL) return { type: 'unary', op: 'negate', operand: this.notNull(operand, start) };
      this.pos = start;
    }
    const operand = this.atom();
    if (operand !== FAIL) {
      this.space();
      if (this.literal('empty')) return { type: 'unary', op: 'empty', operand: this.notNull(operand, start) };
      if (this.literal('notempty')) return { type: 'unary', op: 'notempty', operand: this.notNull(operand, start) };
    }
    this.pos = start;
    return FAIL;
  }

  /** survey-core fails on a missing operand of !, empty and notempty, and on one inside a list. */
  private notNull(operand: Node | null, at: number): Node {
    if (operand === null)
      throw new ExpressionError('null and undefined cannot stand here (after !, before empty, in a list)', at);
    return operand;
  }

  /** Atom = _ ("undefined" / "null") / _ ConstValue / _ "{" [^{}]+ "}" */
  private atom(): Result<Node | null> {
    const start = this.pos;
    this.space();
    if (this.literal('undefined', false) || this.literal('null', false)) return null;
    const value = this.constValue();
    if (value !== FAIL) return { type: 'const', value };
    if (this.literal('{')) {
      const name = this.chars(/[^{}]/);
      if (name !== null && this.literal('}')) {
        // survey-core's Variable: a leading "#" reads the value as it is (no "5" -> 5).
        const asIs = name.length > 1 && name[0] === '#';
        return { type: 'variable', name: asIs ? name.slice(1) : name, asIs };
      }
    }
    this.pos = start;
    return FAIL;
  }

  /** ConstValue, its value as survey-core's Const evaluates it. */
  private constValue(): Result<string | number | boolean> {
    const start = this.pos;
    if (this.literal('true')) return true;
    if (this.literal('false')) return false;
    const number = this.arithmeticValue();
    if (number !== FAIL) return number;
    const word = this.lettersAndDigits();
    if (word !== null) return word;
    if (this.literal("''") || this.literal('""')) return '';
    for (const quote of ["'", '"']) {
      if (!this.literal(quote)) continue;
      const text = this.anyInput();
      if (text !== null && this.literal(quote)) return text;
      this.pos = start;
    }
    this.pos = start;
    return FAIL;
  }

  /** ArithmeticValue = "0x" Digits / "-"? Number */
  private arithmeticValue(): Result<number> {
    const start = this.pos;
    if (this.literal('0x')) {
      if (this.chars(/[0-9]/) !== null) return Number.parseInt(this.text.slice(start, this.pos), 16);
      this.pos = start;
    }
    const negative = this.literal('-');
    const numberStart = this.pos;
    let value: number | null = null;
    if (this.chars(/[0-9]/) !== null && this.literal('.') && this.chars(/[0-9]/) !== null)
      value = Number.parseFloat(this.text.slice(numberStart, this.pos));
    else {
      this.pos = numberStart;
      if (this.chars(/[1-9]/) !== null) {
        this.chars(/[0-9]/, 0);
        value = Number.parseInt(this.text.slice(numberStart, this.pos), 10);
      } else if (this.literal('0')) value = 0;
    }
    if (value === null) {
      this.pos = start;
      return FAIL;
    }
    return negative ? -value : value;
  }

  /** LettersAndDigits = [a-zA-Z_]+ ([0-9]+ [a-zA-Z_]*)* */
  private lettersAndDigits(): string | null {
    const start = this.pos;
    if (this.chars(/[a-zA-Z_]/) === null) return null;
    while (this.chars(/[0-9]/) !== null) this.chars(/[a-zA-Z_]/, 0);
    return this.text.slice(start, this.pos);
  }

  /** AnyInput = ("\\'" / "\\\"" / [^"'])+ */
  private anyInput(): string | null {
    let out = '';
    for (;;) {
      if (this.literal("\\'")) out += "'";
      else if (this.literal('\\"')) out += '"';
      else {
        const char = this.text[this.pos];
        if (char === undefined || char === '"' || char === "'") break;
        out += char;
        this.pos++;
        this.reach();
      }
    }
    return out === '' ? null : out;
  }

  /** ArrayOp = "[" Sequence "]" */
  private array(): Result<Node> {
    const start = this.pos;
    if (!this.literal('[')) return FAIL;
    const items = this.sequence();
    if (this.literal(']')) return { type: 'array', items };
    this.pos = start;
    return FAIL;
  }

  /**
   * Sequence = Expression? (_ "," _ Expression)*. As survey-core builds it, a list whose first item
   * is missing or the literal null is empty, whatever follows.
   */
  private sequence(): (Node | null)[] {
    const first = this.expression();
    const items: (Node | null)[] = first === FAIL ? [] : [first];
    for (;;) {
      const start = this.pos;
      this.space();
      if (!this.literal(',')) {
        this.pos = start;
        break;
      }
      this.space();
      const next = this.expression();
      if (next === FAIL) {
        this.pos = start;
        break;
      }
      items.push(first === FAIL || first === null ? next : this.notNull(next, start));
    }
    return first === FAIL || first === null ? [] : items;
  }
}

/**
 * Parses a SurveyJS expression (a condition or a value), or throws ExpressionError saying where it
 * cannot be read.
 */
export function parseExpression(text: string): Node {
  if (text.length > MAX_EXPRESSION_LENGTH)
    throw new ExpressionError(`an expression is at most ${MAX_EXPRESSION_LENGTH} characters`, 0);
  const node = new Parser(patchExpression(text)).parse();
  // survey-core cannot run an expression that is nothing but null (the page takes it as false).
  if (node === null) throw new ExpressionError('the expression is empty: it is only null or undefined', 0);
  return node;
}
