// The document's shape. Objects strip what they do not name: SurveyJS has hundreds of display
// properties, and only these decide what an answer may be.
import * as z from 'zod';
import { once } from '../once.ts';
import {
  LONGEST_TEXT,
  MAX_CHOICES,
  MAX_COLUMNS,
  MAX_GENERATED_RATING_VALUES,
  MAX_NAME_LENGTH,
  MAX_PATTERN_LENGTH,
  MAX_ROWS,
  RESERVED_NAMES,
} from './limits.ts';
import { surveyName } from './names.ts';
import type { Choice } from './types.ts';

/** A choice as read, its conditions still as written. */
export type RawChoice = Choice & { readonly visibleIfText?: string; readonly enableIfText?: string };

// Built on first use, not at import (see core/schemas.ts): a cold start that reads no document
// does not pay for them.
export const shapes = once(() => {
  // Any string, as SurveyJS takes it; the answer arrives under the name SurveyJS makes of it.
  const Name = z
    .string({ error: 'every question needs a name' })
    .max(MAX_NAME_LENGTH, `a name is at most ${MAX_NAME_LENGTH} characters`)
    .transform(surveyName)
    .refine((name) => name !== '', 'a name is not empty')
    .refine((name) => !RESERVED_NAMES.has(name), 'this name is reserved');
  /** The name of a matrix column or a multiple text item: kept as written. */
  const PartName = z
    .string({ error: 'every column and item needs a name' })
    .min(1, 'a name is not empty')
    .max(MAX_NAME_LENGTH, `a name is at most ${MAX_NAME_LENGTH} characters`)
    .refine((name) => !RESERVED_NAMES.has(name), 'this name is reserved');

  const TitleSchema = z.union([z.string().max(10_000), z.record(z.string().max(20), z.string().max(10_000))], {
    error: 'a title is a string or an object of strings per locale ({"default": "...", "sv": "..."})',
  });

  const Condition = z.string().max(10_000).optional();
  const refused = (why: string) => z.never({ error: why }).optional();
  const offOnly = (why: string) => z.literal(false, { error: why }).optional();

  // A choice as SurveyJS's ItemValue reads it: "value|text" splits at the first "|" (the text may
  // hold more), an object without a value takes its text as the value.
  const ChoiceText = z.string().max(10_000, 'a choice is at most 10000 characters');
  const ChoiceItem = z
    .union(
      [
        ChoiceText,
        z.number().finite(),
        z.object({
          value: z.union([ChoiceText, z.number().finite()]).optional(),
          text: TitleSchema.optional(),
          visibleIf: z.string().max(10_000).optional(),
          enableIf: z.string().max(10_000).optional(),
        }),
      ],
      { error: 'a choice is a string ("value" or "value|text"), a number, or {"value": ..., "text": ...}' },
    )
    .transform((item): RawChoice => {
      if (typeof item === 'number') return { value: item, text: null };
      if (typeof item === 'string') return splitChoice(item, null);
      const value = item.value ?? (typeof item.text === 'string' ? item.text : undefined);
      // The choice's conditions, parsed by the reader of its question (readers.ts listedChoices).
      const conditions = {
        ...(item.visibleIf?.trim() ? { visibleIfText: item.visibleIf } : {}),
        ...(item.enableIf?.trim() ? { enableIfText: item.enableIf } : {}),
      };
      if (value === undefined) return { value: '', text: item.text ?? null, ...conditions };
      return typeof value === 'number'
        ? { value, text: item.text ?? null, ...conditions }
        : { ...splitChoice(value, item.text ?? null), ...conditions };
    })
    .refine((choice) => choice.value !== '', 'a choice value is not empty')
    .refine(
      (choice) => typeof choice.value === 'number' || choice.value.length <= 100,
      'a choice value is at most 100 characters',
    );

  const Conditions = {
    visibleIf: Condition,
    enableIf: Condition,
    readOnly: z.boolean().optional(),
    visible: z.boolean().optional(),
  };

  const NumberLike = z.union([z.number().finite(), z.string().max(100)]).optional();
  const Validator = z.object({
    type: z.string().max(100),
    notificationType: z.string().max(20).optional(),
    text: TitleSchema.optional(),
    minValue: NumberLike,
    maxValue: NumberLike,
    minLength: NumberLike,
    maxLength: NumberLike,
    allowDigits: z.boolean().optional(),
    minCount: NumberLike,
    maxCount: NumberLike,
    regex: z.string().max(MAX_PATTERN_LENGTH, `a pattern is at most ${MAX_PATTERN_LENGTH} characters`).optional(),
    caseInsensitive: z.boolean().optional(),
    insensitive: z.boolean().optional(),
    expression: z.string().max(10_000).optional(),
  });

  const QuestionCommon = {
    name: Name,
    title: TitleSchema.optional(),
    isRequired: z.boolean().optional(),
    requiredIf: Condition,
    validators: z.array(z.unknown()).max(20, 'a question has at most 20 validators').optional(),
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
    choicesVisibleIf: Condition,
    choicesEnableIf: Condition,
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
    step: Bound,
  });
  const CommentSchema = z.object({ ...QuestionCommon, maxLength: z.number().int().optional() });
  const DisplaySchema = z.object({ name: Name, title: TitleSchema.optional() });

  const Rows = z.array(ChoiceItem).max(MAX_ROWS, `a matrix has at most ${MAX_ROWS} rows`);
  const MatrixSchema = z.object({
    ...QuestionCommon,
    rows: Rows.optional(),
    columns: z.array(ChoiceItem).max(MAX_COLUMNS, `a matrix has at most ${MAX_COLUMNS} columns`).optional(),
    eachRowRequired: z.boolean().optional(),
    isAllRowRequired: z.boolean().optional(),
    eachRowUnique: z.boolean().optional(),
    cellType: z.string().max(30).optional(),
    rowsVisibleIf: Condition,
    columnsVisibleIf: Condition,
  });
  const MatrixDropdownSchema = z.object({
    ...QuestionCommon,
    rows: Rows.optional(),
    columns: z
      .array(z.record(z.string(), z.unknown()), { error: 'a column is an object with a name' })
      .max(MAX_COLUMNS, `a matrix has at most ${MAX_COLUMNS} columns`)
      .optional(),
    choices: z.array(z.unknown()).max(MAX_CHOICES).optional(),
    cellType: z.string().max(30).optional(),
    transposeData: offOnly('transposeData is not supported: answers are read row by row'),
    detailPanelMode: z
      .literal('none', { error: 'detail panels are not supported: add the questions as columns' })
      .optional(),
  });
  const MatrixDynamicSchema = MatrixDropdownSchema.extend({
    rowCount: z.number().int().min(0).optional(),
    minRowCount: z.number().int().min(0).optional(),
    maxRowCount: z.number().int().min(0).optional(),
    keyName: z.string().max(MAX_NAME_LENGTH).optional(),
  });
  const MultipleTextSchema = z.object({
    ...QuestionCommon,
    items: z
      .array(z.record(z.string(), z.unknown()), { error: 'an item is an object with a name' })
      .max(MAX_COLUMNS, `a multiple text has at most ${MAX_COLUMNS} items`)
      .optional(),
  });
  const PanelDynamicSchema = z.object({
    ...QuestionCommon,
    templateElements: z.array(z.unknown()).optional(),
    questions: z.array(z.unknown()).optional(),
    panelCount: z.number().int().min(0).optional(),
    minPanelCount: z.number().int().min(0).optional(),
    maxPanelCount: z.number().int().min(0).optional(),
    keyName: z.string().max(MAX_NAME_LENGTH).optional(),
  });

  // SurveyJS reads "questions" as another name of "elements" (its serializer's alternativeName).
  const PageSchema = z.object({
    name: z.string().max(200).optional(),
    elements: z.array(z.unknown()).optional(),
    questions: z.array(z.unknown()).optional(),
    ...Conditions,
  });
  const PanelSchema = z.object({
    name: z.string().max(200).optional(),
    title: TitleSchema.optional(),
    elements: z.array(z.unknown()).optional(),
    questions: z.array(z.unknown()).optional(),
    ...Conditions,
  });

  /** The top of a SurveyJS document; pages, panels and questions are read one by one below. */
  const SurveyJson = z.object({
    pages: z.array(z.unknown()).optional(),
    elements: z.array(z.unknown()).optional(),
    questions: z.array(z.unknown()).optional(),
    storeOthersAsComment: z.boolean().optional(),
    maxTextLength: z.number().int().min(0).max(LONGEST_TEXT).optional(),
    // Their values are computed by the page only: a condition reading one could not be evaluated.
    calculatedValues: z
      .array(z.unknown())
      .max(0, 'calculatedValues are not supported: conditions can read the questions they are computed from')
      .optional(),
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
    MatrixSchema,
    MatrixDropdownSchema,
    MatrixDynamicSchema,
    MultipleTextSchema,
    PanelDynamicSchema,
    PageSchema,
    PanelSchema,
    SurveyJson,
    ChoiceItem,
    Validator,
    PartName,
  };
});

/** "value|text" as SurveyJS's ItemValue.setValue splits it: at the first "|"; an empty text is none. */
function splitChoice(raw: string, text: Choice['text']): Choice {
  const index = raw.indexOf('|');
  if (index < 0) return { value: raw, text };
  const after = raw.slice(index + 1);
  return { value: raw.slice(0, index), text: text ?? (after === '' ? null : after) };
}
export type Shapes = ReturnType<typeof shapes>;
export type CommonFields = z.infer<z.ZodObject<Shapes['QuestionCommon']>>;
export type ChoiceItem = z.infer<Shapes['ChoiceItem']>;
export type ValidatorFields = z.infer<Shapes['Validator']>;
export const SurveyJson = z.lazy(() => shapes().SurveyJson);
export type SurveyJson = z.infer<typeof SurveyJson>;
