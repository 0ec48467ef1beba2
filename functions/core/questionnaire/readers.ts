// One reader per SurveyJS question type: each checks an element against its shape and makes it a
// Question, or notes what is wrong with it.
import type * as z from 'zod';
import {
  COMMENT_SUFFIX,
  NONE_VALUE,
  OTHER_VALUE,
  valueKey,
  type Choice,
  type Condition,
  type ElementRules,
  type Question,
  type QuestionBase,
} from './types.ts';
import { compileCondition } from './conditions.ts';
import { isCalendarDate, ISO_DATE } from './dates.ts';
import {
  DEFAULT_COMMENT_LENGTH,
  DEFAULT_TEXT_LENGTH,
  LONGEST_TEXT,
  MAX_CHOICES,
  MAX_GENERATED_RATING_VALUES,
  MAX_SMILEYS,
  NUMERIC_TEXT,
} from './limits.ts';
import type { Problems } from './problems.ts';
import { shapes, type ChoiceItem, type CommonFields, type RawChoice, type Shapes } from './shapes.ts';
import { readValidators } from './validatorRules.ts';

export interface Walk {
  readonly problems: Problems;
  readonly questions: Question[];
  readonly paths: Map<string, string>;
  readonly storeOthersAsComment: boolean;
  readonly maxTextLength: number | null;
  containers: number;
  stopped: boolean;
  /** The rules of the page and panels around the element being read, outermost first. */
  readonly around: ElementRules[];
  /** Every condition read, for the checks that need the whole document (conditions.ts checkNames). */
  readonly conditions: { condition: Condition; field: string; owner: string }[];
}

export type Read<T> = { ok: true; value: T } | { ok: false };

export function read<S extends z.ZodType>(schema: S, raw: unknown, field: string, walk: Walk): Read<z.infer<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  walk.problems.addIssues(field, parsed.error.issues);
  return { ok: false };
}

/** Parses one condition of the document (refusing a malformed one) and remembers it for checkNames. */
export function condition(text: string | undefined, field: string, owner: string, walk: Walk): Condition | null {
  const compiled = compileCondition(text, field, owner, walk.problems);
  if (compiled) walk.conditions.push({ condition: compiled, field, owner });
  return compiled;
}

/** The visibleIf, visible, enableIf and readOnly of a page, a panel or a question. */
export function elementRules(
  element: {
    visibleIf?: string | undefined;
    enableIf?: string | undefined;
    readOnly?: boolean | undefined;
    visible?: boolean | undefined;
  },
  field: string,
  owner: string,
  walk: Walk,
): ElementRules {
  return {
    visibleIf: condition(element.visibleIf, `${field}.visibleIf`, `${owner}, visibleIf`, walk),
    visible: element.visible !== false,
    enableIf: condition(element.enableIf, `${field}.enableIf`, `${owner}, enableIf`, walk),
    readOnly: element.readOnly === true,
  };
}

const isFixed = (rules: ElementRules): boolean =>
  rules.visibleIf === null && rules.enableIf === null && rules.visible && !rules.readOnly;

export function questionBase(element: CommonFields, field: string, _conditional: boolean, walk: Walk): QuestionBase {
  const isRequired = element.isRequired === true;
  const owner = `question "${element.name}"`;
  const rules = elementRules(element, field, owner, walk);
  const requiredIf = condition(element.requiredIf, `${field}.requiredIf`, `${owner}, requiredIf`, walk);
  const containers = [...walk.around];
  const alwaysShown = isFixed(rules) && containers.every(isFixed);
  return {
    name: element.name,
    title: element.title ?? null,
    isRequired,
    requiredIf,
    rules,
    containers,
    mustAnswer: isRequired && alwaysShown && requiredIf === null,
    alwaysShown,
    path: field,
    validators: readValidators(element.validators, field, walk, owner),
  };
}

/** Adds a choice unless its value is already there; returns whether it was added. */
function addChoice(choices: Choice[], seen: Set<string>, choice: Choice): boolean {
  const key = valueKey(choice.value);
  if (seen.has(key)) return false;
  seen.add(key);
  choices.push(choice);
  return true;
}

export function listedChoices(
  items: readonly ChoiceItem[],
  field: string,
  walk: Walk,
  owner = 'a choice',
): { choices: Choice[]; seen: Set<string> } {
  const choices: Choice[] = [];
  const seen = new Set<string>();
  items.forEach((item: RawChoice, i) => {
    const { visibleIfText, enableIfText, ...plain } = item;
    const where = `${owner}, choice ${JSON.stringify(plain.value)}`;
    const visibleIf = condition(visibleIfText, `${field}[${i}].visibleIf`, `${where}, visibleIf`, walk);
    // enableIf: the page keeps a choice it disables once chosen, so the server accepts it; parsed only
    // so that a malformed one is refused.
    condition(enableIfText, `${field}[${i}].enableIf`, `${where}, enableIf`, walk);
    const choice: Choice = visibleIf ? { ...plain, visibleIf } : plain;
    if (!addChoice(choices, seen, choice))
      walk.problems.add(`${field}[${i}]`, `the value ${JSON.stringify(choice.value)} is listed twice`);
  });
  return { choices, seen };
}

/** choicesVisibleIf, parsed; choicesEnableIf only checked (a disabled choice the page keeps is accepted). */
function choiceConditions(
  element: { choicesVisibleIf?: string | undefined; choicesEnableIf?: string | undefined },
  field: string,
  owner: string,
  walk: Walk,
): { choicesVisibleIf: Condition | null } {
  condition(element.choicesEnableIf, `${field}.choicesEnableIf`, `${owner}, choicesEnableIf`, walk);
  return {
    choicesVisibleIf: condition(
      element.choicesVisibleIf,
      `${field}.choicesVisibleIf`,
      `${owner}, choicesVisibleIf`,
      walk,
    ),
  };
}

/** Adds the "none" and "other" items; returns whether "other" (with its comment) is on. */
function addSpecialItems(
  element: z.infer<z.ZodObject<Shapes['SelectBase']>>,
  field: string,
  choices: Choice[],
  seen: Set<string>,
  walk: Walk,
): { other: boolean; none: boolean } {
  const none = element.showNoneItem ?? element.hasNone ?? false;
  const other = element.showOtherItem ?? element.hasOther ?? false;
  if (none && !addChoice(choices, seen, { value: NONE_VALUE, text: element.noneText ?? null })) {
    walk.problems.add(
      `${field}.showNoneItem`,
      `showNoneItem adds the value "${NONE_VALUE}", which is already a choice`,
    );
  }
  if (other) {
    if (!addChoice(choices, seen, { value: OTHER_VALUE, text: element.otherText ?? null })) {
      walk.problems.add(
        `${field}.showOtherItem`,
        `showOtherItem adds the value "${OTHER_VALUE}", which is already a choice`,
      );
    }
    const storesComment =
      element.storeOthersAsComment === 'default' || element.storeOthersAsComment === undefined
        ? walk.storeOthersAsComment
        : element.storeOthersAsComment;
    if (!storesComment) {
      walk.problems.add(
        element.storeOthersAsComment === false ? `${field}.storeOthersAsComment` : 'storeOthersAsComment',
        `storeOthersAsComment: false is not supported: the text of "other" is read from "${element.name}${COMMENT_SUFFIX}"`,
      );
    }
  }
  return { other, none };
}

export function readRating(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().RatingSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const element = parsed.value;
  let choices: Choice[];
  // SurveyJS uses rateValues when they are given, unless autoGenerate says otherwise.
  if (element.rateValues && element.rateValues.length > 0 && element.autoGenerate !== true) {
    choices = listedChoices(element.rateValues, `${field}.rateValues`, walk).choices;
  } else {
    const step = element.rateStep ?? 1;
    let min = element.rateMin ?? 1;
    let max = element.rateMax ?? 5;
    // rateCount counts from whichever end is given (SurveyJS: endLoadingFromJson).
    if (element.rateCount !== undefined && element.rateMax === undefined) max = min + step * (element.rateCount - 1);
    if (element.rateCount !== undefined && element.rateMin === undefined && element.rateMax !== undefined)
      min = max - step * (element.rateCount - 1);
    if (max < min) {
      walk.problems.add(`${field}.rateMax`, `rateMax (${max}) is below rateMin (${min})`);
      return null;
    }
    const count = Math.floor((max - min) / step) + 1;
    if (count > MAX_GENERATED_RATING_VALUES) {
      walk.problems.add(
        `${field}.rateMax`,
        `${min}..${max} in steps of ${step} is ${count} values; SurveyJS shows at most ${MAX_GENERATED_RATING_VALUES}`,
      );
      return null;
    }
    choices = Array.from({ length: count }, (_, i) => ({ value: min + i * step, text: null }));
  }
  if (element.rateType === 'smileys' && choices.length > MAX_SMILEYS) {
    walk.problems.add(
      `${field}.rateType`,
      `smileys show at most ${MAX_SMILEYS} values; this rating has ${choices.length}`,
    );
    return null;
  }
  const numbers = choices.map((choice) => choice.value).filter((value): value is number => typeof value === 'number');
  const scale = numbers.length > 0 ? { min: Math.min(...numbers), max: Math.max(...numbers) } : null;
  return {
    ...questionBase(element, field, conditional, walk),
    kind: 'single',
    type: 'rating',
    choices,
    scale,
    otherItem: false,
    choicesVisibleIf: null,
  };
}

function readSingleSelect(type: 'radiogroup' | 'dropdown') {
  return (raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null => {
    const parsed = read(shapes().SingleSelectSchema, raw, field, walk);
    if (!parsed.ok) return null;
    const element = parsed.value;
    const owner = `question "${element.name}"`;
    const { choices, seen } = listedChoices(element.choices ?? [], `${field}.choices`, walk, owner);
    const { choicesMin, choicesMax } = element;
    if (type === 'dropdown' && choicesMin !== undefined && choicesMax !== undefined && choicesMax > choicesMin) {
      const step = element.choicesStep ?? 1;
      if ((choicesMax - choicesMin) / step + 1 + choices.length > MAX_CHOICES) {
        walk.problems.add(`${field}.choicesMax`, `a question has at most ${MAX_CHOICES} choices`);
        return null;
      }
      for (let value = choicesMin; value <= choicesMax; value += step) {
        if (!addChoice(choices, seen, { value, text: null }))
          walk.problems.add(`${field}.choicesMin`, `choicesMin..choicesMax adds ${value}, which is already a choice`);
      }
    }
    const { other } = addSpecialItems(element, field, choices, seen, walk);
    if (choices.length === 0) {
      walk.problems.add(`${field}.choices`, `question "${element.name}" has no choices`);
      return null;
    }
    return {
      ...questionBase(element, field, conditional, walk),
      kind: 'single',
      type,
      choices,
      scale: null,
      otherItem: other,
      ...choiceConditions(element, field, owner, walk),
    };
  };
}

/** checkbox, and tagbox (a dropdown of several choices, stored as a checkbox's list). */
const readCheckbox =
  (type: 'checkbox' | 'tagbox') =>
  (raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null => {
    const parsed = read(shapes().CheckboxSchema, raw, field, walk);
    if (!parsed.ok) return null;
    const element = parsed.value;
    const owner = `question "${element.name}"`;
    const { choices, seen } = listedChoices(element.choices ?? [], `${field}.choices`, walk, owner);
    const { other, none } = addSpecialItems(element, field, choices, seen, walk);
    if (choices.length === 0) {
      walk.problems.add(`${field}.choices`, `question "${element.name}" has no choices`);
      return null;
    }
    // SurveyJS reads 0 as "no limit".
    const minSelected = element.minSelectedChoices ? element.minSelectedChoices : null;
    const maxSelected = element.maxSelectedChoices ? element.maxSelectedChoices : null;
    if (minSelected !== null && maxSelected !== null && minSelected > maxSelected) {
      walk.problems.add(
        `${field}.minSelectedChoices`,
        `minSelectedChoices (${minSelected}) is above maxSelectedChoices (${maxSelected})`,
      );
      return null;
    }
    return {
      ...questionBase(element, field, conditional, walk),
      kind: 'multiple',
      type,
      choices,
      otherItem: other,
      noneItem: none,
      ...choiceConditions(element, field, owner, walk),
      minSelected,
      maxSelected,
    };
  };

function readBoolean(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().BooleanSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const element = parsed.value;
  const valueTrue = element.valueTrue ?? true;
  const valueFalse = element.valueFalse ?? false;
  if (valueKey(valueTrue) === valueKey(valueFalse)) {
    walk.problems.add(`${field}.valueFalse`, 'valueTrue and valueFalse are the same value');
    return null;
  }
  return {
    ...questionBase(element, field, conditional, walk),
    kind: 'boolean',
    type: 'boolean',
    valueTrue,
    valueFalse,
  };
}

/** maxLength as SurveyJS reads it: a positive value, else the survey's maxTextLength, else ours. */
function textLength(maxLength: number | undefined, fallback: number, field: string, walk: Walk): number | null {
  if (maxLength !== undefined && maxLength > LONGEST_TEXT) {
    walk.problems.add(`${field}.maxLength`, `maxLength is at most ${LONGEST_TEXT}`);
    return null;
  }
  if (maxLength !== undefined && maxLength > 0) return maxLength;
  return walk.maxTextLength ? walk.maxTextLength : fallback;
}

function numericBound(value: number | string | undefined, field: string, walk: Walk): Read<number | null> {
  if (value === undefined || value === '') return { ok: true, value: null };
  const number = typeof value === 'number' ? value : NUMERIC_TEXT.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) {
    walk.problems.add(field, 'the bound of a number question is a number');
    return { ok: false };
  }
  return { ok: true, value: number };
}

function readText(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().TextSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const element = parsed.value;
  const base = questionBase(element, field, conditional, walk);
  const inputType = element.inputType?.toLowerCase();
  if (inputType === 'number' || inputType === 'range') {
    const min = numericBound(element.min, `${field}.min`, walk);
    const max = numericBound(element.max, `${field}.max`, walk);
    if (!min.ok || !max.ok) return null;
    if (min.value !== null && max.value !== null && min.value > max.value) {
      walk.problems.add(`${field}.max`, `max (${max.value}) is below min (${min.value})`);
      return null;
    }
    const step = numericBound(element.step, `${field}.step`, walk);
    if (!step.ok) return null;
    // survey-core checks the step of a "number" input only, and only a positive one.
    const checkedStep = inputType === 'number' && step.value !== null && step.value > 0 ? step.value : null;
    return { ...base, kind: 'number', type: 'text', min: min.value, max: max.value, step: checkedStep };
  }
  const maxLength = textLength(element.maxLength, DEFAULT_TEXT_LENGTH, field, walk);
  if (maxLength === null) return null;
  const text = { ...base, kind: 'text', type: 'text', maxLength, format: null, minDate: null, maxDate: null } as const;
  if (inputType === 'email') return { ...text, format: 'email' };
  if (inputType !== 'date') return text;
  const minDate = dateBound(element.min, `${field}.min`, walk);
  const maxDate = dateBound(element.max, `${field}.max`, walk);
  if (minDate === undefined || maxDate === undefined) return null;
  return { ...text, format: 'date', minDate, maxDate };
}

/** A date's bound: yyyy-mm-dd, or none. */
function dateBound(value: number | string | undefined, field: string, walk: Walk): string | null | undefined {
  if (value === undefined || value === '') return null;
  if (typeof value === 'string' && ISO_DATE.test(value) && isCalendarDate(value)) return value;
  walk.problems.add(field, 'the bound of a date question is a date written yyyy-mm-dd');
  return undefined;
}

function readComment(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().CommentSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const maxLength = textLength(parsed.value.maxLength, DEFAULT_COMMENT_LENGTH, field, walk);
  return maxLength === null
    ? null
    : {
        ...questionBase(parsed.value, field, conditional, walk),
        kind: 'text',
        type: 'comment',
        maxLength,
        format: null,
        minDate: null,
        maxDate: null,
      };
}

function readDisplay(type: 'html' | 'image' | 'expression') {
  return (raw: unknown, field: string, _conditional: boolean, walk: Walk): Question | null => {
    const parsed = read(shapes().DisplaySchema, raw, field, walk);
    if (!parsed.ok) return null;
    return {
      name: parsed.value.name,
      title: parsed.value.title ?? null,
      isRequired: false,
      requiredIf: null,
      rules: { visibleIf: null, visible: true, enableIf: null, readOnly: false },
      containers: [],
      mustAnswer: false,
      alwaysShown: false,
      path: field,
      validators: [],
      kind: 'display',
      type,
    };
  };
}

export type QuestionReader = (raw: unknown, field: string, conditional: boolean, walk: Walk) => Question | null;

export const QUESTION_READERS: ReadonlyMap<string, QuestionReader> = new Map<string, QuestionReader>([
  ['rating', readRating],
  ['radiogroup', readSingleSelect('radiogroup')],
  ['dropdown', readSingleSelect('dropdown')],
  ['checkbox', readCheckbox('checkbox')],
  ['tagbox', readCheckbox('tagbox')],
  ['boolean', readBoolean],
  ['text', readText],
  ['comment', readComment],
  ['html', readDisplay('html')],
  ['image', readDisplay('image')],
  ['expression', readDisplay('expression')],
]);
