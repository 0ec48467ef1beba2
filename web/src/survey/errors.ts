// The server's validation errors ({field, message}, in the resident's language) shown where they
// belong: at the question they concern (SurveyJS question errors), on the page with the first one;
// errors for fields the survey does not show go back to the caller for a general notice.
import { CustomError, type Question, type SurveyModel } from 'survey-core';

import type { FieldError } from '../../../functions/core/language.ts';

export type { FieldError } from '../../../functions/core/language.ts';

const COMMENT_SUFFIX = '-Comment';

/** The question a field names: its own name, or `<name>-Comment` for an "other" text. */
function questionOf(survey: SurveyModel, field: string): Question | null {
  const direct = survey.getQuestionByName(field);
  if (direct) return direct;
  if (field.endsWith(COMMENT_SUFFIX)) return survey.getQuestionByName(field.slice(0, -COMMENT_SUFFIX.length)) ?? null;
  return null;
}

/**
 * Adds each error to its question, goes to the page of the first one (in document order) and
 * focuses it. Returns the messages that belong to no visible question, and how many were placed.
 */
export function showServerErrors(
  survey: SurveyModel,
  errors: readonly FieldError[],
): { placed: number; general: string[] } {
  const visible = survey.getAllQuestions(true);
  const general: string[] = [];
  const placed: { question: Question; message: string }[] = [];
  for (const error of errors) {
    const question = questionOf(survey, error.field);
    if (question && visible.includes(question)) placed.push({ question, message: error.message });
    else general.push(error.field ? `${error.message} (${error.field})` : error.message);
  }
  if (placed.length === 0) return { placed: 0, general };
  let first = placed[0]!.question;
  for (const { question } of placed) if (visible.indexOf(question) < visible.indexOf(first)) first = question;
  if (first.page && survey.currentPage !== first.page) survey.currentPage = first.page;
  for (const { question, message } of placed) question.addError(new CustomError(message, survey));
  // After the page has rendered: move to the question and put the keyboard there.
  setTimeout(() => first.focus(true), 0);
  return { placed: placed.length, general };
}
