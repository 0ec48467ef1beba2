// The document's shape. Objects strip what they do not name: SurveyJS has hundreds of display
// properties, and only these decide what an answer may be.
import * as z from 'zod';
import { once } from '../once.ts';
import { LONGEST_TEXT, MAX_CHOICES, MAX_GENERATED_RATING_VALUES, NAME_PATTERN, RESERVED_NAMES } from './limits.ts';

// Built on first use, not at import (see core/schemas.ts): a cold start that reads no document
// does not pay for them.
export const shapes = once(() => {
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
export type Shapes = ReturnType<typeof shapes>;
export type CommonFields = z.infer<z.ZodObject<Shapes['QuestionCommon']>>;
export type ChoiceItem = z.infer<Shapes['ChoiceItem']>;
export const SurveyJson = z.lazy(() => shapes().SurveyJson);
export type SurveyJson = z.infer<typeof SurveyJson>;
