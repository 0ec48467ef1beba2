// A question's validators applied to an accepted answer exactly as survey-core's validate() applies
// them (its NumericValidator, TextValidator, RegexValidator, EmailValidator, AnswerCountValidator),
// so that the server refuses what the page refuses.
import { holds, type Scope } from '../expressions/index.ts';
import type { Language } from '../language.ts';
import { NUMERIC_TEXT } from './limits.ts';
import type { ResidentMessages } from './messages.ts';
import type { Title, Validator } from './types.ts';

/** survey-core's EmailValidator pattern, as it is. */
const EMAIL =
  /^(([^<>()[\].,;:\s@"]+(\.[^<>()[\].,;:\s@"]+)*)|(".+"))@(([^<>()=[\].,;:\s@"]+\.)+[^<>()=[\].,;:\s@"]{2,})$/i;

export function isEmail(value: unknown): boolean {
  return EMAIL.test(String(value));
}

/** survey-core's Helpers.isValueEmpty. */
export function isEmptyValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isEmptyValue);
  return !value && value !== 0 && value !== false;
}

/** A number, or the text of one, as survey-core's Helpers.isNumber reads it; null when not one. */
function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) return Number(value.trim());
  return null;
}

function textOf(title: Title | null, lang: Language): string | null {
  if (title === null) return null;
  if (typeof title === 'string') return title;
  return (Object.hasOwn(title, lang) ? title[lang] : undefined) ?? title['default'] ?? null;
}

function ownError(validator: Validator, value: unknown, say: ResidentMessages, scope: Scope | null): string | null {
  switch (validator.kind) {
    case 'numeric': {
      if (isEmptyValue(value)) return null;
      const number = numberOf(value);
      if (number === null) return say.expectedNumber;
      const { min, max } = validator;
      if (min !== null && max !== null && (number < min || number > max)) return say.outsideRange(number, min, max);
      if (min !== null && number < min) return say.belowMinimum(number, min);
      if (max !== null && number > max) return say.aboveMaximum(number, max);
      return null;
    }
    case 'text': {
      if (isEmptyValue(value)) return null;
      // survey-core tests /\d+$/: digits at the end only.
      if (!validator.allowDigits && /\d+$/.test(String(value))) return say.noDigitsAtEnd;
      const length = typeof value === 'string' || Array.isArray(value) ? value.length : null;
      if (length === null) return null;
      if (validator.minLength > 0 && length < validator.minLength) return say.tooShort(length, validator.minLength);
      if (validator.maxLength > 0 && length > validator.maxLength) return say.tooLong(length, validator.maxLength);
      return null;
    }
    case 'regex': {
      if (isEmptyValue(value)) return null;
      // survey-core tests every item of a list, then the list itself (as its text).
      if (Array.isArray(value) && value.some((item) => !validator.pattern.test(String(item)))) return say.noMatch;
      return validator.pattern.test(String(value)) ? null : say.noMatch;
    }
    case 'email':
      return !value || isEmail(value) ? null : say.invalidEmail;
    case 'answercount': {
      if (!Array.isArray(value) || value.length === 0) return null;
      if (validator.min && value.length < validator.min) return say.tooFewChoices(validator.min);
      if (validator.max && value.length > validator.max) return say.tooManyChoices(validator.max);
      return null;
    }
    case 'expression':
      // survey-core's ExpressionValidator: the expression must hold, whatever the value (empty too).
      return scope === null || holds(validator.condition.node, scope) ? null : say.expressionFails;
  }
}

/**
 * The first validator's message that refuses the value, in the resident's language; null when none
 * does. The expression validators are checked against `scope` (the answers the expression reads).
 */
export function validatorError(
  validators: readonly Validator[],
  value: unknown,
  say: ResidentMessages,
  lang: Language,
  scope: Scope | null = null,
): string | null {
  for (const validator of validators) {
    const error = ownError(validator, value, say, scope);
    if (error !== null) return textOf(validator.text, lang) ?? error;
  }
  return null;
}
