// A resident's answers, checked against the questionnaire they answer, with the page's conditions
// evaluated as the page evaluates them (conditions.ts): the answer to a question the page hides
// (visibleIf, visible: false, on it or on a panel or page around it) is dropped, never stored; a
// question the resident cannot change (enableIf false, readOnly) keeps its answer unchecked by
// required and validators, as survey-core does; requiredIf decides whether a shown question is
// required; a choice choicesVisibleIf or its own visibleIf hides cannot be the answer; expression
// validators must hold (docs/adr/0006-survey-conditions-on-the-server.md).
import type { Answer, Background, BackgroundVariable } from '../schemas.ts';
import type { FieldError, Language } from '../language.ts';
import {
  asNumber,
  checkBoolean,
  checkMultiple,
  checkNumber,
  checkSingle,
  checkText,
  checkTextQuestion,
  type Checked,
} from './answerChecks.ts';
import type { Scope } from '../expressions/index.ts';
import { isEnabled, isRequired, itemScope, shownChoices, surveyScope, visibleAnswers } from './conditions.ts';
import {
  checkMatrix,
  checkMatrixDropdown,
  checkMatrixDynamic,
  checkMultipleText,
  type PartRules,
} from './gridAnswers.ts';
import { OTHER_TEXT_LENGTH } from './limits.ts';
import { MESSAGES, type ResidentMessages } from './messages.ts';
import { isPlainObject, Problems } from './problems.ts';
import { validatorError } from './validatorChecks.ts';
import {
  COMMENT_SUFFIX,
  NONE_VALUE,
  OTHER_VALUE,
  type BackgroundMapping,
  type CellQuestion,
  type MultipleChoiceQuestion,
  type PanelDynamicQuestion,
  type ParsedSurvey,
  type Question,
  type SingleChoiceQuestion,
} from './types.ts';

interface Context {
  readonly say: ResidentMessages;
  readonly lang: Language;
  /** The answers the conditions read: the survey's, or one dynamic panel's and then the survey's. */
  readonly scope: Scope;
}

const single = (checked: Checked): { answer: Answer } | { errors: string[] } =>
  'error' in checked ? { errors: [checked.error] } : checked;

/**
 * A question's answer checked, then (when the resident can change it) its validators applied to what
 * was accepted, as survey-core does; expression validators hold even for an empty answer.
 */
function checkQuestion(
  question: Question,
  value: unknown,
  context: Context,
  enabled = true,
): { answer: Answer } | { errors: string[] } {
  const checked = checkAnswer(question, value, context, enabled);
  if ('errors' in checked || !enabled) return checked;
  if (checked.answer === null && !question.validators.some((rule) => rule.kind === 'expression')) return checked;
  const error = validatorError(question.validators, checked.answer, context.say, context.lang, context.scope);
  return error === null ? checked : { errors: [error] };
}

function checkCell(question: CellQuestion, value: unknown, context: Context): Checked {
  const checked = checkQuestion(question, value, context);
  return 'errors' in checked ? { error: checked.errors[0]! } : checked;
}

/** Required parts of a question with parts: a column's requiredIf reads its row (`{row.col}`). */
function partRules(enforced: boolean, context: Context): PartRules {
  return {
    enforced,
    required: (part, cells) => isRequired(part, itemScope('row', cells, context.scope)),
  };
}

function checkAnswer(
  question: Question,
  value: unknown,
  context: Context,
  enabled: boolean,
): { answer: Answer } | { errors: string[] } {
  const { say } = context;
  // Questions with parts decide for themselves what an absent answer means (rows required, ...).
  switch (question.kind) {
    case 'matrix':
      return checkMatrix(question, value, say, enabled);
    case 'matrixdropdown':
      return checkMatrixDropdown(question, value, say, cellChecker(context), partRules(enabled, context));
    case 'matrixdynamic':
      return checkMatrixDynamic(question, value, say, cellChecker(context), partRules(enabled, context));
    case 'multipletext':
      return checkMultipleText(question, value, say, cellChecker(context), partRules(enabled, context));
    case 'paneldynamic':
      return checkPanels(question, value, context);
    default:
      break;
  }
  if (value === undefined || value === null) return { answer: null };
  switch (question.kind) {
    case 'single':
      return single(checkSingle(withShownChoices(question, context.scope), value, say));
    case 'multiple':
      return single(checkMultiple(withShownChoices(question, context.scope), value, say));
    case 'boolean':
      return single(checkBoolean(question, value) ?? { error: say.expectedYesNo });
    case 'number':
      return single(checkNumber(question, value, say));
    case 'text': {
      // survey-core's numeric validator turns the text of a number into the number it stores.
      const number = question.validators.some((rule) => rule.kind === 'numeric') ? asNumber(value) : null;
      return number !== null ? { answer: number === 0 ? 0 : number } : single(checkTextQuestion(question, value, say));
    }
    case 'display':
      return { errors: [say.takesNoAnswer] };
  }
}

/** The question with only the choices the page shows for these answers. */
/**
 * The check of a grid's cells in this context. Made only for the questions that have cells: a
 * closure per question of every submission costs (the local server's tsx names each one).
 */
function cellChecker(context: Context): (part: CellQuestion, given: unknown) => ReturnType<typeof checkCell> {
  return (part, given) => checkCell(part, given, context);
}

function withShownChoices<Q extends SingleChoiceQuestion | MultipleChoiceQuestion>(question: Q, scope: Scope): Q {
  // Most choices have no condition: then nothing to filter (and no closure to make).
  if (!question.choicesVisibleIf && !question.choices.some((choice) => choice.visibleIf)) return question;
  const special = (choice: { value: unknown }) =>
    (question.otherItem && choice.value === OTHER_VALUE) ||
    (question.kind === 'multiple' && question.noneItem && choice.value === NONE_VALUE);
  const choices = shownChoices(question.choices, question.choicesVisibleIf, special, scope);
  return choices === question.choices ? question : { ...question, choices };
}

/** A dynamic panel's answer: at most maxPanelCount panels, each checked with the template's questions. */
function checkPanels(
  question: PanelDynamicQuestion,
  value: unknown,
  context: Context,
): { answer: Answer } | { errors: string[] } {
  const { say } = context;
  if (value !== undefined && value !== null && !Array.isArray(value)) return { errors: [say.expectedPanels] };
  if (Array.isArray(value) && value.length > question.maxPanels)
    return { errors: [say.tooManyPanels(question.maxPanels)] };
  // No panels sent: the resident removed the starting panels (the page then sends none, and accepts
  // that), so nothing is checked; survey-core, given no value afresh, would check its starting
  // panels again, but the page never sends that state.
  const given: unknown[] = Array.isArray(value) ? value : [];
  if (given.length === 0) return { answer: null };
  const names = new Set(question.template.map((part) => part.name));
  const errors: string[] = [];
  const panels: Record<string, Answer>[] = [];
  const keys = new Set<string>();
  given.forEach((panel, i) => {
    if (!isPlainObject(panel)) {
      errors.push(say.inPanel(i + 1, question.name, say.expectedItems));
      return;
    }
    const accepted = Object.create(null) as Record<string, Answer>;
    // The template's conditions read this panel's answers ({panel.q}, or {q}), then the survey's.
    checkQuestions(
      question.template,
      panel,
      context,
      accepted,
      (name, message) => {
        errors.push(say.inPanel(i + 1, name, message));
      },
      (data) => itemScope('panel', data, context.scope.root ?? context.scope),
    );
    for (const key of Object.keys(panel))
      if (!names.has(key)) errors.push(say.inPanel(i + 1, key, say.unknownQuestion));
    // keyName: survey-core refuses a value of the key question that an earlier panel has.
    const key = question.keyName === null ? undefined : accepted[question.keyName];
    if (typeof key === 'string' || typeof key === 'number') {
      if (keys.has(String(key))) errors.push(say.inPanel(i + 1, question.keyName!, say.keyInTwoPanels(key)));
      keys.add(String(key));
    }
    panels.push(accepted);
  });
  if (errors.length > 0) return { errors };
  return { answer: panels.some((panel) => Object.keys(panel).length > 0) ? panels : null };
}

const commentKeyOf = (question: Question): string | null =>
  (question.kind === 'single' || question.kind === 'multiple') && question.otherItem
    ? question.name + COMMENT_SUFFIX
    : null;

/**
 * Checks every question of a scope (the survey, or one panel) against the submitted answers,
 * putting the accepted ones into `accepted` and each problem to `report` under the question's name.
 * The answers of the questions the page hides for these answers are left out, unchecked.
 */
function checkQuestions(
  questions: readonly Question[],
  answers: Record<string, unknown>,
  outer: Context,
  accepted: Record<string, Answer>,
  report: (field: string, message: string) => void,
  scopeOf: (data: Readonly<Record<string, unknown>>) => Scope,
  full: () => boolean = () => false,
): void {
  const { say } = outer;
  const { hidden, scope } = visibleAnswers(questions, answers, scopeOf, commentKeyOf);
  const context: Context = { ...outer, scope };
  const given = givenIn.bind(null, answers);
  for (const question of questions) {
    if (full()) break;
    if (hidden.has(question.name)) continue;
    const enabled = isEnabled(question, scope);
    const checked = checkQuestion(question, given(question.name), context, enabled);
    let answer: Answer = null;
    if ('errors' in checked) for (const error of checked.errors) report(question.name, error);
    else if (checked.answer === null) {
      // survey-core checks neither required nor a checkbox's minimum on a question the resident cannot change.
      if (enabled && isRequired(question, scope)) report(question.name, say.required);
      else if (enabled && question.kind === 'multiple' && question.minSelected !== null)
        // survey-core refuses a shown checkbox with minSelectedChoices left empty, required or not.
        report(question.name, say.tooFewChoices(question.minSelected));
    } else {
      answer = checked.answer;
      accepted[question.name] = answer;
    }
    const commentKey = commentKeyOf(question);
    if (commentKey !== null) {
      if ('errors' in checked) continue;
      const text = checkText(given(commentKey) ?? '', OTHER_TEXT_LENGTH, say);
      if ('error' in text) report(commentKey, text.error);
      else if (text.answer === null) {
        if (choseOther(answer) && enabled) report(commentKey, say.otherNeedsText);
      } else if (!choseOther(answer)) report(commentKey, say.textWithoutOther);
      else accepted[commentKey] = text.answer;
    }
  }
}

/** The answer under `key`, own keys only. */
function givenIn(answers: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(answers, key) ? answers[key] : undefined;
}

function choseOther(answer: Answer): boolean {
  return answer === OTHER_VALUE || (Array.isArray(answer) && (answer as readonly unknown[]).includes(OTHER_VALUE));
}

/** Keeps a hostile key from flooding a response body back into the error list. */
const fieldName = (key: string): string => (key.length > 120 ? `${key.slice(0, 120)}…` : key);

/**
 * Validates a resident's submission against the survey. Returns the answered questions only
 * (numbers as numbers, choices as declared) and the background variables, or every error (at
 * most 50) in the resident's language, each under the question's name.
 */
export function validateResponse(
  survey: ParsedSurvey,
  background: BackgroundMapping,
  answers: unknown,
  lang: Language,
): { ok: true; answers: Record<string, Answer>; background: Background } | { ok: false; errors: FieldError[] } {
  const say = MESSAGES[lang];
  if (!isPlainObject(answers)) return { ok: false, errors: [{ field: '', message: say.notAnObject }] };
  const problems = new Problems();
  // Null prototype: whatever the keys, writing them cannot reach Object.prototype, and reading an
  // unanswered "toString" finds nothing.
  const accepted = Object.create(null) as Record<string, Answer>;
  checkQuestions(
    survey.questions,
    answers,
    { say, lang, scope: surveyScope(answers, lang) },
    accepted,
    (field, message) => problems.add(field, message),
    (data) => surveyScope(data, lang),
    () => problems.full,
  );
  for (const key of Object.keys(answers)) {
    if (problems.full) break;
    if (!survey.byName.has(key) && !survey.commentKeys.has(key)) problems.add(fieldName(key), say.unknownQuestion);
  }
  if (problems.list.length > 0) return { ok: false, errors: problems.list };

  const backgroundValue = (variable: BackgroundVariable): string | null => {
    const questionName = background[variable];
    const answer = questionName !== undefined && survey.byName.has(questionName) ? accepted[questionName] : undefined;
    return typeof answer === 'string' || typeof answer === 'number' ? String(answer) : null;
  };
  return {
    ok: true,
    answers: accepted,
    background: {
      area: backgroundValue('area'),
      age_band: backgroundValue('age_band'),
      gender: backgroundValue('gender'),
    },
  };
}
