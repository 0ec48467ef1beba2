// Shared by the questionnaire tests: parse a document that must parse, submit answers that must
// be accepted or refused, and ask survey-core (the survey page's own engine, run in Node) whether
// the page would accept the same answers.
import { Model } from 'survey-core';
import {
  parseSurvey,
  validateResponse,
  type FieldError,
  type ParsedSurvey,
} from '../../functions/core/questionnaire/index.ts';

export function parsed(json: unknown): ParsedSurvey {
  const result = parseSurvey(json);
  if (!result.ok) throw new Error(`expected a valid survey, got ${JSON.stringify(result.errors)}`);
  return result.survey;
}

export function errorsOf(json: unknown): FieldError[] {
  const result = parseSurvey(json);
  if (result.ok) throw new Error('expected the survey to be refused');
  return result.errors;
}

export const withElements = (...elements: unknown[]) => ({ elements });

/** What the server says of a submission: the stored answers, or the errors. */
export function serverVerdict(json: unknown, answers: Record<string, unknown>, lang: 'sv' | 'en' = 'en') {
  return validateResponse(parsed(json), {}, structuredClone(answers), lang);
}

export function accepted(json: unknown, answers: Record<string, unknown>) {
  const result = serverVerdict(json, answers);
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.errors)}`);
  return result.answers;
}

export function refused(json: unknown, answers: Record<string, unknown>, lang: 'sv' | 'en' = 'en'): FieldError[] {
  const result = serverVerdict(json, answers, lang);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.answers)}`);
  return result.errors;
}

/** Whether survey-core's validate() (what the page's Complete runs) passes with these answers. */
export function pageAccepts(json: unknown, answers: Record<string, unknown>): boolean {
  const model = new Model(json);
  model.data = structuredClone(answers);
  return model.validate(false, false);
}

/** Whether the page and the server agree on a submission. */
export function sameVerdict(json: unknown, answers: Record<string, unknown>): { page: boolean; server: boolean } {
  return { page: pageAccepts(json, answers), server: serverVerdict(json, answers).ok };
}
