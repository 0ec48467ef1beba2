// Questionnaires: reads a SurveyJS document into the questions bygdpuls can store (parse.ts),
// checks it against a round's indicators and background mapping (check.ts), and validates a
// resident's answers to it (validate.ts), with the page's conditions evaluated (conditions.ts).
export type { FieldError, Language } from '../language.ts';
export { MAX_CHOICES, MAX_CONTAINERS, MAX_DEPTH, MAX_ERRORS, MAX_QUESTIONS } from './limits.ts';
export { MAX_VARIABLE_LENGTH, surveyName, variableNames } from './names.ts';
export { allowedAnswers, parseSurvey, questionTitle } from './parse.ts';
export { withChoiceValues } from './shareValues.ts';
export { SurveyJson } from './shapes.ts';
export {
  COMMENT_SUFFIX,
  NONE_VALUE,
  OTHER_VALUE,
  type BackgroundMapping,
  type BooleanQuestion,
  type CellQuestion,
  type Choice,
  type ChoiceValue,
  type DisplayElement,
  type MatrixDropdownQuestion,
  type MatrixDynamicQuestion,
  type MatrixQuestion,
  type MultipleChoiceQuestion,
  type MultipleTextQuestion,
  type NumberQuestion,
  type PanelDynamicQuestion,
  type ParsedSurvey,
  type Question,
  type SingleChoiceQuestion,
  type TextQuestion,
  type Title,
  type Validator,
} from './types.ts';
export { validateResponse } from './validate.ts';
