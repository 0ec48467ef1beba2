// The questions bygdpuls reads out of a SurveyJS document, and the values SurveyJS gives the
// "none" and "other" items.
import type { Node } from '../expressions/index.ts';
import type { BackgroundVariable } from '../schemas.ts';

/** A title as SurveyJS writes it: one string, or one per locale (`{default, sv, en}`). */
export type Title = string | Readonly<Record<string, string>>;
export type ChoiceValue = string | number;
export interface Choice {
  readonly value: ChoiceValue;
  readonly text: Title | null;
  /** The choice's own visibleIf (`{item}` is its value); absent when it has none. */
  readonly visibleIf?: Condition;
}

/** A SurveyJS expression of the document, parsed when the questionnaire is read. */
export interface Condition {
  readonly text: string;
  readonly node: Node;
  /** The `{names}` it reads. */
  readonly names: readonly string[];
}

/** What decides whether the page shows an element (question, panel, page) and lets it be changed. */
export interface ElementRules {
  /** visibleIf; when absent, `visible` decides. */
  readonly visibleIf: Condition | null;
  readonly visible: boolean;
  /** enableIf; when absent, `readOnly` decides. */
  readonly enableIf: Condition | null;
  readonly readOnly: boolean;
}

/** Which question answers which background variable (`{area: 'bygd', age_band: 'alder'}`). */
export type BackgroundMapping = Partial<Record<BackgroundVariable, string>>;

export interface QuestionBase {
  readonly name: string;
  readonly title: Title | null;
  /** `isRequired` as the document says. */
  readonly isRequired: boolean;
  /** requiredIf: when given, it decides whether the question is required (isRequired is ignored). */
  readonly requiredIf: Condition | null;
  /** The question's own visibleIf, visible, enableIf and readOnly. */
  readonly rules: ElementRules;
  /** The same of the page and the panels around the question, outermost first. */
  readonly containers: readonly ElementRules[];
  /**
   * Required whatever the answers: isRequired, and no condition on it or around it (validation
   * evaluates the conditions; this is for those who need to know without answers).
   */
  readonly mustAnswer: boolean;
  /** Shown and editable whatever the answers: no visibleIf, enableIf, readOnly or visible: false on it or around it. */
  readonly alwaysShown: boolean;
  /** Where the question sits in the document, e.g. `pages[0].elements[3]`. */
  readonly path: string;
  /** SurveyJS's validators that need no expression, in document order (those that block only). */
  readonly validators: readonly Validator[];
}

/**
 * A SurveyJS validator the server applies as survey-core does (its validators' validate()):
 * numeric (min/max), text (length, digits), regex, email, answercount. `text` is the
 * questionnaire's own message for it, if any.
 */
export type Validator = { readonly text: Title | null } & (
  | { readonly kind: 'numeric'; readonly min: number | null; readonly max: number | null }
  | { readonly kind: 'text'; readonly minLength: number; readonly maxLength: number; readonly allowDigits: boolean }
  | { readonly kind: 'regex'; readonly pattern: RegExp }
  | { readonly kind: 'email' }
  | { readonly kind: 'answercount'; readonly min: number | null; readonly max: number | null }
  | { readonly kind: 'expression'; readonly condition: Condition }
);

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
  /** choicesVisibleIf (`{item}` is the choice's value): a choice it hides cannot be the answer. */
  readonly choicesVisibleIf: Condition | null;
}

/** checkbox, tagbox: a list of distinct values out of a list. */
export interface MultipleChoiceQuestion extends QuestionBase {
  readonly kind: 'multiple';
  readonly type: 'checkbox' | 'tagbox';
  readonly choices: readonly Choice[];
  readonly otherItem: boolean;
  /** "none" is a choice and excludes every other. */
  readonly noneItem: boolean;
  readonly choicesVisibleIf: Condition | null;
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
  /** What the page's input holds: a date (yyyy-mm-dd, within min..max), an e-mail address, or any text. */
  readonly format: 'date' | 'email' | null;
  /** For a date: the earliest and latest day (yyyy-mm-dd); null when open. */
  readonly minDate: string | null;
  readonly maxDate: string | null;
}

/** A text question with `inputType: "number"` (or "range"). */
export interface NumberQuestion extends QuestionBase {
  readonly kind: 'number';
  readonly type: 'text';
  readonly min: number | null;
  readonly max: number | null;
  /** inputType "number" with a step: the answer is a multiple of it (survey-core's isStepNumberIncorrect). */
  readonly step: number | null;
}

/** html, image, expression: shown, never answered. */
export interface DisplayElement extends QuestionBase {
  readonly kind: 'display';
  readonly type: 'html' | 'image' | 'expression';
}

/** matrix (a Likert grid): an object of row value -> column value (a list of them with cellType checkbox). */
export interface MatrixQuestion extends QuestionBase {
  readonly kind: 'matrix';
  readonly type: 'matrix';
  readonly rows: readonly Choice[];
  readonly columns: readonly Choice[];
  /** eachRowRequired (isAllRowRequired): every row answered. */
  readonly eachRowRequired: boolean;
  readonly eachRowUnique: boolean;
  /** cellType "checkbox": several columns per row. */
  readonly multiple: boolean;
}

/** A question that can sit in a matrix cell, a multiple text item or a dynamic panel. */
export type CellQuestion =
  | SingleChoiceQuestion
  | MultipleChoiceQuestion
  | BooleanQuestion
  | TextQuestion
  | NumberQuestion;

/** matrixdropdown: an object of row value -> {column name -> cell answer}. */
export interface MatrixDropdownQuestion extends QuestionBase {
  readonly kind: 'matrixdropdown';
  readonly type: 'matrixdropdown';
  readonly rows: readonly Choice[];
  /** One question per column, named by the column, read with its cell type. */
  readonly columns: readonly CellQuestion[];
}

/** matrixdynamic: a list of rows the resident adds, each an object of column name -> cell answer. */
export interface MatrixDynamicQuestion extends QuestionBase {
  readonly kind: 'matrixdynamic';
  readonly type: 'matrixdynamic';
  readonly columns: readonly CellQuestion[];
  readonly maxRows: number;
  /** keyName: the column whose answer no two rows may share. */
  readonly keyName: string | null;
}

/** multipletext: an object of item name -> text (or number, with inputType "number"). */
export interface MultipleTextQuestion extends QuestionBase {
  readonly kind: 'multipletext';
  readonly type: 'multipletext';
  readonly items: readonly (TextQuestion | NumberQuestion)[];
}

/** paneldynamic: a list of panels, each an object of the template's question names -> answers. */
export interface PanelDynamicQuestion extends QuestionBase {
  readonly kind: 'paneldynamic';
  readonly type: 'paneldynamic';
  /** The template's questions, in document order. */
  readonly template: readonly Question[];
  readonly maxPanels: number;
  /** keyName: the template question whose answer no two panels may share. */
  readonly keyName: string | null;
}

export type Question =
  | SingleChoiceQuestion
  | MultipleChoiceQuestion
  | BooleanQuestion
  | TextQuestion
  | NumberQuestion
  | MatrixQuestion
  | MatrixDropdownQuestion
  | MatrixDynamicQuestion
  | MultipleTextQuestion
  | PanelDynamicQuestion
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
