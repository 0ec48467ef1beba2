// A question's `validators` read as survey-core reads them: the type names its class ("numeric" or
// "numericvalidator", in any case), a notificationType other than "error" does not block, and an
// expression validator's expression is parsed here, once (a malformed one refuses the document).
import { NUMERIC_TEXT } from './limits.ts';
import { isPlainObject } from './problems.ts';
import { condition, type Walk } from './readers.ts';
import { shapes, type ValidatorFields } from './shapes.ts';
import type { Validator } from './types.ts';

/** A number property as SurveyJS's JSON gives it (a number, or the text of one); null when absent. */
function numberOf(value: number | string | undefined): number | null | undefined {
  if (value === undefined || value === '') return null;
  if (typeof value === 'number') return value;
  return NUMERIC_TEXT.test(value.trim()) ? Number(value) : undefined;
}

/**
 * Whether a pattern repeats a group that itself repeats, as `(a+)+` or `(\w*)*`, or that holds
 * alternatives, as `(a|aa)+`: such a pattern can take exponential time on a resident's text, and
 * the server runs it.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  /** Per open group: whether what came before it in its parent repeats. */
  const groups: { repeats: boolean; alternates: boolean }[] = [];
  let repeats = false;
  let alternates = false;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '|') alternates = true;
    else if (char === '(') {
      groups.push({ repeats, alternates });
      repeats = false;
      alternates = false;
    } else if (char === ')') {
      const inner: { repeats: boolean; alternates: boolean } = { repeats, alternates };
      const outer = groups.pop() ?? { repeats: false, alternates: false };
      const next = pattern[i + 1];
      const quantified = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}/.test(pattern.slice(i + 1)));
      if ((inner.repeats || inner.alternates) && quantified) return true;
      repeats = outer.repeats || inner.repeats || quantified;
      alternates = outer.alternates;
    } else if (char === '*' || char === '+' || (char === '{' && /^\{\d*,\d*\}/.test(pattern.slice(i)))) {
      repeats = true;
    }
  }
  return false;
}

function readOne(fields: ValidatorFields, field: string, owner: string, walk: Walk): Validator | null {
  const type = fields.type.toLowerCase().replace(/validator$/, '');
  if (fields.notificationType !== undefined && fields.notificationType !== 'error') return null;
  const text = fields.text ?? null;
  const numbers = (names: readonly ('minValue' | 'maxValue' | 'minLength' | 'maxLength' | 'minCount' | 'maxCount')[]) =>
    names.map((name) => {
      const value = numberOf(fields[name]);
      if (value === undefined) walk.problems.add(`${field}.${name}`, `${name} is a number`);
      return value ?? null;
    });
  switch (type) {
    case 'numeric': {
      const [min, max] = numbers(['minValue', 'maxValue']);
      return { kind: 'numeric', text, min: min ?? null, max: max ?? null };
    }
    case 'text': {
      const [minLength, maxLength] = numbers(['minLength', 'maxLength']);
      return {
        kind: 'text',
        text,
        minLength: minLength ?? 0,
        maxLength: maxLength ?? 0,
        allowDigits: fields.allowDigits ?? true,
      };
    }
    case 'answercount': {
      const [min, max] = numbers(['minCount', 'maxCount']);
      return { kind: 'answercount', text, min: min ?? null, max: max ?? null };
    }
    case 'email':
      return { kind: 'email', text };
    case 'regex': {
      // survey-core skips a validator without a pattern.
      if (!fields.regex) return null;
      if (hasNestedQuantifier(fields.regex)) {
        walk.problems.add(
          `${field}.regex`,
          'this pattern repeats a group that itself repeats or holds alternatives, as (a+)+ or (a|aa)+, which can take the server minutes on one answer: write it without them',
        );
        return null;
      }
      try {
        const flags = (fields.caseInsensitive ?? fields.insensitive) ? 'i' : '';
        return { kind: 'regex', text, pattern: new RegExp(fields.regex, flags) };
      } catch {
        walk.problems.add(`${field}.regex`, 'this is not a valid regular expression');
        return null;
      }
    }
    case 'expression': {
      // survey-core passes a validator without an expression.
      const parsed = condition(fields.expression, `${field}.expression`, `${owner}, expression validator`, walk);
      return parsed === null ? null : { kind: 'expression', text, condition: parsed };
    }
    default:
      // survey-core ignores types it does not know.
      return null;
  }
}

/** The validators of an element, or [] when it has none; problems go to the walk. */
export function readValidators(
  raw: readonly unknown[] | undefined,
  field: string,
  walk: Walk,
  owner = 'a question',
): Validator[] {
  if (!raw) return [];
  const validators: Validator[] = [];
  raw.forEach((item, i) => {
    const path = `${field}.validators[${i}]`;
    if (!isPlainObject(item) || typeof item['type'] !== 'string') {
      walk.problems.add(path, 'a validator is an object with a type ("numeric", "text", "regex", ...)');
      return;
    }
    const parsed = shapes().Validator.safeParse(item);
    if (!parsed.success) {
      walk.problems.addIssues(path, parsed.error.issues);
      return;
    }
    const validator = readOne(parsed.data, path, owner, walk);
    if (validator) validators.push(validator);
  });
  return validators;
}
