// Reading a document: pages, panels and questions walked in order, into the questions bygdpuls
// can store, or every problem (at most MAX_ERRORS).
import type { FieldError, Language } from '../language.ts';
import { MAX_CONTAINERS, MAX_DEPTH, MAX_QUESTIONS } from './limits.ts';
import { checkMarkup } from './markup.ts';
import { isPlainObject, Problems } from './problems.ts';
import { isConditional, QUESTION_READERS, read, type Walk } from './readers.ts';
import { shapes, SurveyJson } from './shapes.ts';
import { COMMENT_SUFFIX, type ChoiceValue, type ParsedSurvey, type Question } from './types.ts';

function countContainer(field: string, walk: Walk): boolean {
  walk.containers++;
  if (walk.containers <= MAX_CONTAINERS) return true;
  walk.problems.add(field, `a survey has at most ${MAX_CONTAINERS} pages and panels`);
  walk.stopped = true;
  return false;
}

function readElements(
  elements: readonly unknown[] | undefined,
  field: string,
  depth: number,
  conditional: boolean,
  walk: Walk,
): void {
  if (!elements) return;
  if (depth > MAX_DEPTH) {
    walk.problems.add(field, `panels nest at most ${MAX_DEPTH} levels deep`);
    return;
  }
  for (let i = 0; i < elements.length && !walk.stopped && !walk.problems.full; i++) {
    readElement(elements[i], `${field}[${i}]`, depth, conditional, walk);
  }
}

function readElement(raw: unknown, field: string, depth: number, conditional: boolean, walk: Walk): void {
  if (!isPlainObject(raw)) {
    walk.problems.add(field, 'an element is an object with a type and a name');
    return;
  }
  const type = raw['type'];
  if (typeof type !== 'string') {
    walk.problems.add(`${field}.type`, 'every element needs a type');
    return;
  }
  if (type === 'panel') {
    if (!countContainer(field, walk)) return;
    const panel = read(shapes().PanelSchema, raw, field, walk);
    if (panel.ok)
      readElements(
        panel.value.elements,
        `${field}.elements`,
        depth + 1,
        conditional || isConditional(panel.value),
        walk,
      );
    return;
  }
  const reader = QUESTION_READERS.get(type);
  const name = typeof raw['name'] === 'string' ? raw['name'] : '';
  if (!reader) {
    const supported = [...QUESTION_READERS.keys(), 'panel'].join(', ');
    walk.problems.add(
      `${field}.type`,
      `question "${name}" has the type "${type}", which bygdpuls does not support (supported: ${supported})`,
    );
    return;
  }
  if (walk.questions.length >= MAX_QUESTIONS) {
    walk.problems.add(field, `a survey has at most ${MAX_QUESTIONS} questions`);
    walk.stopped = true;
    return;
  }
  const question = reader(raw, field, conditional, walk);
  if (!question) return;
  const earlier = walk.paths.get(question.name);
  if (earlier !== undefined) {
    walk.problems.add(`${field}.name`, `the name "${question.name}" is already used by ${earlier}`);
    return;
  }
  walk.paths.set(question.name, field);
  walk.questions.push(question);
}

/** Reads a SurveyJS document into its questions, or says everything that is wrong (at most 50). */
export function parseSurvey(json: unknown): { ok: true; survey: ParsedSurvey } | { ok: false; errors: FieldError[] } {
  const problems = new Problems();
  if (!isPlainObject(json))
    return { ok: false, errors: [{ field: '', message: 'a survey is a JSON object with "pages" or "elements"' }] };
  const top = SurveyJson.safeParse(json);
  if (!top.success) {
    problems.addIssues('', top.error.issues);
    return { ok: false, errors: problems.list };
  }
  const document = top.data;
  const walk: Walk = {
    problems,
    questions: [],
    paths: new Map(),
    storeOthersAsComment: document.storeOthersAsComment ?? true,
    maxTextLength: document.maxTextLength || null,
    containers: 0,
    stopped: false,
  };
  if (document.pages && document.elements) {
    problems.add('elements', 'give "pages" or top-level "elements", not both');
  } else if (document.pages) {
    for (let i = 0; i < document.pages.length && !walk.stopped && !problems.full; i++) {
      const field = `pages[${i}]`;
      if (!countContainer(field, walk)) break;
      const page = read(shapes().PageSchema, document.pages[i], field, walk);
      if (page.ok) readElements(page.value.elements, `${field}.elements`, 1, isConditional(page.value), walk);
    }
  } else if (document.elements) {
    readElements(document.elements, 'elements', 1, false, walk);
  } else {
    problems.add('pages', 'a survey has "pages" or top-level "elements"');
  }
  // The text of "other" arrives under <name>-Comment: no question may be called that.
  for (const question of walk.questions) {
    if ((question.kind === 'single' || question.kind === 'multiple') && question.otherItem) {
      const clash = walk.paths.get(question.name + COMMENT_SUFFIX);
      if (clash !== undefined)
        problems.add(
          `${clash}.name`,
          `the name "${question.name}${COMMENT_SUFFIX}" holds the "other" text of ${question.path}`,
        );
    }
  }
  checkMarkup(json, '', problems);
  if (problems.list.length === 0 && !walk.questions.some((question) => question.kind !== 'display')) {
    problems.add('pages', 'the survey has no question that takes an answer');
  }
  if (problems.list.length > 0) return { ok: false, errors: problems.list };
  const commentKeys = new Set<string>();
  for (const question of walk.questions)
    if ((question.kind === 'single' || question.kind === 'multiple') && question.otherItem)
      commentKeys.add(question.name + COMMENT_SUFFIX);
  return {
    ok: true,
    survey: {
      questions: walk.questions,
      byName: new Map(walk.questions.map((question) => [question.name, question])),
      commentKeys,
    },
  };
}

/** Every answer a question allows, or null when it takes free text or a typed number. */
export function allowedAnswers(question: Question): readonly (ChoiceValue | boolean)[] | null {
  switch (question.kind) {
    case 'single':
    case 'multiple':
      return question.choices.map((choice) => choice.value);
    case 'boolean':
      return [question.valueTrue, question.valueFalse];
    case 'display':
      return [];
    case 'text':
    case 'number':
      return null;
  }
}

/** A question's title in a language: that locale, else the default, else the name. */
export function questionTitle(question: Question, lang: Language): string {
  const title = question.title;
  if (title === null) return question.name;
  if (typeof title === 'string') return title;
  const text =
    (Object.hasOwn(title, lang) ? title[lang] : undefined) ??
    (Object.hasOwn(title, 'default') ? title['default'] : undefined);
  return text ?? question.name;
}
