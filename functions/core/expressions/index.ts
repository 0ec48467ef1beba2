// SurveyJS's expression language on the server: parsed once when a questionnaire is read
// (parse.ts), evaluated per submission (evaluate.ts) as survey-core evaluates it, with its built-in
// functions (functions.ts) and its way of finding `{name}` in the answers (scope.ts). Pure
// TypeScript: survey-core itself is too large for the API Lambda.
export { evaluate, holds, type Scope } from './evaluate.ts';
export { SUPPORTED_FUNCTIONS } from './functions.ts';
export { ExpressionError, MAX_EXPRESSION_LENGTH, type Node, parseExpression } from './parse.ts';
export { findIn, pathOf, valuesScope } from './scope.ts';
export { isEmpty as isEmptyValue } from './values.ts';
