// Reading a document: pages, panels and questions walked in order, into the questions bygdpuls
// can store, or every problem (at most MAX_ERRORS). Each question carries its own conditions and
// those of the panels and page around it, parsed here once (conditions.ts); validate.ts evaluates them.
import type { FieldError, Language } from '../language.ts';
import { GRID_READERS } from './gridReaders.ts';
import { DEFAULT_MAX_PANELS, MAX_CONTAINERS, MAX_DEPTH, MAX_QUESTIONS, MAX_TEMPLATE_QUESTIONS } from './limits.ts';
import { checkMarkup } from './markup.ts';
import { isPlainObject, Problems } from './problems.ts';
import { elementRules, QUESTION_READERS, questionBase, read, type Walk } from './readers.ts';
import { checkNames } from './conditions.ts';
import { shapes, SurveyJson } from './shapes.ts';
import { COMMENT_SUFFIX, type ChoiceValue, type ParsedSurvey, type Question } from './types.ts';

function countContainer(field: string, walk: Walk): boolean {
  walk.containers++;
  if (walk.containers <= MAX_CONTAINERS) return true;
  walk.problems.add(field, `a survey has at most ${MAX_CONTAINERS} pages and panels`);
  walk.stopped = true;
  return false;
}

/**
 * The elements of a page, a panel or the survey: "elements", or "questions", which SurveyJS reads
 * as the same list (its serializer's alternativeName). Where both hold elements SurveyJS shows
 * only the one written last, so the document is refused rather than half of it dropped unseen.
 */
function elementsOf(
  container: { elements?: readonly unknown[] | undefined; questions?: readonly unknown[] | undefined },
  field: string,
  walk: Walk,
  key: 'elements' | 'templateElements' = 'elements',
): { list: readonly unknown[] | undefined; field: string } {
  const elements = container.elements;
  const questions = container.questions;
  if (elements && elements.length > 0 && questions && questions.length > 0) {
    walk.problems.add(
      `${field}.questions`,
      `give "${key}" or "questions" (an older name of the same list), not both: SurveyJS shows only the one written last`,
    );
    return { list: undefined, field };
  }
  const prefix = field === '' ? '' : `${field}.`;
  if (questions && questions.length > 0) return { list: questions, field: `${prefix}questions` };
  return { list: elements, field: `${prefix}${key}` };
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
  const given = raw['type'];
  if (typeof given !== 'string') {
    walk.problems.add(`${field}.type`, 'every element needs a type');
    return;
  }
  // SurveyJS finds a class by its name in lower case: "radioGroup" is a radiogroup.
  const type = given.toLowerCase();
  if (type === 'panel') {
    if (!countContainer(field, walk)) return;
    const panel = read(shapes().PanelSchema, raw, field, walk);
    if (!panel.ok) return;
    const inner = elementsOf(panel.value, field, walk);
    walk.around.push(elementRules(panel.value, field, `the panel "${panel.value.name ?? field}"`, walk));
    readElements(inner.list, inner.field, depth + 1, conditional, walk);
    walk.around.pop();
    return;
  }
  const reader =
    type === 'paneldynamic' ? readPanelDynamic(depth) : (QUESTION_READERS.get(type) ?? GRID_READERS.get(type));
  const name = typeof raw['name'] === 'string' ? raw['name'] : '';
  if (!reader) {
    const supported = [...QUESTION_READERS.keys(), ...GRID_READERS.keys(), 'panel', 'paneldynamic'].join(', ');
    walk.problems.add(
      `${field}.type`,
      `question "${name}" has the type "${given}", which bygdpuls does not support (supported: ${supported})`,
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

/**
 * A dynamic panel: its template read like a panel of its own (names need only differ within it),
 * its answers a list of at most maxPanelCount panels.
 */
function readPanelDynamic(depth: number) {
  return (raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null => {
    if (!countContainer(field, walk)) return null;
    const parsed = read(shapes().PanelDynamicSchema, raw, field, walk);
    if (!parsed.ok) return null;
    const element = parsed.value;
    // The template's questions are shown per panel: the rules around them are the template's own panels.
    const inner: Walk = { ...walk, questions: [], paths: new Map(), around: [] };
    const template = elementsOf(
      { elements: element.templateElements, questions: element.questions },
      field,
      walk,
      'templateElements',
    );
    const before = walk.problems.list.length;
    readElements(template.list, template.field, depth + 1, conditional, inner);
    walk.containers = inner.containers;
    walk.stopped = inner.stopped;
    if (walk.problems.list.length > before) return null;
    if (inner.questions.length > MAX_TEMPLATE_QUESTIONS) {
      walk.problems.add(template.field, `a dynamic panel has at most ${MAX_TEMPLATE_QUESTIONS} questions`);
      return null;
    }
    if (!inner.questions.some((question) => question.kind !== 'display')) {
      walk.problems.add(template.field, `the dynamic panel "${element.name}" has no question that takes an answer`);
      return null;
    }
    const nested = inner.questions.find((question) => question.kind === 'paneldynamic' || hasOtherItem(question));
    if (nested) {
      walk.problems.add(
        nested.path,
        nested.kind === 'paneldynamic'
          ? 'a dynamic panel inside a dynamic panel is not supported'
          : 'an "other" item inside a dynamic panel is not supported',
      );
      return null;
    }
    const minPanels = element.minPanelCount ?? 0;
    const maxPanels = element.maxPanelCount || DEFAULT_MAX_PANELS;
    if (maxPanels > DEFAULT_MAX_PANELS || minPanels > maxPanels) {
      walk.problems.add(
        `${field}.maxPanelCount`,
        `a dynamic panel holds from minPanelCount up to maxPanelCount panels, at most ${DEFAULT_MAX_PANELS}`,
      );
      return null;
    }
    return {
      ...questionBase(element, field, conditional, walk),
      kind: 'paneldynamic',
      type: 'paneldynamic',
      template: inner.questions,
      maxPanels,
      keyName: element.keyName || null,
    };
  };
}

const hasOtherItem = (question: Question): boolean =>
  (question.kind === 'single' || question.kind === 'multiple') && question.otherItem;

/** Reads a SurveyJS document into its questions, or says everything that is wrong (at most 50). */
export function parseSurvey(json: unknown): { ok: true; survey: ParsedSurvey } | { ok: false; errors: FieldError[] } {
  const problems = new Problems();
  if (!isPlainObject(json))
    return { ok: false, errors: [{ field: '', message: 'a survey is a JSON object with "pages" or "elements"' }] };
  const parsedTop = SurveyJson.safeParse(json);
  if (!parsedTop.success) {
    problems.addIssues('', parsedTop.error.issues);
    return { ok: false, errors: problems.list };
  }
  const document = parsedTop.data;
  const walk: Walk = {
    problems,
    questions: [],
    paths: new Map(),
    storeOthersAsComment: document.storeOthersAsComment ?? true,
    maxTextLength: document.maxTextLength || null,
    containers: 0,
    stopped: false,
    around: [],
    conditions: [],
  };
  const top = elementsOf(document, '', walk);
  if (document.pages && (document.elements || document.questions)) {
    problems.add(document.elements ? 'elements' : 'questions', `give "pages" or top-level "elements", not both`);
  } else if (document.pages) {
    for (let i = 0; i < document.pages.length && !walk.stopped && !problems.full; i++) {
      const field = `pages[${i}]`;
      if (!countContainer(field, walk)) break;
      const page = read(shapes().PageSchema, document.pages[i], field, walk);
      if (!page.ok) continue;
      const inner = elementsOf(page.value, field, walk);
      walk.around.push(elementRules(page.value, field, `the page "${page.value.name ?? field}"`, walk));
      readElements(inner.list, inner.field, 1, false, walk);
      walk.around.pop();
    }
  } else if (top.list) {
    readElements(top.list, top.field, 1, false, walk);
  } else if (problems.list.length === 0) {
    problems.add('pages', 'a survey has "pages" or top-level "elements"');
  }
  // The text of "other" arrives under <name>-Comment: no question may be called that.
  for (const question of walk.questions) {
    if (hasOtherItem(question)) {
      const clash = walk.paths.get(question.name + COMMENT_SUFFIX);
      if (clash !== undefined)
        problems.add(
          `${clash}.name`,
          `the name "${question.name}${COMMENT_SUFFIX}" holds the "other" text of ${question.path}`,
        );
    }
  }
  checkMarkup(json, '', problems);
  const expressionQuestions = new Set<string>();
  const collect = (questions: readonly Question[]): void => {
    for (const question of questions) {
      if (question.kind === 'display' && question.type === 'expression')
        expressionQuestions.add(question.name.toLowerCase());
      if (question.kind === 'paneldynamic') collect(question.template);
    }
  };
  collect(walk.questions);
  checkNames(walk.conditions, expressionQuestions, problems);
  if (problems.list.length === 0 && !walk.questions.some((question) => question.kind !== 'display')) {
    problems.add('pages', 'the survey has no question that takes an answer');
  }
  if (problems.list.length > 0) return { ok: false, errors: problems.list };
  const commentKeys = new Set<string>();
  for (const question of walk.questions) if (hasOtherItem(question)) commentKeys.add(question.name + COMMENT_SUFFIX);
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
    case 'matrix':
    case 'matrixdropdown':
    case 'matrixdynamic':
    case 'multipletext':
    case 'paneldynamic':
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
