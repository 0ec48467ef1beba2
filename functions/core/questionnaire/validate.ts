// A resident's answers, checked against the questionnaire they answer.
import type { Answer, Background, BackgroundVariable } from '../schemas.ts';
import type { FieldError, Language } from '../language.ts';
import { nearMiss } from '../spelling.ts';
import { NUMERIC_TEXT, OTHER_TEXT_LENGTH } from './limits.ts';
import { MESSAGES, type ResidentMessages } from './messages.ts';
import { isPlainObject, Problems } from './problems.ts';
import {
  COMMENT_SUFFIX,
  NONE_VALUE,
  OTHER_VALUE,
  valueKey,
  type BackgroundMapping,
  type BooleanQuestion,
  type Choice,
  type ChoiceValue,
  type MultipleChoiceQuestion,
  type NumberQuestion,
  type ParsedSurvey,
  type Question,
  type SingleChoiceQuestion,
} from './types.ts';

/** An accepted answer (null: unanswered), or what is wrong with it. */
type Checked = { answer: Answer } | { error: string };

const choiceIndexes = new WeakMap<readonly Choice[], ReadonlyMap<string, ChoiceValue>>();

/** The declared value of each choice by its key, built once per question. */
function choiceIndex(choices: readonly Choice[]): ReadonlyMap<string, ChoiceValue> {
  let index = choiceIndexes.get(choices);
  if (!index) {
    index = new Map(choices.map((choice) => [valueKey(choice.value), choice.value]));
    choiceIndexes.set(choices, index);
  }
  return index;
}

/** A number, or the canonical text of one (a form posted without script sends text). */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return Number(value);
  return null;
}

/** Not a choice: said so, naming the choice it misses only by case or surrounding spaces, if any. */
function notAChoice(choices: readonly Choice[], value: ChoiceValue, say: ResidentMessages): string {
  if (typeof value !== 'string') return say.notAChoice(value);
  const text = choices.map((choice) => String(choice.value));
  const near = nearMiss(value, text);
  return near === null ? say.notAChoice(value) : say.nearChoice(value, choices[text.indexOf(near)]!.value);
}

const isChoiceValue = (value: unknown): value is ChoiceValue =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

function checkSingle(question: SingleChoiceQuestion, value: unknown, say: ResidentMessages): Checked {
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

function checkMultiple(question: MultipleChoiceQuestion, value: unknown, say: ResidentMessages): Checked {
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
  if (question.minSelected !== null && chosen.length < question.minSelected)
    return { error: say.tooFewChoices(question.minSelected) };
  if (question.maxSelected !== null && chosen.length > question.maxSelected)
    return { error: say.tooManyChoices(question.maxSelected) };
  return { answer: chosen };
}

function checkBoolean(question: BooleanQuestion, value: unknown): Checked | null {
  if (typeof value !== 'boolean' && !isChoiceValue(value)) return null;
  const key = valueKey(value);
  if (key === valueKey(question.valueTrue)) return { answer: question.valueTrue };
  if (key === valueKey(question.valueFalse)) return { answer: question.valueFalse };
  return null;
}

function checkNumber(question: NumberQuestion, value: unknown, say: ResidentMessages): Checked {
  if (value === '') return { answer: null };
  const number = asNumber(value);
  if (number === null) return { error: say.expectedNumber };
  const { min, max } = question;
  if (min !== null && max !== null && (number < min || number > max))
    return { error: say.outsideRange(number, min, max) };
  if (min !== null && number < min) return { error: say.belowMinimum(number, min) };
  if (max !== null && number > max) return { error: say.aboveMaximum(number, max) };
  // -0 would survive JSON.parse and differ from 0 in equality checks downstream.
  return { answer: number === 0 ? 0 : number };
}

/** Half of a surrogate pair on its own: JSON can carry it (\ud800), UTF-8 cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkText(value: unknown, maxLength: number, say: ResidentMessages): Checked {
  if (typeof value !== 'string') return { error: say.expectedText };
  if (value.trim() === '') return { answer: null };
  if (value.length > maxLength) return { error: say.tooLong(value.length, maxLength) };
  // Stored text must survive UTF-8 (DynamoDB, CSV exports) unchanged.
  if (LONE_SURROGATE.test(value)) return { error: say.notValidText };
  return { answer: value };
}

function checkAnswer(question: Question, value: unknown, say: ResidentMessages): Checked {
  if (value === undefined || value === null) return { answer: null };
  switch (question.kind) {
    case 'single':
      return checkSingle(question, value, say);
    case 'multiple':
      return checkMultiple(question, value, say);
    case 'boolean':
      return checkBoolean(question, value) ?? { error: say.expectedYesNo };
    case 'number':
      return checkNumber(question, value, say);
    case 'text':
      return checkText(value, question.maxLength, say);
    case 'display':
      return { error: say.takesNoAnswer };
  }
}

function choseOther(answer: Answer): boolean {
  return answer === OTHER_VALUE || (Array.isArray(answer) && answer.includes(OTHER_VALUE));
}

/** Keeps a hostile key from flooding a response body back into the error list. */
const fieldName = (key: string): string => (key.length > 120 ? `${key.slice(0, 120)}…` : key);

/**
 * Validates a resident's submission against the survey. Returns the answered questions only
 * (numbers as numbers, choices as declared) and the background variables, or every error (at
 * most 50) in the resident's language, each under the question's name.
 */
export function validateResponse(
  survey: ParsedSurvey,
  background: BackgroundMapping,
  answers: unknown,
  lang: Language,
): { ok: true; answers: Record<string, Answer>; background: Background } | { ok: false; errors: FieldError[] } {
  const say = MESSAGES[lang];
  if (!isPlainObject(answers)) return { ok: false, errors: [{ field: '', message: say.notAnObject }] };
  const problems = new Problems();
  // Null prototype: whatever the keys, writing them cannot reach Object.prototype, and reading an
  // unanswered "toString" finds nothing.
  const accepted = Object.create(null) as Record<string, Answer>;
  const given = (key: string): unknown => (Object.hasOwn(answers, key) ? answers[key] : undefined);

  for (const question of survey.questions) {
    if (problems.full) break;
    const checked = checkAnswer(question, given(question.name), say);
    let answer: Answer = null;
    if ('error' in checked) problems.add(question.name, checked.error);
    else if (checked.answer === null) {
      if (question.mustAnswer) problems.add(question.name, say.required);
    } else {
      answer = checked.answer;
      accepted[question.name] = answer;
    }
    if ((question.kind === 'single' || question.kind === 'multiple') && question.otherItem) {
      const commentKey = question.name + COMMENT_SUFFIX;
      if ('error' in checked) continue;
      const text = checkText(given(commentKey) ?? '', OTHER_TEXT_LENGTH, say);
      if ('error' in text) problems.add(commentKey, text.error);
      else if (text.answer === null) {
        if (choseOther(answer)) problems.add(commentKey, say.otherNeedsText);
      } else if (!choseOther(answer)) problems.add(commentKey, say.textWithoutOther);
      else accepted[commentKey] = text.answer;
    }
  }
  for (const key of Object.keys(answers)) {
    if (problems.full) break;
    if (!survey.byName.has(key) && !survey.commentKeys.has(key)) problems.add(fieldName(key), say.unknownQuestion);
  }
  if (problems.list.length > 0) return { ok: false, errors: problems.list };

  const backgroundValue = (variable: BackgroundVariable): string | null => {
    const questionName = background[variable];
    const answer = questionName !== undefined && survey.byName.has(questionName) ? accepted[questionName] : undefined;
    return typeof answer === 'string' || typeof answer === 'number' ? String(answer) : null;
  };
  return {
    ok: true,
    answers: accepted,
    background: {
      area: backgroundValue('area'),
      age_band: backgroundValue('age_band'),
      gender: backgroundValue('gender'),
    },
  };
}
