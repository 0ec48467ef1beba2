// Questionnaires: reads a SurveyJS document into the questions bygdpuls can store, checks it
// against a round's indicators and background mapping, and validates a resident's answers to it.
import * as z from 'zod';
import {
  BACKGROUND_VARIABLES,
  DONT_KNOW,
  type Answer,
  type Background,
  type BackgroundVariable,
  type Indicator,
} from './schemas.ts';
import { once } from './once.ts';

import type { FieldError, Language } from './language.ts';

export type { FieldError, Language } from './language.ts';

/** A title as SurveyJS writes it: one string, or one per locale (`{default, sv, en}`). */
export type Title = string | Readonly<Record<string, string>>;
export type ChoiceValue = string | number;
export interface Choice {
  readonly value: ChoiceValue;
  readonly text: Title | null;
}

/** Which question answers which background variable (`{area: 'bygd', age_band: 'alder'}`). */
export type BackgroundMapping = Partial<Record<BackgroundVariable, string>>;

interface QuestionBase {
  readonly name: string;
  readonly title: Title | null;
  /** `isRequired` as the document says. */
  readonly isRequired: boolean;
  /**
   * Whether a submission without this answer is refused: isRequired, and the question is always
   * shown and editable. The server cannot evaluate visibleIf/enableIf, so a required question
   * that may be hidden (itself or a panel or page around it) is enforced by the form only.
   */
  readonly mustAnswer: boolean;
  /** Where the question sits in the document, e.g. `pages[0].elements[3]`. */
  readonly path: string;
}

/** rating, radiogroup, dropdown: one value out of a list. */
export interface SingleChoiceQuestion extends QuestionBase {
  readonly kind: 'single';
  readonly type: 'rating' | 'radiogroup' | 'dropdown';
  /** Every allowed value, the "none" and "other" items included. */
  readonly choices: readonly Choice[];
  /** For a rating: the range of its numeric values (for messages); null otherwise. */
  readonly scale: { readonly min: number; readonly max: number } | null;
  /** "other" is a choice, and its text comes under `<name>-Comment`. */
  readonly otherItem: boolean;
}

/** checkbox: a list of distinct values out of a list. */
export interface MultipleChoiceQuestion extends QuestionBase {
  readonly kind: 'multiple';
  readonly type: 'checkbox';
  readonly choices: readonly Choice[];
  readonly otherItem: boolean;
  /** "none" is a choice and excludes every other. */
  readonly noneItem: boolean;
  readonly minSelected: number | null;
  readonly maxSelected: number | null;
}

export interface BooleanQuestion extends QuestionBase {
  readonly kind: 'boolean';
  readonly type: 'boolean';
  readonly valueTrue: ChoiceValue | boolean;
  readonly valueFalse: ChoiceValue | boolean;
}

export interface TextQuestion extends QuestionBase {
  readonly kind: 'text';
  readonly type: 'text' | 'comment';
  readonly maxLength: number;
}

/** A text question with `inputType: "number"` (or "range"). */
export interface NumberQuestion extends QuestionBase {
  readonly kind: 'number';
  readonly type: 'text';
  readonly min: number | null;
  readonly max: number | null;
}

/** html, image, expression: shown, never answered. */
export interface DisplayElement extends QuestionBase {
  readonly kind: 'display';
  readonly type: 'html' | 'image' | 'expression';
}

export type Question =
  | SingleChoiceQuestion
  | MultipleChoiceQuestion
  | BooleanQuestion
  | TextQuestion
  | NumberQuestion
  | DisplayElement;

export interface ParsedSurvey {
  /** In document order. */
  readonly questions: readonly Question[];
  readonly byName: ReadonlyMap<string, Question>;
  /** The "<name>-Comment" keys of the choice questions that have an "other" item. */
  readonly commentKeys: ReadonlySet<string>;
}

export const MAX_QUESTIONS = 500;
/** Pages and panels together: bounds the work a document can ask for. */
export const MAX_CONTAINERS = 500;
/** A page's own elements are level 1; each panel adds one. */
export const MAX_DEPTH = 10;
export const MAX_ERRORS = 50;
export const MAX_CHOICES = 1000;
/** SurveyJS's settings.ratingMaximumRateValueCount: a generated scale never shows more. */
const MAX_GENERATED_RATING_VALUES = 20;
const MAX_SMILEYS = 10;
const DEFAULT_TEXT_LENGTH = 1000;
const DEFAULT_COMMENT_LENGTH = 5000;
/** The longest string an Answer holds (schemas.ts). */
const LONGEST_TEXT = 5000;
const OTHER_TEXT_LENGTH = 1000;
export const NONE_VALUE = 'none';
export const OTHER_VALUE = 'other';
export const COMMENT_SUFFIX = '-Comment';
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Names that would reach Object.prototype if they were ever used as plain keys. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const NUMERIC_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

// ---------------------------------------------------------------------------------------------
// The document's shape. Objects strip what they do not name: SurveyJS has hundreds of display
// properties, and only these decide what an answer may be.

// Built on first use, not at import (see core/schemas.ts): a cold start that reads no document
// does not pay for them.
const shapes = once(() => {
  const Name = z
    .string({ error: 'every question needs a name' })
    .min(1, 'a name is not empty')
    .max(100, 'a name is at most 100 characters')
    .regex(NAME_PATTERN, 'a name is letters, digits, _ . - and starts with a letter or _')
    .refine((name) => !RESERVED_NAMES.has(name), 'this name is reserved');

  const TitleSchema = z.union([z.string().max(10_000), z.record(z.string().max(20), z.string().max(10_000))], {
    error: 'a title is a string or an object of strings per locale ({"default": "...", "sv": "..."})',
  });

  const Condition = z.string().max(10_000).optional();
  const refused = (why: string) => z.never({ error: why }).optional();
  const offOnly = (why: string) => z.literal(false, { error: why }).optional();

  const ChoiceText = z
    .string()
    .min(1, 'a choice value is not empty')
    .max(100, 'a choice value is at most 100 characters');
  const ChoiceValueSchema = z.union([ChoiceText, z.number().finite()], {
    error: 'a choice value is a non-empty string of at most 100 characters, or a number',
  });
  const ChoiceItem = z.union(
    [ChoiceText, z.number().finite(), z.object({ value: ChoiceValueSchema, text: TitleSchema.optional() })],
    {
      error: 'a choice is a string (at most 100 characters), a number, or {"value": ..., "text": ...}',
    },
  );

  const Conditions = {
    visibleIf: Condition,
    enableIf: Condition,
    readOnly: z.boolean().optional(),
    visible: z.boolean().optional(),
  };

  const QuestionCommon = {
    name: Name,
    title: TitleSchema.optional(),
    isRequired: z.boolean().optional(),
    requiredIf: Condition,
    ...Conditions,
    valueName: refused('valueName is not supported: answers are stored under the question name'),
    hasComment: offOnly('a comment area is not supported: add a comment question instead'),
    showCommentArea: offOnly('a comment area is not supported: add a comment question instead'),
  };

  const SelectBase = {
    ...QuestionCommon,
    choices: z.array(ChoiceItem).max(MAX_CHOICES).optional(),
    showNoneItem: z.boolean().optional(),
    hasNone: z.boolean().optional(),
    noneText: TitleSchema.optional(),
    showOtherItem: z.boolean().optional(),
    hasOther: z.boolean().optional(),
    otherText: TitleSchema.optional(),
    storeOthersAsComment: z.union([z.boolean(), z.literal('default')]).optional(),
    choicesByUrl: refused('choices loaded from a URL cannot be checked: list them in "choices"'),
    choicesFromQuestion: refused('choices copied from another question are not supported: list them in "choices"'),
    showDontKnowItem: offOnly(
      'the built-in "don\'t know" item saves "dontknow": add a choice {"value": "dk", "text": "Vet ej"} instead',
    ),
    showRefuseItem: offOnly('the "refuse to answer" item is not supported'),
  };

  const RatingSchema = z.object({
    ...QuestionCommon,
    rateValues: z.array(ChoiceItem).max(MAX_CHOICES).optional(),
    autoGenerate: z.boolean().optional(),
    rateMin: z.number().int('rateMin is a whole number').optional(),
    rateMax: z.number().int('rateMax is a whole number').optional(),
    rateStep: z.number().int('rateStep is a whole number').positive('rateStep is positive').optional(),
    rateCount: z.number().int().min(1).max(MAX_GENERATED_RATING_VALUES).optional(),
    rateType: z.string().optional(),
  });

  const SingleSelectSchema = z.object({
    ...SelectBase,
    // dropdown only: SurveyJS appends choicesMin..choicesMax to the choices.
    choicesMin: z.number().int().optional(),
    choicesMax: z.number().int().optional(),
    choicesStep: z.number().int().positive().optional(),
  });

  const CheckboxSchema = z.object({
    ...SelectBase,
    minSelectedChoices: z.number().int().min(0).optional(),
    maxSelectedChoices: z.number().int().min(0).optional(),
  });

  const BooleanValue = z.union([z.string().min(1).max(100), z.number().finite(), z.boolean()], {
    error: 'a boolean value is a string, a number, true or false',
  });
  const BooleanSchema = z.object({
    ...QuestionCommon,
    valueTrue: BooleanValue.optional(),
    valueFalse: BooleanValue.optional(),
  });

  const Bound = z.union([z.number().finite(), z.string().max(100)]).optional();
  const TextSchema = z.object({
    ...QuestionCommon,
    inputType: z.string().max(30).optional(),
    maxLength: z.number().int().optional(),
    min: Bound,
    max: Bound,
  });
  const CommentSchema = z.object({ ...QuestionCommon, maxLength: z.number().int().optional() });
  const DisplaySchema = z.object({ name: Name, title: TitleSchema.optional() });

  const PageSchema = z.object({
    name: z.string().max(200).optional(),
    elements: z.array(z.unknown()).optional(),
    ...Conditions,
  });
  const PanelSchema = z.object({
    name: z.string().max(200).optional(),
    title: TitleSchema.optional(),
    elements: z.array(z.unknown()).optional(),
    ...Conditions,
  });

  /** The top of a SurveyJS document; pages, panels and questions are read one by one below. */
  const SurveyJson = z.object({
    pages: z.array(z.unknown()).optional(),
    elements: z.array(z.unknown()).optional(),
    questions: refused('top-level "questions" is an old SurveyJS form: put them in "elements" or in pages'),
    storeOthersAsComment: z.boolean().optional(),
    maxTextLength: z.number().int().min(0).max(LONGEST_TEXT).optional(),
  });
  return {
    QuestionCommon,
    SelectBase,
    RatingSchema,
    SingleSelectSchema,
    CheckboxSchema,
    BooleanSchema,
    TextSchema,
    CommentSchema,
    DisplaySchema,
    PageSchema,
    PanelSchema,
    SurveyJson,
    ChoiceItem,
  };
});
type ChoiceItem = z.infer<Shapes['ChoiceItem']>;
export const SurveyJson = z.lazy(() => shapes().SurveyJson);
export type SurveyJson = z.infer<typeof SurveyJson>;

// ---------------------------------------------------------------------------------------------
// Reading a document.

class Problems {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push({ field, message });
  }
  get full(): boolean {
    return this.list.length >= MAX_ERRORS;
  }
  addIssues(base: string, issues: readonly z.core.$ZodIssue[]): void {
    for (const issue of issues) this.add(fieldOf(base, issue.path), issue.message);
  }
}

function fieldOf(base: string, path: readonly PropertyKey[]): string {
  let field = base;
  for (const key of path)
    field += typeof key === 'number' ? `[${key}]` : field === '' ? String(key) : `.${String(key)}`;
  return field;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The identity of a value among a question's choices: "7" and 7 are one, true and "true" are not. */
function valueKey(value: ChoiceValue | boolean): string {
  return typeof value === 'boolean' ? `b:${value}` : `v:${String(value)}`;
}

interface Walk {
  readonly problems: Problems;
  readonly questions: Question[];
  readonly paths: Map<string, string>;
  readonly storeOthersAsComment: boolean;
  readonly maxTextLength: number | null;
  containers: number;
  stopped: boolean;
}

type Read<T> = { ok: true; value: T } | { ok: false };

function read<S extends z.ZodType>(schema: S, raw: unknown, field: string, walk: Walk): Read<z.infer<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  walk.problems.addIssues(field, parsed.error.issues);
  return { ok: false };
}

function isConditional(element: {
  visibleIf?: string | undefined;
  enableIf?: string | undefined;
  readOnly?: boolean | undefined;
  visible?: boolean | undefined;
}): boolean {
  return (
    !!element.visibleIf?.trim() || !!element.enableIf?.trim() || element.readOnly === true || element.visible === false
  );
}

type Shapes = ReturnType<typeof shapes>;
type CommonFields = z.infer<z.ZodObject<Shapes['QuestionCommon']>>;

function questionBase(element: CommonFields, field: string, conditional: boolean): QuestionBase {
  const isRequired = element.isRequired === true;
  return {
    name: element.name,
    title: element.title ?? null,
    isRequired,
    mustAnswer: isRequired && !conditional && !isConditional(element),
    path: field,
  };
}

function toChoice(item: ChoiceItem): Choice {
  return typeof item === 'object' ? { value: item.value, text: item.text ?? null } : { value: item, text: null };
}

/** Adds a choice unless its value is already there; returns whether it was added. */
function addChoice(choices: Choice[], seen: Set<string>, choice: Choice): boolean {
  const key = valueKey(choice.value);
  if (seen.has(key)) return false;
  seen.add(key);
  choices.push(choice);
  return true;
}

function listedChoices(
  items: readonly ChoiceItem[],
  field: string,
  walk: Walk,
): { choices: Choice[]; seen: Set<string> } {
  const choices: Choice[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const choice = toChoice(item);
    if (!addChoice(choices, seen, choice))
      walk.problems.add(`${field}[${i}]`, `the value ${JSON.stringify(choice.value)} is listed twice`);
  });
  return { choices, seen };
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

function readRating(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
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
    ...questionBase(element, field, conditional),
    kind: 'single',
    type: 'rating',
    choices,
    scale,
    otherItem: false,
  };
}

function readSingleSelect(type: 'radiogroup' | 'dropdown') {
  return (raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null => {
    const parsed = read(shapes().SingleSelectSchema, raw, field, walk);
    if (!parsed.ok) return null;
    const element = parsed.value;
    const { choices, seen } = listedChoices(element.choices ?? [], `${field}.choices`, walk);
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
      ...questionBase(element, field, conditional),
      kind: 'single',
      type,
      choices,
      scale: null,
      otherItem: other,
    };
  };
}

function readCheckbox(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().CheckboxSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const element = parsed.value;
  const { choices, seen } = listedChoices(element.choices ?? [], `${field}.choices`, walk);
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
    ...questionBase(element, field, conditional),
    kind: 'multiple',
    type: 'checkbox',
    choices,
    otherItem: other,
    noneItem: none,
    minSelected,
    maxSelected,
  };
}

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
  return { ...questionBase(element, field, conditional), kind: 'boolean', type: 'boolean', valueTrue, valueFalse };
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
  const base = questionBase(element, field, conditional);
  if (element.inputType === 'number' || element.inputType === 'range') {
    const min = numericBound(element.min, `${field}.min`, walk);
    const max = numericBound(element.max, `${field}.max`, walk);
    if (!min.ok || !max.ok) return null;
    if (min.value !== null && max.value !== null && min.value > max.value) {
      walk.problems.add(`${field}.max`, `max (${max.value}) is below min (${min.value})`);
      return null;
    }
    return { ...base, kind: 'number', type: 'text', min: min.value, max: max.value };
  }
  const maxLength = textLength(element.maxLength, DEFAULT_TEXT_LENGTH, field, walk);
  return maxLength === null ? null : { ...base, kind: 'text', type: 'text', maxLength };
}

function readComment(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().CommentSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const maxLength = textLength(parsed.value.maxLength, DEFAULT_COMMENT_LENGTH, field, walk);
  return maxLength === null
    ? null
    : { ...questionBase(parsed.value, field, conditional), kind: 'text', type: 'comment', maxLength };
}

function readDisplay(type: 'html' | 'image' | 'expression') {
  return (raw: unknown, field: string, _conditional: boolean, walk: Walk): Question | null => {
    const parsed = read(shapes().DisplaySchema, raw, field, walk);
    if (!parsed.ok) return null;
    return {
      name: parsed.value.name,
      title: parsed.value.title ?? null,
      isRequired: false,
      mustAnswer: false,
      path: field,
      kind: 'display',
      type,
    };
  };
}

type QuestionReader = (raw: unknown, field: string, conditional: boolean, walk: Walk) => Question | null;

const QUESTION_READERS: ReadonlyMap<string, QuestionReader> = new Map<string, QuestionReader>([
  ['rating', readRating],
  ['radiogroup', readSingleSelect('radiogroup')],
  ['dropdown', readSingleSelect('dropdown')],
  ['checkbox', readCheckbox],
  ['boolean', readBoolean],
  ['text', readText],
  ['comment', readComment],
  ['html', readDisplay('html')],
  ['image', readDisplay('image')],
  ['expression', readDisplay('expression')],
]);

function countContainer(field: string, walk: Walk): boolean {
  walk.containers++;
  if (walk.containers <= MAX_CONTAINERS) return true;
  walk.problems.add(field, `a survey has at most ${MAX_CONTAINERS} pages and panels`);
  walk.stopped = true;
  return false;
}

function readElements(
  elements: readonly unknown[] | undefined,
  field: string,
  depth: number,
  conditional: boolean,
  walk: Walk,
): void {
  if (!elements) return;
  if (depth > MAX_DEPTH) {
    walk.problems.add(field, `panels nest at most ${MAX_DEPTH} levels deep`);
    return;
  }
  for (let i = 0; i < elements.length && !walk.stopped && !walk.problems.full; i++) {
    readElement(elements[i], `${field}[${i}]`, depth, conditional, walk);
  }
}

function readElement(raw: unknown, field: string, depth: number, conditional: boolean, walk: Walk): void {
  if (!isPlainObject(raw)) {
    walk.problems.add(field, 'an element is an object with a type and a name');
    return;
  }
  const type = raw['type'];
  if (typeof type !== 'string') {
    walk.problems.add(`${field}.type`, 'every element needs a type');
    return;
  }
  if (type === 'panel') {
    if (!countContainer(field, walk)) return;
    const panel = read(shapes().PanelSchema, raw, field, walk);
    if (panel.ok)
      readElements(
        panel.value.elements,
        `${field}.elements`,
        depth + 1,
        conditional || isConditional(panel.value),
        walk,
      );
    return;
  }
  const reader = QUESTION_READERS.get(type);
  const name = typeof raw['name'] === 'string' ? raw['name'] : '';
  if (!reader) {
    const supported = [...QUESTION_READERS.keys(), 'panel'].join(', ');
    walk.problems.add(
      `${field}.type`,
      `question "${name}" has the type "${type}", which bygdpuls does not support (supported: ${supported})`,
    );
    return;
  }
  if (walk.questions.length >= MAX_QUESTIONS) {
    walk.problems.add(field, `a survey has at most ${MAX_QUESTIONS} questions`);
    walk.stopped = true;
    return;
  }
  const question = reader(raw, field, conditional, walk);
  if (!question) return;
  const earlier = walk.paths.get(question.name);
  if (earlier !== undefined) {
    walk.problems.add(`${field}.name`, `the name "${question.name}" is already used by ${earlier}`);
    return;
  }
  walk.paths.set(question.name, field);
  walk.questions.push(question);
}

/** Reads a SurveyJS document into its questions, or says everything that is wrong (at most 50). */
export function parseSurvey(json: unknown): { ok: true; survey: ParsedSurvey } | { ok: false; errors: FieldError[] } {
  const problems = new Problems();
  if (!isPlainObject(json))
    return { ok: false, errors: [{ field: '', message: 'a survey is a JSON object with "pages" or "elements"' }] };
  const top = SurveyJson.safeParse(json);
  if (!top.success) {
    problems.addIssues('', top.error.issues);
    return { ok: false, errors: problems.list };
  }
  const document = top.data;
  const walk: Walk = {
    problems,
    questions: [],
    paths: new Map(),
    storeOthersAsComment: document.storeOthersAsComment ?? true,
    maxTextLength: document.maxTextLength || null,
    containers: 0,
    stopped: false,
  };
  if (document.pages && document.elements) {
    problems.add('elements', 'give "pages" or top-level "elements", not both');
  } else if (document.pages) {
    for (let i = 0; i < document.pages.length && !walk.stopped && !problems.full; i++) {
      const field = `pages[${i}]`;
      if (!countContainer(field, walk)) break;
      const page = read(shapes().PageSchema, document.pages[i], field, walk);
      if (page.ok) readElements(page.value.elements, `${field}.elements`, 1, isConditional(page.value), walk);
    }
  } else if (document.elements) {
    readElements(document.elements, 'elements', 1, false, walk);
  } else {
    problems.add('pages', 'a survey has "pages" or top-level "elements"');
  }
  // The text of "other" arrives under <name>-Comment: no question may be called that.
  for (const question of walk.questions) {
    if ((question.kind === 'single' || question.kind === 'multiple') && question.otherItem) {
      const clash = walk.paths.get(question.name + COMMENT_SUFFIX);
      if (clash !== undefined)
        problems.add(
          `${clash}.name`,
          `the name "${question.name}${COMMENT_SUFFIX}" holds the "other" text of ${question.path}`,
        );
    }
  }
  if (problems.list.length === 0 && !walk.questions.some((question) => question.kind !== 'display')) {
    problems.add('pages', 'the survey has no question that takes an answer');
  }
  if (problems.list.length > 0) return { ok: false, errors: problems.list };
  const commentKeys = new Set<string>();
  for (const question of walk.questions)
    if ((question.kind === 'single' || question.kind === 'multiple') && question.otherItem)
      commentKeys.add(question.name + COMMENT_SUFFIX);
  return {
    ok: true,
    survey: {
      questions: walk.questions,
      byName: new Map(walk.questions.map((question) => [question.name, question])),
      commentKeys,
    },
  };
}

/** Every answer a question allows, or null when it takes free text or a typed number. */
export function allowedAnswers(question: Question): readonly (ChoiceValue | boolean)[] | null {
  switch (question.kind) {
    case 'single':
    case 'multiple':
      return question.choices.map((choice) => choice.value);
    case 'boolean':
      return [question.valueTrue, question.valueFalse];
    case 'display':
      return [];
    case 'text':
    case 'number':
      return null;
  }
}

/** A question's title in a language: that locale, else the default, else the name. */
export function questionTitle(question: Question, lang: Language): string {
  const title = question.title;
  if (title === null) return question.name;
  if (typeof title === 'string') return title;
  const text =
    (Object.hasOwn(title, lang) ? title[lang] : undefined) ??
    (Object.hasOwn(title, 'default') ? title['default'] : undefined);
  return text ?? question.name;
}

// ---------------------------------------------------------------------------------------------
// A questionnaire against its indicators and background mapping.

/** Values for an administrator's message; a long list is cut after ten. */
function listValues(values: readonly unknown[]): string {
  const listed = values
    .slice(0, 10)
    .map((value) => JSON.stringify(value))
    .join(', ');
  return values.length > 10 ? `${listed} and ${values.length - 10} more` : listed;
}

/** The numeric-scale rule of index and mean items (and of shares with a scale). */
function checkScale(
  question: Question,
  allowed: readonly (ChoiceValue | boolean)[],
  scale: readonly [number, number],
  field: string,
  problems: Problems,
): void {
  const [lo, hi] = scale;
  const outside = allowed.filter(
    (value) => typeof value === 'number' && Number.isInteger(value) && (value < lo || value > hi),
  );
  const fractional = allowed.filter((value) => typeof value === 'number' && !Number.isInteger(value));
  const notNumbers = allowed.filter((value) => typeof value !== 'number' && value !== DONT_KNOW);
  if (outside.length > 0)
    problems.add(field, `"${question.name}" allows ${listValues(outside)}, outside the indicator's scale ${lo}..${hi}`);
  if (fractional.length > 0)
    problems.add(field, `"${question.name}" allows ${listValues(fractional)}, which are not whole numbers`);
  if (notNumbers.length > 0)
    problems.add(
      field,
      `"${question.name}" allows ${listValues(notNumbers)}, which are not numbers (of the other answers only "${DONT_KNOW}" may be)`,
    );
}

/** The item's allowed answers when an indicator can read it; otherwise says why not. */
function scorableAnswers(
  itemName: string,
  survey: ParsedSurvey,
  field: string,
  problems: Problems,
): { question: Question; allowed: readonly (ChoiceValue | boolean)[] } | null {
  const question = survey.byName.get(itemName);
  if (!question) {
    problems.add(field, `"${itemName}" is not a question of the survey`);
    return null;
  }
  switch (question.kind) {
    case 'display':
      problems.add(field, `"${itemName}" is a ${question.type} element and takes no answer`);
      return null;
    case 'multiple':
      problems.add(
        field,
        `"${itemName}" is a checkbox question with several answers per respondent; an indicator reads one answer`,
      );
      return null;
    case 'text':
    case 'number':
      problems.add(
        field,
        `"${itemName}" takes a typed answer; an indicator needs a rating, a choice or a yes/no question`,
      );
      return null;
    default:
      return { question, allowed: allowedAnswers(question) ?? [] };
  }
}

function checkIndicator(def: Indicator, i: number, survey: ParsedSurvey, problems: Problems): void {
  def.items.forEach((itemName, j) => {
    const field = `indicators[${i}].items[${j}]`;
    const item = scorableAnswers(itemName, survey, field, problems);
    if (!item) return;
    const { question, allowed } = item;
    if (def.kind !== 'share') {
      checkScale(question, allowed, def.scale, field, problems);
      return;
    }
    // Scoring compares String(answer) with String(positive): so does this check.
    const allowedText = new Set(allowed.map(String));
    def.positive.forEach((value, k) => {
      if (!allowedText.has(String(value))) {
        problems.add(
          `indicators[${i}].positive[${k}]`,
          `positive value ${JSON.stringify(value)} is not an answer "${itemName}" allows (${listValues(allowed)})`,
        );
      }
    });
    if (def.scale) checkScale(question, allowed, def.scale, field, problems);
    if (def.values) {
      const values = new Set(def.values.map(String));
      const missing = allowed.filter((value) => value !== DONT_KNOW && !values.has(String(value)));
      if (missing.length > 0)
        problems.add(
          `indicators[${i}].values`,
          `"${itemName}" allows ${listValues(missing)}, which are not among the indicator's values`,
        );
    }
    if (!def.scale && def.positive.every((value) => typeof value === 'number')) {
      // Numeric positive values make the item numeric for every reader (scoring.ts, docs/METHOD-NOTES.md).
      const odd = allowed.filter(
        (value) => value !== DONT_KNOW && !(typeof value === 'number' && Number.isInteger(value)),
      );
      if (odd.length > 0)
        problems.add(
          field,
          `"${itemName}" allows ${listValues(odd)}; with numeric positive values every answer is a whole number or "${DONT_KNOW}"`,
        );
    }
  });
}

function checkBackground(
  variable: BackgroundVariable,
  questionName: string,
  survey: ParsedSurvey,
  areaIds: readonly string[],
  problems: Problems,
): void {
  const field = `background.${variable}`;
  const question = survey.byName.get(questionName);
  if (!question) {
    problems.add(field, `"${questionName}" is not a question of the survey`);
    return;
  }
  if (question.kind !== 'single' || question.type === 'rating') {
    problems.add(
      field,
      `"${questionName}" is a ${question.type} question; a background question is a radiogroup or a dropdown`,
    );
    return;
  }
  if (variable !== 'area') return;
  const choices = question.choices.map((choice) => String(choice.value));
  const offered = new Set(choices);
  const areas = new Set(areaIds);
  const missing = areaIds.filter((id) => !offered.has(id));
  const extra = choices.filter((value) => !areas.has(value));
  if (missing.length > 0)
    problems.add(field, `the area question "${questionName}" lacks the project's areas ${listValues(missing)}`);
  if (extra.length > 0)
    problems.add(
      field,
      `the area question "${questionName}" offers ${listValues(extra)}, which are not areas of the project`,
    );
}

/** Whether a questionnaire fits its indicators, background mapping and areas; [] when it does. */
export function checkQuestionnaire(
  survey: ParsedSurvey,
  indicators: readonly Indicator[],
  background: BackgroundMapping,
  areaIds: readonly string[],
): FieldError[] {
  const problems = new Problems();
  indicators.forEach((def, i) => checkIndicator(def, i, survey, problems));
  const mappedBy = new Map<string, BackgroundVariable>();
  for (const variable of BACKGROUND_VARIABLES) {
    const questionName = background[variable];
    if (questionName === undefined) continue;
    const earlier = mappedBy.get(questionName);
    if (earlier !== undefined) {
      problems.add(`background.${variable}`, `"${questionName}" already answers ${earlier}`);
      continue;
    }
    mappedBy.set(questionName, variable);
    checkBackground(variable, questionName, survey, areaIds, problems);
  }
  return problems.list;
}

// ---------------------------------------------------------------------------------------------
// A resident's answers.

interface ResidentMessages {
  notAnObject: string;
  unknownQuestion: string;
  required: string;
  takesNoAnswer: string;
  expectedChoice: string;
  expectedScale(min: number, max: number): string;
  expectedNumber: string;
  expectedText: string;
  notValidText: string;
  expectedYesNo: string;
  expectedChoiceList: string;
  notAChoice(value: ChoiceValue): string;
  outsideScale(value: number, min: number, max: number): string;
  notOnScale(value: number, min: number, max: number): string;
  notWholeNumber(value: number): string;
  belowMinimum(value: number, min: number): string;
  aboveMaximum(value: number, max: number): string;
  outsideRange(value: number, min: number, max: number): string;
  tooLong(length: number, max: number): string;
  chosenTwice(value: ChoiceValue): string;
  noneWithOthers(value: ChoiceValue): string;
  tooFewChoices(min: number): string;
  tooManyChoices(max: number): string;
  otherNeedsText: string;
  textWithoutOther: string;
}

/** Shows a resident's value in a message without letting a long one swamp it. */
function shown(value: ChoiceValue, open: string, close: string, decimal: string): string {
  if (typeof value === 'number') return String(value).replace('.', decimal);
  return open + (value.length > 40 ? `${value.slice(0, 40)}…` : value) + close;
}

const sv = (value: ChoiceValue): string => shown(value, '”', '”', ',');
const en = (value: ChoiceValue): string => shown(value, '"', '"', '.');

const MESSAGES: Record<Language, ResidentMessages> = {
  sv: {
    notAnObject: 'Svaren ska vara ett objekt med ett svar per fråga.',
    unknownQuestion: 'Okänd fråga.',
    required: 'Frågan måste besvaras.',
    takesNoAnswer: 'Den här frågan tar inte emot något svar.',
    expectedChoice: 'Svaret ska vara ett av svarsalternativen.',
    expectedScale: (min, max) => `Svaret ska vara ett tal på skalan ${sv(min)}–${sv(max)}.`,
    expectedNumber: 'Svaret ska vara ett tal.',
    expectedText: 'Svaret ska vara en text.',
    notValidText: 'Svaret innehåller tecken som inte är giltig text.',
    expectedYesNo: 'Svaret ska vara ja eller nej.',
    expectedChoiceList: 'Svaret ska vara en lista med svarsalternativ.',
    notAChoice: (value) => `Svaret ${sv(value)} finns inte bland svarsalternativen.`,
    outsideScale: (value, min, max) => `Värdet ${sv(value)} ligger utanför skalan ${sv(min)}–${sv(max)}.`,
    notOnScale: (value, min, max) => `Värdet ${sv(value)} är inte ett av stegen på skalan ${sv(min)}–${sv(max)}.`,
    notWholeNumber: (value) => `Värdet ${sv(value)} är inte ett heltal.`,
    belowMinimum: (value, min) => `Värdet ${sv(value)} är mindre än ${sv(min)}.`,
    aboveMaximum: (value, max) => `Värdet ${sv(value)} är större än ${sv(max)}.`,
    outsideRange: (value, min, max) => `Värdet ${sv(value)} ligger utanför intervallet ${sv(min)}–${sv(max)}.`,
    tooLong: (length, max) => `Svaret är för långt: ${length} tecken, högst ${max} är tillåtna.`,
    chosenTwice: (value) => `Svaret ${sv(value)} är valt två gånger.`,
    noneWithOthers: (value) => `Svaret ${sv(value)} kan inte kombineras med andra svar.`,
    tooFewChoices: (min) => `Välj minst ${min} svar.`,
    tooManyChoices: (max) => `Välj högst ${max} svar.`,
    otherNeedsText: 'Skriv ditt eget svar i fältet för ”Annat”.',
    textWithoutOther: 'Texten hör till svaret ”Annat”, som inte är valt.',
  },
  en: {
    notAnObject: 'The answers must be an object with one answer per question.',
    unknownQuestion: 'Unknown question.',
    required: 'This question must be answered.',
    takesNoAnswer: 'This question takes no answer.',
    expectedChoice: 'The answer must be one of the choices.',
    expectedScale: (min, max) => `The answer must be a number on the scale ${en(min)}–${en(max)}.`,
    expectedNumber: 'The answer must be a number.',
    expectedText: 'The answer must be text.',
    notValidText: 'The answer contains characters that are not valid text.',
    expectedYesNo: 'The answer must be yes or no.',
    expectedChoiceList: 'The answer must be a list of choices.',
    notAChoice: (value) => `The answer ${en(value)} is not one of the choices.`,
    outsideScale: (value, min, max) => `The value ${en(value)} is outside the scale ${en(min)}–${en(max)}.`,
    notOnScale: (value, min, max) =>
      `The value ${en(value)} is not one of the steps of the scale ${en(min)}–${en(max)}.`,
    notWholeNumber: (value) => `The value ${en(value)} is not a whole number.`,
    belowMinimum: (value, min) => `The value ${en(value)} is less than ${en(min)}.`,
    aboveMaximum: (value, max) => `The value ${en(value)} is more than ${en(max)}.`,
    outsideRange: (value, min, max) => `The value ${en(value)} is outside the range ${en(min)}–${en(max)}.`,
    tooLong: (length, max) => `The answer is too long: ${length} characters, at most ${max} allowed.`,
    chosenTwice: (value) => `The answer ${en(value)} is chosen twice.`,
    noneWithOthers: (value) => `The answer ${en(value)} cannot be combined with other answers.`,
    tooFewChoices: (min) => `Choose at least ${min} ${min === 1 ? 'answer' : 'answers'}.`,
    tooManyChoices: (max) => `Choose at most ${max} ${max === 1 ? 'answer' : 'answers'}.`,
    otherNeedsText: 'Please write your own answer in the field for "Other".',
    textWithoutOther: 'This text belongs with the answer "Other", which is not chosen.',
  },
};

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
  return { error: say.notAChoice(value) };
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
    if (declared === undefined) return { error: say.notAChoice(item) };
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
