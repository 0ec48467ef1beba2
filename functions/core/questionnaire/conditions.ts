// The page's conditions on the server: visibleIf, enableIf and requiredIf of a question and of the
// panels and page around it, choicesVisibleIf and a choice's own visibleIf, and the expression
// validator. Each is parsed once when the questionnaire is read (a malformed one, or one that
// needs what only the page has, is refused there, naming the question), then evaluated against
// each submission as survey-core evaluates it (functions/core/expressions).
import {
  ExpressionError,
  findIn,
  holds,
  type Node,
  parseExpression,
  type Scope,
  SUPPORTED_FUNCTIONS,
} from '../expressions/index.ts';
import type { Language } from '../language.ts';
import type { Problems } from './problems.ts';
import type { Choice, Condition, ElementRules, Question } from './types.ts';

/** The names a choice's condition gives its value (survey-core's expressionVariables item, choice, self). */
const ITEM_NAMES: readonly string[] = ['item', 'choice', 'self'];

function variables(node: Node | null, out: string[] = [], calls: string[] = []): { names: string[]; calls: string[] } {
  if (node === null) return { names: out, calls };
  switch (node.type) {
    case 'variable':
      out.push(node.name);
      break;
    case 'binary':
      variables(node.left, out, calls);
      variables(node.right, out, calls);
      break;
    case 'unary':
      variables(node.operand, out, calls);
      break;
    case 'array':
      for (const item of node.items) variables(item, out, calls);
      break;
    case 'call':
      calls.push(node.name);
      // The condition of an *InArray function reads each row's own names: only its list is checked.
      for (const arg of /InArray$/.test(node.name) ? node.args.slice(0, 1) : node.args) variables(arg, out, calls);
      break;
    default:
      break;
  }
  return { names: out, calls };
}

/**
 * Parses a condition or an expression of the document, or notes why it cannot be used: malformed,
 * a function the server does not have, or a property of the page (`{$…}`) other than the locale.
 */
export function compileCondition(
  text: string | undefined,
  field: string,
  owner: string,
  problems: Problems,
): Condition | null {
  if (text === undefined || text.trim() === '') return null;
  const where = `${owner}: ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`;
  let node: Node;
  try {
    node = parseExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    problems.add(field, `${where} ${error.message}`);
    return null;
  }
  const { names, calls } = variables(node);
  const unknown = calls.find((name) => !SUPPORTED_FUNCTIONS.has(name));
  if (unknown !== undefined) {
    problems.add(
      field,
      `${where} uses the function ${unknown}(), which the server cannot evaluate (supported: ${[...SUPPORTED_FUNCTIONS].join(', ')})`,
    );
    return null;
  }
  const property = names.find((name) => name.startsWith('$') && name.toLowerCase() !== '$survey.locale');
  if (property !== undefined) {
    problems.add(field, `${where} reads {${property}}, a property of the page the server does not have`);
    return null;
  }
  return { text, node, names };
}

/** After the whole document is read: a condition may not read an expression question's value. */
export function checkNames(
  conditions: readonly { condition: Condition; field: string; owner: string }[],
  expressionQuestions: ReadonlySet<string>,
  problems: Problems,
): void {
  for (const { condition, field, owner } of conditions) {
    const name = condition.names.find((name) => expressionQuestions.has(name.split(/[.[]/)[0]!.toLowerCase()));
    if (name !== undefined)
      problems.add(
        field,
        `${owner} reads {${name}}, the value of an expression question, which only the page computes: refer to the questions it is computed from`,
      );
  }
}

/** The scope of the whole survey: its answers, and the page's locale as web/src/survey.ts sets it. */
export function surveyScope(data: Readonly<Record<string, unknown>>, lang: Language): Scope {
  return {
    find(name) {
      const lower = name.toLowerCase();
      // survey.locale is '' for the default locale (sv on the page); {locale} falls back to it.
      if (lower === '$survey.locale') return { value: lang === 'sv' ? '' : lang };
      if (lower === 'locale') return { value: lang };
      return findIn(data, name);
    },
  };
}

/**
 * The scope of one dynamic panel or one matrix row (`{panel.q}`, `{row.col}`): its own answers by
 * that prefix or by their bare names, then the survey's.
 */
export function itemScope(prefix: 'panel' | 'row', values: Readonly<Record<string, unknown>>, outer: Scope): Scope {
  return {
    find(name) {
      const dot = name.indexOf('.');
      if (dot > 0 && name.slice(0, dot).toLowerCase() === prefix) return findIn(values, name.slice(dot + 1));
      if (dot < 0) {
        const own = findIn(values, name);
        if (own !== undefined) return own;
      }
      return outer.find(name);
    },
    root: outer.root ?? outer,
  };
}

/** The scope of a choice's condition: `{item}` is the choice's value. */
function choiceScope(choice: Choice, outer: Scope): Scope {
  return {
    find: (name) => (ITEM_NAMES.includes(name.toLowerCase()) ? { value: choice.value } : outer.find(name)),
    root: outer.root ?? outer,
  };
}

const shown = (rules: ElementRules, scope: Scope): boolean =>
  rules.visibleIf ? holds(rules.visibleIf.node, scope) : rules.visible;
const enabled = (rules: ElementRules, scope: Scope): boolean =>
  rules.enableIf ? holds(rules.enableIf.node, scope) : !rules.readOnly;

/** Whether the page shows the question: itself, and every panel and the page around it. */
export const isShown = (question: Question, scope: Scope): boolean =>
  shown(question.rules, scope) && question.containers.every((rules) => shown(rules, scope));

/** Whether the resident can change the answer: no enableIf false or readOnly on it or around it. */
export const isEnabled = (question: Question, scope: Scope): boolean =>
  enabled(question.rules, scope) && question.containers.every((rules) => enabled(rules, scope));

/** requiredIf decides when it is given (survey-core sets isRequired to its result); else isRequired. */
export const isRequired = (question: Question, scope: Scope): boolean =>
  question.requiredIf ? holds(question.requiredIf.node, scope) : question.isRequired;

/** The choices the page shows: choicesVisibleIf and each choice's visibleIf ("none" and "other" stay). */
export function shownChoices(
  choices: readonly Choice[],
  choicesVisibleIf: Condition | null,
  special: (choice: Choice) => boolean,
  scope: Scope,
): readonly Choice[] {
  if (!choicesVisibleIf && !choices.some((choice) => choice.visibleIf)) return choices;
  return choices.filter((choice) => {
    if (special(choice)) return true;
    const own = choiceScope(choice, scope);
    if (choice.visibleIf && !holds(choice.visibleIf.node, own)) return false;
    return !choicesVisibleIf || holds(choicesVisibleIf.node, own);
  });
}

/**
 * The answers the page sends: those of hidden questions left out, again until nothing changes (a
 * question hidden by an answer that is itself hidden is hidden too, as on the page, which clears a
 * hidden question's value at once).
 */
const NOTHING_HIDDEN: ReadonlySet<string> = new Set();

export function visibleAnswers(
  questions: readonly Question[],
  answers: Readonly<Record<string, unknown>>,
  scopeOf: (data: Readonly<Record<string, unknown>>) => Scope,
  commentKey: (question: Question) => string | null,
): { data: Readonly<Record<string, unknown>>; hidden: ReadonlySet<string>; scope: Scope } {
  // Most questionnaires hide nothing: then the answers are what the conditions read, as given
  // (every submission comes this way: no copy, no evaluation).
  if (questions.every((question) => question.alwaysShown))
    return { data: answers, hidden: NOTHING_HIDDEN, scope: scopeOf(answers) };
  let hidden = new Set<string>();
  let data: Record<string, unknown> = { ...answers };
  let scope = scopeOf(data);
  for (let round = 0; round <= Math.min(questions.length, 20); round++) {
    const now = new Set(questions.filter((question) => !isShown(question, scope)).map((question) => question.name));
    if (now.size === hidden.size && [...now].every((name) => hidden.has(name))) break;
    hidden = now;
    data = { ...answers };
    for (const question of questions) {
      if (!hidden.has(question.name)) continue;
      delete data[question.name];
      const comment = commentKey(question);
      if (comment !== null) delete data[comment];
    }
    scope = scopeOf(data);
  }
  return { data, hidden, scope };
}
