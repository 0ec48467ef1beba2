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
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Names that would reach Object.prototype if they were ever used as plain keys. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
export const NUMERIC_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
