// The residents' bundle (lazy.ts): submitting and checking codes, and reading questionnaires.
export { checkCode, submitResponse } from './submissions.ts';
export { parseSurvey } from '../core/questionnaire/parse.ts';
