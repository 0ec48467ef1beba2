// One answer checked against its question: a choice, a list of choices, yes/no, a number, a text.
// Each check gives the answer as it is stored (numbers as numbers, choices as declared), or why not.
import type { Answer } from '../schemas.ts';
import { nearMiss } from '../spelling.ts';
import { isCalendarDate, ISO_DATE } from './dates.ts';
import { NUMERIC_TEXT } from './limits.ts';
import type { ResidentMessages } from './messages.ts';
import { isEmail } from './validatorChecks.ts';
import {
  NONE_VALUE,
  valueKey,
  type BooleanQuestion,
  type Choice,
  type ChoiceValue,
  type MultipleChoiceQuestion,
  type NumberQuestion,
  type SingleChoiceQuestion,
  type TextQuestion,
} from './types.ts';

/** An accepted answer (null: unanswered), or what is wrong with it. */
export type Checked = { answer: Answer } | { error: string };

const choiceIndexes = new WeakMap<readonly Choice[], ReadonlyMap<string, ChoiceValue>>();

/** The declared value of each choice by its key, built once per question. */
export function choiceIndex(choices: readonly Choice[]): ReadonlyMap<string, ChoiceValue> {
  let index = choiceIndexes.get(choices);
  if (!index) {
    index = new Map(choices.map((choice) => [valueKey(choice.value), choice.value]));
    choiceIndexes.set(choices, index);
  }
  return index;
}

/** A number, or the canonical text of one (a form posted without script sends text). */
export function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return Number(value);
  return null;
}

/** Not a choice: said so, naming the choice it misses only by case or surrounding spaces, if any. */
export function notAChoice(choices: readonly Choice[], value: ChoiceValue, say: ResidentMessages): string {
  if (typeof value !== 'string') return say.notAChoice(value);
  const text = choices.map((choice) => String(choice.value));
  const near = nearMiss(value, text);
  return near === null ? say.notAChoice(value) : say.nearChoice(value, choices[text.indexOf(near)]!.value);
}

export const isChoiceValue = (value: unknown): value is ChoiceValue =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

export function checkSingle(question: SingleChoiceQuestion, value: unknown, say: ResidentMessages): Checked {
  const scale = question.scale;
  if (!isChoiceValue(value)) return { error: scale ? say.expectedScale(scale.min, scale.max) : say.expectedChoice };
  const declared = choiceIndex(question.choices).get(valueKey(value));
  if (declared !== undefined) return { answer: declared };
  const number = asNumber(value);
  if (scale && number !== null) {
    if (number < scale.min || number > scale.max) return { error: say.outsideScale(number, scale.min, scale.max) };
    if (!Number.isInteger(number)) return { error: say.notWholeNumber(number) };
    return { error: say.notOnScale(number, scale.min, scale.max) };
  }
  return { error: notAChoice(question.choices, value, say) };
}

export function checkMultiple(question: MultipleChoiceQuestion, value: unknown, say: ResidentMessages): Checked {
  if (!Array.isArray(value)) return { error: say.expectedChoiceList };
  if (value.length === 0) return { answer: null };
  if (value.length > question.choices.length)
    return { error: say.tooManyChoices(question.maxSelected ?? question.choices.length) };
  const index = choiceIndex(question.choices);
  const chosen: ChoiceValue[] = [];
  const seen = new Set<string>();
  for (const item of value) {
    if (!isChoiceValue(item)) return { error: say.expectedChoiceList };
    const key = valueKey(item);
    const declared = index.get(key);
    if (declared === undefined) return { error: notAChoice(question.choices, item, say) };
    if (seen.has(key)) return { error: say.chosenTwice(declared) };
    seen.add(key);
    chosen.push(declared);
  }
  if (question.noneItem && chosen.length > 1 && seen.has(valueKey(NONE_VALUE)))
    return { error: say.noneWithOthers(NONE_VALUE) };
  // survey-core: "none" alone is enough, whatever minSelectedChoices says.
  const noneAlone = question.noneItem && chosen.length === 1 && seen.has(valueKey(NONE_VALUE));
  if (question.minSelected !== null && chosen.length < question.minSelected && !noneAlone)
    return { error: say.tooFewChoices(question.minSelected) };
  if (question.maxSelected !== null && chosen.length > question.maxSelected)
    return { error: say.tooManyChoices(question.maxSelected) };
  return { answer: chosen };
}

export function checkBoolean(question: BooleanQuestion, value: unknown): Checked | null {
  if (typeof value !== 'boolean' && !isChoiceValue(value)) return null;
  const key = valueKey(value);
  if (key === valueKey(question.valueTrue)) return { answer: question.valueTrue };
  if (key === valueKey(question.valueFalse)) return { answer: question.valueFalse };
  return null;
}

export function checkNumber(question: NumberQuestion, value: unknown, say: ResidentMessages): Checked {
  if (value === '') return { answer: null };
  const number = asNumber(value);
  if (number === null) return { error: say.expectedNumber };
  const { min, max } = question;
  if (min !== null && max !== null && (number < min || number > max))
    return { error: say.outsideRange(number, min, max) };
  if (min !== null && number < min) return { error: say.belowMinimum(number, min) };
  if (max !== null && number > max) return { error: say.aboveMaximum(number, max) };
  if (question.step !== null && !onStep(number, question.step)) return { error: say.notOnStep(number, question.step) };
  // -0 would survive JSON.parse and differ from 0 in equality checks downstream.
  return { answer: number === 0 ? 0 : number };
}

/** survey-core's isStepNumberIncorrect: both scaled by the power of ten that makes them whole, then the remainder. */
function onStep(value: number, step: number): boolean {
  let power = 1;
  while (
    (Math.round(step * power) / power !== step || Math.round(value * power) / power !== value) &&
    power < 1_000_000
  )
    power *= 10;
  return Math.round(value * power) % Math.round(step * power) === 0;
}

/** Half of a surrogate pair on its own: JSON can carry it (\ud800), UTF-8 cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function checkText(value: unknown, maxLength: number, say: ResidentMessages): Checked {
  if (typeof value !== 'string') return { error: say.expectedText };
  if (value.trim() === '') return { answer: null };
  if (value.length > maxLength) return { error: say.tooLong(value.length, maxLength) };
  // Stored text must survive UTF-8 (DynamoDB, CSV exports) unchanged.
  if (LONE_SURROGATE.test(value)) return { error: say.notValidText };
  return { answer: value };
}

/** A text question's answer: its text, and for a date or an e-mail input what the page's input holds. */
export function checkTextQuestion(question: TextQuestion, value: unknown, say: ResidentMessages): Checked {
  const checked = checkText(value, question.maxLength, say);
  if ('error' in checked || typeof checked.answer !== 'string') return checked;
  const text = checked.answer;
  if (question.format === 'email' && !isEmail(text)) return { error: say.invalidEmail };
  if (question.format !== 'date') return checked;
  // The page's date input gives yyyy-mm-dd or nothing: "igår" never comes from it.
  if (!ISO_DATE.test(text) || !isCalendarDate(text)) return { error: say.invalidDate };
  if (question.minDate !== null && text < question.minDate) return { error: say.dateBefore(question.minDate) };
  if (question.maxDate !== null && text > question.maxDate) return { error: say.dateAfter(question.maxDate) };
  return checked;
}
