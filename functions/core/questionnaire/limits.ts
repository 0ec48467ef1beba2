// The bounds a questionnaire and its answers stay within, and the patterns its names and numbers follow.

export const MAX_QUESTIONS = 500;
/** Pages and panels together: bounds the work a document can ask for. */
export const MAX_CONTAINERS = 500;
/** A page's own elements are level 1; each panel adds one. */
export const MAX_DEPTH = 10;
export const MAX_ERRORS = 50;
export const MAX_CHOICES = 1000;
/** SurveyJS's settings.ratingMaximumRateValueCount: a generated scale never shows more. */
export const MAX_GENERATED_RATING_VALUES = 20;
export const MAX_SMILEYS = 10;
export const DEFAULT_TEXT_LENGTH = 1000;
export const DEFAULT_COMMENT_LENGTH = 5000;
/** The longest string an Answer holds (schemas.ts). */
export const LONGEST_TEXT = 5000;
export const OTHER_TEXT_LENGTH = 1000;
/** SurveyJS takes any string as a name; a longer one is surely a mistake (a whole question pasted). */
export const MAX_NAME_LENGTH = 200;
/** Names that would reach Object.prototype if they were ever used as plain keys. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
export const NUMERIC_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Rows and columns of a matrix, items of a multiple text. */
export const MAX_ROWS = 200;
export const MAX_COLUMNS = 100;
/** SurveyJS's settings.panel.maxPanelCount: a dynamic panel never holds more. */
export const DEFAULT_MAX_PANELS = 100;
/** Questions in a dynamic panel's template. */
export const MAX_TEMPLATE_QUESTIONS = 50;
/** A regex validator's pattern: short enough to read, and checked for nested quantifiers. */
export const MAX_PATTERN_LENGTH = 500;
/** SurveyJS's settings.matrix.maxRowCount: a dynamic matrix never holds more rows. */
export const DEFAULT_MAX_ROWS = 1000;
