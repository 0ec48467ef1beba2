// The questions bygdpuls reads out of a SurveyJS document, and the values SurveyJS gives the
// "none" and "other" items.
import type { BackgroundVariable } from '../schemas.ts';

/** A title as SurveyJS writes it: one string, or one per locale (`{default, sv, en}`). */
export type Title = string | Readonly<Record<string, string>>;
export type ChoiceValue = string | number;
export interface Choice {
  readonly value: ChoiceValue;
  readonly text: Title | null;
}

/** Which question answers which background variable (`{area: 'bygd', age_band: 'alder'}`). */
export type BackgroundMapping = Partial<Record<BackgroundVariable, string>>;

export interface QuestionBase {
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

export const NONE_VALUE = 'none';
export const OTHER_VALUE = 'other';
export const COMMENT_SUFFIX = '-Comment';

/** The identity of a value among a question's choices: "7" and 7 are one, true and "true" are not. */
export function valueKey(value: ChoiceValue | boolean): string {
  return typeof value === 'boolean' ? `b:${value}` : `v:${String(value)}`;
}
