// Parity between the survey page and the server: generated answer sets, valid and invalid as
// SurveyJS's page judges them, judged by survey-core (running in Node, as the page runs it) and by
// the server's own validation (functions/core/questionnaire), compared question by question.
//
// The page's judgement: a Model of the document with `clearInvisibleValues: 'onHidden'` (as
// web/src/survey.ts sets it), the answers as its data, `validate(false, false)` over every visible
// page (what Complete ends with: each page is checked on Next, the last on Complete), and the
// values of hidden questions dropped as SurveyJS drops them on completion
// (`clearInvisibleQuestionValues`). The server's: `parseSurvey` then `validateResponse`.
import { Model, Serializer } from 'survey-core';
import { parseSurvey, validateResponse } from '../../functions/core/questionnaire/index.ts';

/** A generated answer set: which question was changed, and how. */
export interface ParityCase {
  /** The question the case is about (null: the whole set, e.g. every answer left out). */
  readonly question: string | null;
  readonly kind: CaseKind;
  /** What the server is sent. */
  readonly answers: Record<string, unknown>;
  /**
   * What the page is judged on, when the page reaches the same submission otherwise: a dynamic
   * panel or matrix the resident emptied by removing its rows is `[]` on the page, and the server
   * cannot tell it from no answer at all.
   */
  readonly pageAnswers?: Record<string, unknown>;
}

export type CaseKind =
  | 'base' // every visible question answered with a valid value
  | 'valid' // another valid value for one question
  | 'empty' // one question left unanswered
  | 'untouched' // the value survey-core holds before the question is touched (a dynamic panel's [{}])
  | 'allEmpty' // nothing answered
  | 'outsideChoices' // a value that is not a choice (a matrix cell outside the columns, ...)
  | 'valueText' // the whole "value|text" string of a choice written in that shorthand
  | 'numberAsText' // "3" for 3
  | 'wrongType' // an object, a list or a boolean where SurveyJS stores something else
  | 'tooMany' // more checkbox choices than maxSelectedChoices allows, more dynamic panels than allowed
  | 'tooFew' // fewer than minSelectedChoices
  | 'outOfRange' // a number outside min/max or a numeric validator's range
  | 'badText' // text that a validator (email, regex, text length) or inputType refuses
  | 'otherWithoutText' // "other" chosen, its text left out
  | 'textWithoutOther' // an "other" text without "other" chosen
  | 'missingRow' // a matrix answer without one of its rows
  | 'unknownRow' // a matrix answer with a row that is not in the matrix
  | 'manyPanels' // five copies of one dynamic panel (within maxPanelCount): counts over panels
  | 'hidden' // an answer to a question that is hidden on the page
  | 'hiddenEmpty' // no answer to a question hidden on the page (what any other case may do to it)
  // another question's verdict in a case the server refuses for a value the page cannot produce
  // (the page reads the impossible value in its conditions; the submission is refused either way)
  | 'followsImpossible'
  // a value the page itself changes when it is set (a choice the answers hide is removed from it):
  // the page never sends what the case sent
  | 'pageChangesValue'
  | 'unknownQuestion'; // a key that names no question

export type Direction =
  /** The page accepts the question's answer; the server refuses it. */
  | 'server-stricter'
  /** The page refuses the question's answer; the server accepts it. */
  | 'server-laxer'
  /** Both accept; the server keeps an answer the page drops (a hidden question's). */
  | 'server-keeps-hidden'
  /** Both accept; the server keeps a value survey-core drops from its data (e.g. not a choice). */
  | 'server-keeps-dropped'
  /** The server throws instead of answering. */
  | 'server-throws'
  /** The server refuses the questionnaire itself. */
  | 'questionnaire-refused';

export interface Difference {
  /** `<question type>/<case kind>/<direction>`, e.g. `matrix/outsideChoices/server-stricter`. */
  readonly key: string;
  readonly questionType: string;
  readonly kind: CaseKind | 'questionnaire';
  readonly direction: Direction;
  /** One example: the question, the value, and what each side said. */
  readonly example: string;
}

export interface ParityResult {
  readonly name: string;
  readonly cases: number;
  /** Every distinct difference key, with how many cases showed it and one example. */
  readonly differences: ReadonlyMap<string, { count: number; difference: Difference }>;
  readonly pageAccepted: number;
  readonly serverAccepted: number;
  readonly ms: number;
}

export const differenceKey = (questionType: string, kind: string, direction: Direction): string =>
  `${questionType}/${kind}/${direction}`;

// ---------------------------------------------------------------------------------------------
// A small deterministic random source (mulberry32): the same seed gives the same cases.

export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  subset<T>(items: readonly T[], size: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < size && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading questions through survey-core's own model (any: survey-core's typings describe the
// public surface; a few members used here are typed loosely or not at all).

const OTHER = 'other';
/** The key of the "unknownQuestion" case: no question has it (SurveyJS allows any name, so check). */
const UNKNOWN_KEY = 'not a question';
/** Question types whose model keeps state from earlier data (rows, panels). */
const STATEFUL_TYPES = new Set(['matrixdynamic', 'paneldynamic', 'matrixdropdown']);
const NONE = 'none';

type SjQuestion = any;

const typeOf = (question: SjQuestion): string => String(question.getType());

function validators(question: SjQuestion): any[] {
  return Array.isArray(question.validators) ? question.validators : [];
}

function validator(question: SjQuestion, type: string): any {
  return validators(question).find((v) => v.getType() === type);
}

/** The choice values the page shows (choicesFromQuestion, none and other included). */
function choiceValues(question: SjQuestion): unknown[] {
  const items: any[] = typeOf(question) === 'rating' ? question.visibleRateValues : question.visibleChoices;
  return (items ?? []).map((item) => item.value);
}

/** The plain choices: no "other", "none", "don't know" or "refuse" item. */
function plainChoices(question: SjQuestion): unknown[] {
  return choiceValues(question).filter(
    (value) => value !== OTHER && value !== NONE && value !== 'dontknow' && value !== 'refused',
  );
}

const hasOther = (question: SjQuestion): boolean => choiceValues(question).includes(OTHER);

/** What the page's text input would hold for this question, valid by its validators. */
function validText(question: SjQuestion, random: Random): unknown {
  const inputType = String(question.inputType ?? 'text');
  const numeric = validator(question, 'numericvalidator');
  if (inputType === 'number' || inputType === 'range' || numeric) {
    // A plain text input keeps what is typed as text, even under a numeric validator.
    const typed = inputType === 'number' || inputType === 'range';
    const lo = Math.max(num(question.min) ?? -1e9, num(numeric?.minValue) ?? -1e9, inputType === 'range' ? 0 : -1e9);
    const hi = Math.min(num(question.max) ?? 1e9, num(numeric?.maxValue) ?? 1e9, inputType === 'range' ? 100 : 1e9);
    const from = lo > -1e9 ? lo : hi < 1e9 ? hi - 10 : 0;
    const to = hi < 1e9 ? hi : from + 100;
    const number = random.int(Math.ceil(from), Math.floor(to));
    return typed ? number : String(number);
  }
  if (inputType === 'email' || validator(question, 'emailvalidator')) return `person${random.int(1, 99)}@example.org`;
  if (inputType === 'date') return `20${random.int(10, 24)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
  if (inputType === 'tel') return `070-${random.int(1000000, 9999999)}`;
  if (inputType === 'url') return 'https://example.org/';
  const text = validator(question, 'textvalidator');
  const min = Math.max(num(text?.minLength) ?? 0, 0);
  let value = `An answer written by a resident, number ${random.int(1, 999)}.`;
  while (value.length < min) value += ' More words.';
  const max = num(text?.maxLength) || num(question.maxLength) || 0;
  return max > 0 ? value.slice(0, max) : value;
}

function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function matrixColumns(question: SjQuestion): any[] {
  return Array.isArray(question.columns) ? question.columns : [];
}

function matrixRows(question: SjQuestion): unknown[] {
  const rows: any[] = Array.isArray(question.rows) ? question.rows : [];
  return rows.map((row) => (row && typeof row === 'object' && 'value' in row ? row.value : row));
}

/** A dynamic panel or matrix whose rows a resident can all remove on the page. */
function canEmpty(question: SjQuestion): boolean {
  const type = typeOf(question);
  if (type === 'paneldynamic') return question.allowRemovePanel !== false && !(question.minPanelCount > 0);
  if (type === 'matrixdynamic') return question.allowRemoveRows !== false && !(question.minRowCount > 0);
  return false;
}

/** A cell of a matrixdropdown/matrixdynamic column: the column's own template question. */
const cellQuestion = (column: any): SjQuestion => column.templateQuestion;

function templateQuestions(question: SjQuestion): SjQuestion[] {
  const template = question.template;
  return template && typeof template.questions !== 'undefined' ? template.questions : [];
}

function multipleTextItems(question: SjQuestion): any[] {
  return Array.isArray(question.items) ? question.items : [];
}

/** A value the page could produce for the question, valid as far as its settings say. */
export function validValue(question: SjQuestion, random: Random): unknown {
  const type = typeOf(question);
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
    case 'rating':
    case 'imagepicker': {
      const choices = plainChoices(question);
      return choices.length > 0 ? random.pick(choices) : undefined;
    }
    case 'checkbox':
    case 'tagbox': {
      const choices = plainChoices(question);
      if (choices.length === 0) return undefined;
      const min = Math.max(
        question.minSelectedChoices || 0,
        validator(question, 'answercountvalidator')?.minCount || 0,
      );
      const maxLimit = Math.min(
        question.maxSelectedChoices || choices.length,
        validator(question, 'answercountvalidator')?.maxCount || choices.length,
        choices.length,
      );
      return random.subset(choices, random.int(Math.max(1, min), Math.max(1, maxLimit)));
    }
    case 'ranking':
      return random.subset(plainChoices(question), plainChoices(question).length);
    case 'boolean':
      return random.next() < 0.5 ? question.getValueTrue() : question.getValueFalse();
    case 'text':
    case 'comment':
      return validText(question, random);
    case 'matrix': {
      const columns = matrixColumns(question).map((column) => column.value);
      const value: Record<string, unknown> = {};
      for (const row of matrixRows(question)) if (columns.length > 0) value[String(row)] = random.pick(columns);
      return value;
    }
    case 'matrixdropdown': {
      const value: Record<string, unknown> = {};
      for (const row of matrixRows(question)) value[String(row)] = rowValue(question, random);
      return value;
    }
    case 'matrixdynamic': {
      const count = Math.max(1, question.rowCount || 0, question.minRowCount || 0);
      return Array.from({ length: count }, () => rowValue(question, random));
    }
    case 'paneldynamic': {
      const count = Math.max(1, question.panelCount || 0, question.minPanelCount || 0);
      return Array.from({ length: count }, () => {
        const panel: Record<string, unknown> = {};
        for (const inner of templateQuestions(question)) {
          const v = validValue(inner, random);
          if (v !== undefined) panel[inner.getValueName()] = v;
        }
        return panel;
      });
    }
    case 'multipletext': {
      const value: Record<string, unknown> = {};
      for (const item of multipleTextItems(question)) value[item.name] = validText(item.editor, random);
      return value;
    }
    default:
      return undefined; // html, image, expression, file, signaturepad: nothing a resident types
  }
}

function rowValue(question: SjQuestion, random: Random): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of matrixColumns(question)) {
    const cell = cellQuestion(column);
    const value = cell ? validValue(cell, random) : undefined;
    if (value !== undefined) row[column.name] = value;
  }
  return row;
}

/** Values the page's controls cannot produce or its settings refuse, each with its kind. */
function invalidValues(question: SjQuestion, json: unknown, random: Random): { kind: CaseKind; value: unknown }[] {
  const type = typeOf(question);
  const out: { kind: CaseKind; value: unknown }[] = [];
  const choices = plainChoices(question);
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
    case 'rating': {
      out.push({ kind: 'outsideChoices', value: 'not-a-choice' });
      out.push({ kind: 'wrongType', value: { value: choices[0] ?? 1 } });
      out.push({ kind: 'wrongType', value: [choices[0] ?? 1] });
      const numeric = choices.find((choice) => typeof choice === 'number');
      if (numeric !== undefined) out.push({ kind: 'numberAsText', value: String(numeric) });
      const shorthand = shorthandChoice(json, question.name);
      if (shorthand !== null) out.push({ kind: 'valueText', value: shorthand });
      if (type === 'rating' && choices.every((choice) => typeof choice === 'number'))
        out.push({ kind: 'outsideChoices', value: Math.max(...(choices as number[])) + 1 });
      if (hasOther(question)) {
        out.push({ kind: 'otherWithoutText', value: OTHER });
      }
      break;
    }
    case 'checkbox':
    case 'tagbox': {
      out.push({ kind: 'outsideChoices', value: ['not-a-choice'] });
      out.push({ kind: 'wrongType', value: choices[0] ?? 'x' });
      if (question.maxSelectedChoices > 0 && choices.length > question.maxSelectedChoices)
        out.push({ kind: 'tooMany', value: random.subset(choices, question.maxSelectedChoices + 1) });
      const count = validator(question, 'answercountvalidator');
      if (count?.maxCount > 0 && choices.length > count.maxCount)
        out.push({ kind: 'tooMany', value: random.subset(choices, count.maxCount + 1) });
      if (question.minSelectedChoices > 1) out.push({ kind: 'tooFew', value: random.subset(choices, 1) });
      if (count?.minCount > 1) out.push({ kind: 'tooFew', value: random.subset(choices, 1) });
      if (hasOther(question)) out.push({ kind: 'otherWithoutText', value: [OTHER] });
      if (choiceValues(question).includes(NONE) && choices.length > 0)
        out.push({ kind: 'outsideChoices', value: [NONE, choices[0]] });
      const shorthand = shorthandChoice(json, question.name);
      if (shorthand !== null) out.push({ kind: 'valueText', value: [shorthand] });
      break;
    }
    case 'boolean':
      out.push({ kind: 'wrongType', value: 'maybe' });
      out.push({ kind: 'wrongType', value: [true] });
      break;
    case 'text':
    case 'comment': {
      const inputType = String(question.inputType ?? 'text');
      const numeric = validator(question, 'numericvalidator');
      if (inputType === 'number' || inputType === 'range' || numeric) {
        out.push({ kind: 'wrongType', value: 'twelve' });
        out.push({ kind: 'numberAsText', value: String(validText(question, random)) });
        const hi = num(question.max) ?? num(numeric?.maxValue);
        const lo = num(question.min) ?? num(numeric?.minValue);
        if (hi !== null) out.push({ kind: 'outOfRange', value: hi + 1 });
        if (lo !== null) out.push({ kind: 'outOfRange', value: lo - 1 });
      } else {
        out.push({ kind: 'wrongType', value: 42 });
        out.push({ kind: 'wrongType', value: { text: 'x' } });
        if (inputType === 'email' || validator(question, 'emailvalidator'))
          out.push({ kind: 'badText', value: 'not an email' });
        if (inputType === 'date') out.push({ kind: 'badText', value: 'igår' });
        const text = validator(question, 'textvalidator');
        if (text?.minLength > 0)
          out.push({ kind: 'badText', value: 'short'.slice(0, Math.max(1, text.minLength - 1)) });
        if (text?.maxLength > 0) out.push({ kind: 'badText', value: 'x'.repeat(text.maxLength + 1) });
        if (validator(question, 'regexvalidator')) out.push({ kind: 'badText', value: '\u0000no match\u0000' });
      }
      break;
    }
    case 'matrix': {
      const rows = matrixRows(question);
      const value = validValue(question, random) as Record<string, unknown>;
      if (rows.length > 0) {
        out.push({ kind: 'outsideChoices', value: { ...value, [String(rows[0])]: 'not-a-column' } });
        const missing = { ...value };
        delete missing[String(rows[rows.length - 1])];
        out.push({ kind: 'missingRow', value: missing });
      }
      out.push({ kind: 'unknownRow', value: { ...value, 'not a row': matrixColumns(question)[0]?.value ?? 1 } });
      out.push({ kind: 'wrongType', value: 'a string' });
      out.push({ kind: 'wrongType', value: [value] });
      break;
    }
    case 'matrixdropdown':
    case 'matrixdynamic': {
      const value = validValue(question, random);
      const column = matrixColumns(question)[0];
      if (column) {
        const bad = structuredClone(value) as any;
        const firstRow = Array.isArray(bad) ? bad[0] : bad[Object.keys(bad)[0] ?? ''];
        if (firstRow && typeof firstRow === 'object') {
          firstRow[column.name] = 'not-a-choice';
          out.push({ kind: 'outsideChoices', value: bad });
        }
      }
      if (type === 'matrixdropdown') out.push({ kind: 'unknownRow', value: { ...(value as object), 'not a row': {} } });
      out.push({ kind: 'wrongType', value: 'a string' });
      break;
    }
    case 'paneldynamic':
    case 'multipletext':
      if (type === 'paneldynamic') {
        // One panel's answers repeated: more panels than maxPanelCount, or enough to break a count
        // such as "countInArray(...) <= 3" when the panel holds the counted answer.
        const panels = validValue(question, random) as unknown[];
        const max: number = question.maxPanelCount || 0;
        if (panels.length > 0 && max >= 5)
          out.push({ kind: 'manyPanels', value: Array.from({ length: 5 }, () => panels[0]) });
        // survey-core's default maxPanelCount is 100: only a small declared limit is worth crossing.
        if (panels.length > 0 && max > 0 && max <= 20)
          out.push({ kind: 'tooMany', value: Array.from({ length: max + 1 }, () => panels[0]) });
      }
      out.push({ kind: 'wrongType', value: 'a string' });
      out.push({ kind: 'wrongType', value: type === 'paneldynamic' ? { a: 1 } : ['x'] });
      if (type === 'multipletext') {
        for (const item of multipleTextItems(question)) {
          const numeric = validator(item.editor, 'numericvalidator') ?? validator(item, 'numericvalidator');
          if (numeric && num(numeric.maxValue) !== null)
            out.push({
              kind: 'outOfRange',
              value: { ...(validValue(question, random) as object), [item.name]: num(numeric.maxValue)! + 1 },
            });
        }
      }
      break;
  }
  return out;
}

/** The first choice of the question written in SurveyJS's "value|text" shorthand, if any. */
function shorthandChoice(json: unknown, name: string): string | null {
  let found: string | null = null;
  const visit = (node: unknown): void => {
    if (found !== null || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const element = node as Record<string, unknown>;
    if (element['name'] === name) {
      for (const list of [element['choices'], element['rateValues']])
        if (Array.isArray(list)) {
          const shorthand = list.find((item) => typeof item === 'string' && item.includes('|'));
          if (typeof shorthand === 'string') found = shorthand;
        }
    }
    for (const value of Object.values(element)) visit(value);
  };
  visit(json);
  return found;
}

/**
 * The document as the page shows it: without the elements whose type survey-core does not know
 * (a custom widget such as "datepicker" that was not registered), which the page silently leaves
 * out. Null when every type is known.
 */
export function asRendered(json: unknown): unknown | null {
  let dropped = false;
  const known = (type: string): boolean => !!(Serializer.findClass(type) ?? Serializer.findClass(type.toLowerCase()));
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (['elements', 'questions', 'templateElements'].includes(key) && Array.isArray(value)) {
        const kept = value.filter((element) => {
          const type = element && typeof element === 'object' ? (element as Record<string, unknown>)['type'] : null;
          if (typeof type !== 'string' || known(type)) return true;
          dropped = true;
          return false;
        });
        out[key] = kept.map(visit);
      } else out[key] = visit(value);
    }
    return out;
  };
  const rendered = visit(json);
  return dropped ? rendered : null;
}

// ---------------------------------------------------------------------------------------------
// The two judges.

/** survey-core warns on the console for a value of the wrong shape; the cases expect that. */
function quietly<T>(run: () => T): T {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return run();
  } finally {
    console.warn = warn;
  }
}

export interface PageJudgement {
  readonly ok: boolean;
  /** Top-level questions (by name) with an error on the page. */
  readonly errors: ReadonlySet<string>;
  /** Top-level questions hidden on the page for these answers (themselves, or their page or panel). */
  readonly hidden: ReadonlySet<string>;
  /** The data the page sends: hidden questions' values dropped. */
  readonly data: Record<string, unknown>;
  /** The page's messages per question with an error. */
  readonly messages: ReadonlyMap<string, string>;
}

export class Page {
  /** The model the cases are generated from (its data: the base being varied). */
  readonly model: any;
  readonly questions: SjQuestion[];
  /** Whether a model keeps state from earlier data, so that each judgement needs a new one. */
  readonly stateful: boolean;
  /** The data a new model holds before anything is answered (a dynamic panel's `[{}]`, ...). */
  readonly initialData: Record<string, unknown>;
  private judging: any = null;
  constructor(readonly json: unknown) {
    this.model = Page.model(json);
    this.questions = this.model.getAllQuestions(false, false, false);
    this.initialData = structuredClone(this.model.data);
    this.stateful = this.model
      .getAllQuestions(false, false, true)
      .some((question: SjQuestion) => STATEFUL_TYPES.has(typeOf(question)));
  }
  /** A model as the survey page makes one (web/src/survey.ts). */
  static model(json: unknown): any {
    const model = new Model(json as object);
    model.clearInvisibleValues = 'onHidden';
    return model;
  }
  /** Sets the generating model's data (its questions' visibility then follows these answers). */
  show(answers: Record<string, unknown>): void {
    quietly(() => {
      this.model.data = structuredClone(answers);
    });
  }
  /**
   * The page's judgement. A model with matrices or dynamic panels keeps state from earlier data
   * (a matrixdynamic's rows, a dynamic panel's count): those get a new model for every judgement
   * (slow: tens of ms each); the others reuse one (checked to judge as a new one does).
   */
  judge(answers: Record<string, unknown>): PageJudgement {
    return quietly(() => this.judgeOn(this.modelForJudging(), answers));
  }
  private modelForJudging(): any {
    // Setting data replaces every value; clear() would cost more than the rest of a judgement.
    if (this.stateful || this.judging === null) this.judging = Page.model(this.json);
    return this.judging;
  }
  private judgeOn(model: any, answers: Record<string, unknown>): PageJudgement {
    model.data = structuredClone(answers);
    // `[]` for a dynamic panel or matrix: the resident removed every row the page started with
    // (survey-core keeps panelCount empty panels for a `[]` value; a matrixdynamic drops its rows).
    for (const question of model.getAllQuestions(false, false, false)) {
      const value = answers[question.getValueName()];
      if (!Array.isArray(value) || value.length > 0 || !canEmpty(question)) continue;
      if (typeOf(question) === 'paneldynamic') question.panelCount = 0;
      if (typeOf(question) === 'matrixdynamic') question.rowCount = 0;
    }
    const ok: boolean = model.validate(false, false);
    // Again with fireCallback: each question keeps its errors (errors, containsErrors), as on the page.
    if (!ok) model.validate(true, false);
    const errors = new Set<string>();
    const hidden = new Set<string>();
    const messages = new Map<string, string>();
    for (const question of model.getAllQuestions(false, false, false)) {
      if (!question.isVisible || !question.isParentVisible) {
        hidden.add(question.name);
        continue;
      }
      if (!ok && (question.errors.length > 0 || question.containsErrors)) {
        errors.add(question.name);
        messages.set(question.name, pageErrorText(question));
      }
    }
    if (!ok && errors.size === 0) errors.add('(survey)');
    model.clearInvisibleQuestionValues();
    const data = structuredClone(model.data) as Record<string, unknown>;
    return { ok, errors, hidden, data, messages };
  }
  /** The question's name for a server field: itself, `<name>-Comment`, `<name>.row`, `<name>[0]...`. */
  ownerOf(field: string): string {
    let best = '';
    for (const question of this.questions) {
      const name: string = question.name;
      if (
        name.length > best.length &&
        (field === name ||
          field === `${name}-Comment` ||
          field.startsWith(`${name}.`) ||
          field.startsWith(`${name}[`) ||
          field.startsWith(`${name}/`))
      )
        best = name;
    }
    return best === '' ? field : best;
  }
}

type ServerParse = ReturnType<typeof parseSurvey>;

export interface ServerJudgement {
  readonly ok: boolean;
  readonly errors: ReadonlyMap<string, string>;
  readonly stored: Record<string, unknown>;
  readonly threw: string | null;
}

function judgeServer(
  parsed: ServerParse & { ok: true },
  answers: Record<string, unknown>,
  page: Page,
): ServerJudgement {
  try {
    const result = validateResponse(parsed.survey, {}, structuredClone(answers), 'en');
    if (result.ok) return { ok: true, errors: new Map(), stored: { ...result.answers }, threw: null };
    const errors = new Map<string, string>();
    for (const error of result.errors) {
      const owner = page.ownerOf(error.field);
      if (!errors.has(owner)) errors.set(owner, `${error.field}: ${error.message}`);
    }
    return { ok: false, errors, stored: {}, threw: null };
  } catch (error) {
    return { ok: false, errors: new Map(), stored: {}, threw: String(error) };
  }
}

// ---------------------------------------------------------------------------------------------
// Generating the cases and comparing.

export interface ParityOptions {
  readonly seed?: number;
  /** How many different valid base answer sets (each with its own visibility pattern). */
  readonly bases?: number;
  /** Roughly how many cases per questionnaire when `bases` is not given (default 300, 150 with matrices or dynamic panels). */
  readonly budget?: number;
}

function baseAnswers(page: Page, random: Random): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of page.questions) {
    const value = validValue(question, random);
    if (value !== undefined) answers[question.getValueName()] = value;
  }
  // Hidden questions are not answered on the page: drop what the generated answers hide.
  return page.judge(answers).data;
}

export function generateCases(page: Page, options: ParityOptions = {}): ParityCase[] {
  const random = new Random(options.seed ?? 20_261_203);
  const emptied = Object.fromEntries(
    page.questions.filter(canEmpty).map((question) => [question.getValueName() as string, []]),
  );
  const cases: ParityCase[] = [{ question: null, kind: 'allEmpty', answers: {}, pageAnswers: emptied }];
  // About `budget` cases whatever the questionnaire's size: more bases for a small one.
  const perBase = Math.max(1, page.questions.length * 8);
  // A new model per judgement costs tens of ms: fewer cases where that is needed.
  const budget = options.budget ?? (page.stateful ? 150 : 300);
  const bases = options.bases ?? Math.max(1, Math.min(8, Math.round(budget / perBase)));
  for (let b = 0; b < bases; b++) {
    const base = baseAnswers(page, random);
    cases.push({ question: null, kind: 'base', answers: base });
    cases.push({ question: UNKNOWN_KEY, kind: 'unknownQuestion', answers: { ...base, [UNKNOWN_KEY]: 'x' } });
    // Visibility below is the base's.
    page.show(base);
    for (const question of page.questions) {
      const name: string = question.getValueName();
      const valid = validValue(question, random);
      if (valid === undefined) continue;
      const isHidden = !(question.isVisible && question.isParentVisible);
      if (isHidden) {
        cases.push({ question: question.name, kind: 'hidden', answers: { ...base, [name]: valid } });
        continue;
      }
      cases.push({ question: question.name, kind: 'valid', answers: { ...base, [name]: valid } });
      const without = { ...base };
      delete without[name];
      // What the page holds for the question before the resident touches it, sent as it is.
      if (Object.hasOwn(page.initialData, name))
        cases.push({
          question: question.name,
          kind: 'untouched',
          answers: { ...base, [name]: page.initialData[name] },
        });
      if (canEmpty(question)) {
        // Emptied on the page by removing its rows: no answer on the server, or an empty list.
        cases.push({ question: question.name, kind: 'empty', answers: without, pageAnswers: { ...base, [name]: [] } });
        cases.push({ question: question.name, kind: 'empty', answers: { ...base, [name]: [] } });
      } else cases.push({ question: question.name, kind: 'empty', answers: without });
      for (const { kind, value } of invalidValues(question, page.json, random))
        cases.push({ question: question.name, kind, answers: { ...base, [name]: value } });
      if (hasOther(question)) {
        const plain = plainChoices(question);
        if (plain.length > 0) {
          const chosen = typeOf(question) === 'checkbox' ? [plain[0]] : plain[0];
          cases.push({
            question: question.name,
            kind: 'textWithoutOther',
            answers: { ...base, [name]: chosen, [`${name}-Comment`]: 'other text' },
          });
        }
        cases.push({
          question: question.name,
          kind: 'valid',
          answers: {
            ...base,
            [name]: typeOf(question) === 'checkbox' ? [OTHER] : OTHER,
            [`${name}-Comment`]: 'my own answer',
          },
        });
      }
    }
  }
  return cases;
}

const short = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** Case kinds whose value the page's controls cannot produce. */
const IMPOSSIBLE: readonly CaseKind[] = ['wrongType', 'outsideChoices', 'valueText', 'numberAsText', 'unknownRow'];

/** Runs every generated case through both judges and groups the differences by key. */
export function runParity(name: string, json: unknown, options: ParityOptions = {}): ParityResult {
  const started = performance.now();
  const differences = new Map<string, { count: number; difference: Difference }>();
  const add = (difference: Difference): void => {
    const entry = differences.get(difference.key);
    if (entry) entry.count++;
    else differences.set(difference.key, { count: 1, difference });
  };
  const page = new Page(json);
  let parsed: ServerParse;
  try {
    parsed = parseSurvey(json);
  } catch (error) {
    parsed = { ok: false, errors: [{ field: '', message: `parseSurvey threw: ${String(error)}` }] };
  }
  if (!parsed.ok) {
    const first = parsed.errors
      .slice(0, 3)
      .map((error) => `${error.field}: ${error.message}`)
      .join('; ');
    add({
      key: differenceKey('questionnaire', 'refused', 'questionnaire-refused'),
      questionType: 'questionnaire',
      kind: 'questionnaire',
      direction: 'questionnaire-refused',
      example: `${parsed.errors.length} error(s): ${first}`,
    });
    return { name, cases: 0, differences, pageAccepted: 0, serverAccepted: 0, ms: performance.now() - started };
  }
  const types = new Map<string, string>(page.questions.map((question) => [question.name, questionType(question)]));
  const cases = generateCases(page, options);
  let pageAccepted = 0;
  let serverAccepted = 0;
  for (const parityCase of cases) {
    const onPage = page.judge(parityCase.pageAnswers ?? parityCase.answers);
    const onServer = judgeServer(parsed, parityCase.answers, page);
    if (onPage.ok) pageAccepted++;
    if (onServer.ok) serverAccepted++;
    // An answer to a question the page hides is a "hidden" answer, whichever question was changed.
    const kindOf = (question: string): CaseKind => {
      if (onPage.hidden.has(question)) return Object.hasOwn(parityCase.answers, question) ? 'hidden' : 'hiddenEmpty';
      if (parityCase.kind === 'allEmpty') return 'allEmpty';
      return question === parityCase.question ? parityCase.kind : 'base';
    };
    const typeFor = (question: string): string =>
      types.get(question) ?? (parityCase.kind === 'unknownQuestion' ? 'unknown' : 'field');
    if (onServer.threw !== null) {
      const type = parityCase.question ? typeFor(parityCase.question) : 'survey';
      add({
        key: differenceKey(type, parityCase.kind, 'server-throws'),
        questionType: type,
        kind: parityCase.kind,
        direction: 'server-throws',
        example: `${short(parityCase.answers)} -> ${onServer.threw}`,
      });
      continue;
    }
    for (const [question, message] of onServer.errors) {
      if (onPage.errors.has(question)) continue;
      const type = typeFor(question);
      let kind = kindOf(question);
      const sent = JSON.stringify(parityCase.answers[question]);
      if (kind === 'base' && sent !== undefined && JSON.stringify(onPage.data[question]) !== sent)
        kind = 'pageChangesValue';
      else if (kind === 'base' && IMPOSSIBLE.includes(parityCase.kind)) kind = 'followsImpossible';
      add({
        key: differenceKey(type, kind, 'server-stricter'),
        questionType: type,
        kind,
        direction: 'server-stricter',
        example: `${question} = ${short(parityCase.answers[question])}: page accepts; server: ${message}`,
      });
    }
    for (const question of onPage.errors) {
      if (onServer.errors.has(question)) continue;
      const type = typeFor(question);
      let kind = kindOf(question);
      if (kind === 'base' && !onServer.ok && IMPOSSIBLE.includes(parityCase.kind)) kind = 'followsImpossible';
      const pageMessage = onPage.messages.get(question) ?? 'an error';
      add({
        key: differenceKey(type, kind, 'server-laxer'),
        questionType: type,
        kind,
        direction: 'server-laxer',
        example: `${question} = ${short(parityCase.answers[question])}: page: ${pageMessage}; server accepts`,
      });
    }
    if (onPage.ok && onServer.ok) {
      for (const key of Object.keys(onServer.stored)) {
        if (Object.hasOwn(onPage.data, key)) continue;
        const question = page.ownerOf(key);
        const type = typeFor(question);
        const kind = kindOf(question);
        const direction: Direction = onPage.hidden.has(question) ? 'server-keeps-hidden' : 'server-keeps-dropped';
        add({
          key: differenceKey(type, kind, direction),
          questionType: type,
          kind,
          direction,
          example: `${key} = ${short(onServer.stored[key])}: the page drops it (${direction === 'server-keeps-hidden' ? 'hidden' : 'not a value it keeps'}); the server stores it`,
        });
      }
    }
  }
  return { name, cases: cases.length, differences, pageAccepted, serverAccepted, ms: performance.now() - started };
}

/** The question's type as the report names it: `text(number)` for a number input, etc. */
function questionType(question: SjQuestion): string {
  const type = typeOf(question);
  if (type === 'text' && question.inputType && question.inputType !== 'text') return `text(${question.inputType})`;
  return type;
}

function pageErrorText(question: SjQuestion): string {
  const errors: any[] = question.errors ?? [];
  const text = errors.map((error) => error.getText?.() ?? String(error)).join(' / ');
  return text || 'an error inside the question';
}

/** The SurveyJS feature a difference is about, for grouping the report. */
export function featureOf(difference: Difference): string {
  const { kind, direction, questionType } = difference;
  if (direction === 'questionnaire-refused') return 'questionnaire refused';
  if (direction === 'server-throws') return 'server throws';
  if (direction === 'server-keeps-hidden' || kind === 'hidden' || kind === 'hiddenEmpty')
    return 'visibleIf (answers to hidden questions)';
  if (direction === 'server-keeps-dropped') return 'values survey-core drops';
  switch (kind) {
    case 'empty':
    case 'allEmpty':
    case 'missingRow':
      return direction === 'server-laxer' ? 'required (isRequired, requiredIf, visibleIf)' : 'required';
    case 'tooMany':
    case 'tooFew':
      return questionType === 'paneldynamic' ? 'panel count' : 'selected-choice limits (min/maxSelectedChoices)';
    case 'manyPanels':
      return 'expressions over dynamic panels';
    case 'badText':
      return 'text validators and input types';
    case 'outOfRange':
      return 'number ranges (min/max, numeric validator)';
    case 'valueText':
      return '"value|text" choices';
    case 'otherWithoutText':
    case 'textWithoutOther':
      return '"other" and its text';
    case 'unknownQuestion':
      return 'unknown keys';
    case 'outsideChoices':
    case 'unknownRow':
    case 'wrongType':
    case 'numberAsText':
      return 'values the page cannot produce';
    default:
      // base, valid: answers the page could send (or leaves out) as a base for the other cases.
      return direction === 'server-laxer'
        ? 'what the page checks besides (required, requiredIf, visibleIf, validators, expressions)'
        : `${questionType} answers the page sends`;
  }
}

/** A readable report: per questionnaire, the differences grouped by feature, then by key. */
export function formatReport(
  results: readonly ParityResult[],
  label: (result: ParityResult, key: string, difference: Difference) => string = () => '',
): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(
      `${result.name}: ${result.cases} cases in ${Math.round(result.ms)} ms; page accepts ${result.pageAccepted}, server accepts ${result.serverAccepted}; ${result.differences.size} kinds of difference`,
    );
    const byFeature = new Map<string, [string, { count: number; difference: Difference }][]>();
    for (const entry of result.differences) {
      const feature = featureOf(entry[1].difference);
      byFeature.set(feature, [...(byFeature.get(feature) ?? []), entry]);
    }
    for (const feature of [...byFeature.keys()].sort()) {
      lines.push(`  ${feature}:`);
      const sorted = byFeature.get(feature)!.sort(([a], [b]) => a.localeCompare(b));
      for (const [key, { count, difference }] of sorted)
        lines.push(`    ${label(result, key, difference)}${key} ×${count}  e.g. ${difference.example}`);
    }
  }
  return lines.join('\n');
}
