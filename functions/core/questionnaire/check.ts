// A questionnaire against its indicators and background mapping.
import { BACKGROUND_VARIABLES, DONT_KNOW, type BackgroundVariable, type Indicator } from '../schemas.ts';
import type { FieldError } from '../language.ts';
import { nearMiss } from '../spelling.ts';
import { dottedQuestion, itemReadings, rowAnswers } from './items.ts';
import { allowedAnswers } from './parse.ts';
import { Problems } from './problems.ts';
import type { BackgroundMapping, ChoiceValue, MatrixDropdownQuestion, MatrixQuestion, ParsedSurvey } from './types.ts';

/** Values for an administrator's message; a long list is cut after ten. */
function listValues(values: readonly unknown[]): string {
  const listed = values
    .slice(0, 10)
    .map((value) => JSON.stringify(value))
    .join(', ');
  return values.length > 10 ? `${listed} and ${values.length - 10} more` : listed;
}

/** `; did you mean "yes"?` when `value` misses an allowed answer only by case or spaces, else ''. */
function didYouMean(value: string, allowed: Iterable<string>): string {
  const near = nearMiss(value, allowed);
  return near === null ? '' : `; did you mean ${JSON.stringify(near)}?`;
}

/** The numeric-scale rule of index and mean items (and of shares with a scale). */
function checkScale(
  itemName: string,
  allowed: readonly (ChoiceValue | boolean)[],
  scale: readonly [number, number],
  field: string,
  problems: Problems,
): void {
  const [lo, hi] = scale;
  const outside = allowed.filter(
    (value) => typeof value === 'number' && Number.isInteger(value) && (value < lo || value > hi),
  );
  const fractional = allowed.filter((value) => typeof value === 'number' && !Number.isInteger(value));
  const notNumbers = allowed.filter((value) => typeof value !== 'number' && value !== DONT_KNOW);
  if (outside.length > 0)
    problems.add(field, `"${itemName}" allows ${listValues(outside)}, outside the indicator's scale ${lo}..${hi}`);
  if (fractional.length > 0)
    problems.add(field, `"${itemName}" allows ${listValues(fractional)}, which are not whole numbers`);
  if (notNumbers.length > 0)
    problems.add(
      field,
      `"${itemName}" allows ${listValues(notNumbers)}, which are not numbers (of the other answers only "${DONT_KNOW}" may be)`,
    );
}

const rowValues = (question: MatrixQuestion | MatrixDropdownQuestion): string[] =>
  question.rows.map((row) => String(row.value));

/** Why a dotted item name that names no row of a matrix cannot be read; null when it starts with no question. */
function notARow(itemName: string, survey: ParsedSurvey): string | null {
  const dotted = dottedQuestion(itemName, survey);
  if (!dotted) return null;
  const { question, rest } = dotted;
  if (question.kind !== 'matrix' && question.kind !== 'matrixdropdown')
    return `"${itemName}" is not a question of the survey, and "${question.name}" is a ${question.type} question, not a matrix whose row "${rest}" an item could name`;
  const rows = rowValues(question);
  return `the matrix "${question.name}" has no row "${rest}" (its rows: ${listValues(rows)})${didYouMean(rest, rows)}`;
}

/** The item's allowed answers when an indicator can read it; otherwise says why not. */
function scorableAnswers(
  itemName: string,
  survey: ParsedSurvey,
  field: string,
  problems: Problems,
): readonly (ChoiceValue | boolean)[] | null {
  const readings = itemReadings(itemName, survey);
  if (readings.length > 1) {
    const named = readings.map((reading) =>
      reading.kind === 'question'
        ? `the question "${reading.question.name}"`
        : `the row "${String(reading.row.value)}" of the matrix "${reading.matrix.name}"`,
    );
    problems.add(field, `"${itemName}" names both ${named.join(' and ')}: rename one of them`);
    return null;
  }
  const reading = readings[0];
  if (!reading) {
    problems.add(field, notARow(itemName, survey) ?? `"${itemName}" is not a question of the survey`);
    return null;
  }
  if (reading.kind === 'row') {
    const { matrix, row } = reading;
    const where = `"${itemName}" is the row "${String(row.value)}" of the ${matrix.type} "${matrix.name}"`;
    if (matrix.kind === 'matrixdropdown') {
      problems.add(
        field,
        `${where}, with an answer per column: indicators over matrixdropdown rows are not supported yet`,
      );
      return null;
    }
    if (matrix.multiple) {
      problems.add(
        field,
        `${where}, whose cells are checkboxes (several answers per row); an indicator reads one answer`,
      );
      return null;
    }
    return rowAnswers(matrix);
  }
  const question = reading.question;
  switch (question.kind) {
    case 'matrix':
      problems.add(
        field,
        `"${itemName}" is a matrix with an answer per row: name one of its rows as the item, as "${itemName}.${String(question.rows[0]?.value)}"`,
      );
      return null;
    case 'matrixdropdown':
    case 'matrixdynamic':
    case 'multipletext':
    case 'paneldynamic':
      problems.add(
        field,
        `"${itemName}" is a ${question.type} question with several answers; an indicator reads one answer`,
      );
      return null;
    case 'display':
      problems.add(field, `"${itemName}" is a ${question.type} element and takes no answer`);
      return null;
    case 'multiple':
      problems.add(
        field,
        `"${itemName}" is a ${question.type} question with several answers per respondent; an indicator reads one answer`,
      );
      return null;
    case 'text':
    case 'number':
      problems.add(
        field,
        `"${itemName}" takes a typed answer; an indicator needs a rating, a choice or a yes/no question`,
      );
      return null;
    default:
      return allowedAnswers(question) ?? [];
  }
}

function checkIndicator(def: Indicator, i: number, survey: ParsedSurvey, problems: Problems): void {
  def.items.forEach((itemName, j) => {
    const field = `indicators[${i}].items[${j}]`;
    const allowed = scorableAnswers(itemName, survey, field, problems);
    if (!allowed) return;
    if (def.kind !== 'share') {
      checkScale(itemName, allowed, def.scale, field, problems);
      return;
    }
    // Scoring compares String(answer) with String(positive), exactly as spelt: so does this check.
    const allowedText = new Set(allowed.map(String));
    const notAllowed = (value: unknown): string =>
      `${JSON.stringify(value)} is not an answer "${itemName}" allows (${listValues(allowed)})${didYouMean(String(value), allowedText)}`;
    def.positive.forEach((value, k) => {
      if (!allowedText.has(String(value)))
        problems.add(`indicators[${i}].positive[${k}]`, `positive value ${notAllowed(value)}`);
    });
    if (def.scale) checkScale(itemName, allowed, def.scale, field, problems);
    if (def.values) {
      def.values.forEach((value, k) => {
        if (value !== DONT_KNOW && !allowedText.has(String(value)))
          problems.add(`indicators[${i}].values[${k}]`, `value ${notAllowed(value)}`);
      });
      const values = new Set(def.values.map(String));
      const missing = allowed.filter((value) => value !== DONT_KNOW && !values.has(String(value)));
      if (missing.length > 0)
        problems.add(
          `indicators[${i}].values`,
          `"${itemName}" allows ${listValues(missing)}, which are not among the indicator's values`,
        );
    }
    if (!def.scale && def.positive.every((value) => typeof value === 'number')) {
      // Numeric positive values make the item numeric for every reader (scoring.ts, docs/METHOD-NOTES.md).
      const odd = allowed.filter(
        (value) => value !== DONT_KNOW && !(typeof value === 'number' && Number.isInteger(value)),
      );
      if (odd.length > 0)
        problems.add(
          field,
          `"${itemName}" allows ${listValues(odd)}; with numeric positive values every answer is a whole number or "${DONT_KNOW}"`,
        );
    }
  });
}

function checkBackground(
  variable: BackgroundVariable,
  questionName: string,
  survey: ParsedSurvey,
  areaIds: readonly string[],
  problems: Problems,
): void {
  const field = `background.${variable}`;
  const question = survey.byName.get(questionName);
  if (!question) {
    problems.add(field, `"${questionName}" is not a question of the survey`);
    return;
  }
  if (question.kind !== 'single' || question.type === 'rating') {
    problems.add(
      field,
      `"${questionName}" is a ${question.type} question; a background question is a radiogroup or a dropdown`,
    );
    return;
  }
  if (variable !== 'area') return;
  const choices = question.choices.map((choice) => String(choice.value));
  const offered = new Set(choices);
  const areas = new Set(areaIds);
  const missing = areaIds.filter((id) => !offered.has(id));
  const extra = choices.filter((value) => !areas.has(value));
  if (missing.length > 0)
    problems.add(field, `the area question "${questionName}" lacks the project's areas ${listValues(missing)}`);
  if (extra.length > 0)
    problems.add(
      field,
      `the area question "${questionName}" offers ${listValues(extra)}, which are not areas of the project`,
    );
}

/** The project settings that need background variables: what it groups by and weights by. */
export interface BackgroundNeeds {
  readonly groupBy: readonly BackgroundVariable[];
  readonly weighting: { readonly strata: readonly BackgroundVariable[] } | null;
}

/** The mapping of a questionnaire that gives none: each variable to the question of its name, if any. */
export function backgroundByName(survey: ParsedSurvey): BackgroundMapping {
  const mapping: BackgroundMapping = {};
  for (const variable of BACKGROUND_VARIABLES) if (survey.byName.has(variable)) mapping[variable] = variable;
  return mapping;
}

/**
 * A variable the project groups or weights by that no question answers: every response would
 * lack it, and the breakdown by it and the weighted figures would be empty with no word of why.
 */
function checkNeeded(
  background: BackgroundMapping,
  needs: BackgroundNeeds,
  survey: ParsedSurvey,
  problems: Problems,
): void {
  for (const variable of BACKGROUND_VARIABLES) {
    if (background[variable] !== undefined) continue;
    const settings: string[] = [];
    if (needs.groupBy.includes(variable)) settings.push('groupBy');
    if (needs.weighting?.strata.includes(variable)) settings.push('weighting.strata');
    if (settings.length === 0) continue;
    const byName = survey.byName.has(variable) ? ` (the survey's question "${variable}" is not mapped)` : '';
    problems.add(
      `background.${variable}`,
      `no question is mapped to ${variable}, which the project's ${settings.join(' and ')} ${settings.length > 1 ? 'need' : 'needs'}: name the question that asks it under background.${variable}${byName}`,
    );
  }
}

/**
 * Whether a questionnaire fits its indicators, background mapping and areas, and, given the
 * project's settings, maps every variable they group or weight by; [] when it does.
 */
export function checkQuestionnaire(
  survey: ParsedSurvey,
  indicators: readonly Indicator[],
  background: BackgroundMapping,
  areaIds: readonly string[],
  needs?: BackgroundNeeds,
): FieldError[] {
  const problems = new Problems();
  indicators.forEach((def, i) => {
    checkIndicator(def, i, survey, problems);
  });
  const mappedBy = new Map<string, BackgroundVariable>();
  for (const variable of BACKGROUND_VARIABLES) {
    const questionName = background[variable];
    if (questionName === undefined) continue;
    const earlier = mappedBy.get(questionName);
    if (earlier !== undefined) {
      problems.add(`background.${variable}`, `"${questionName}" already answers ${earlier}`);
      continue;
    }
    mappedBy.set(questionName, variable);
    checkBackground(variable, questionName, survey, areaIds, problems);
  }
  if (needs) checkNeeded(background, needs, survey, problems);
  return problems.list;
}
