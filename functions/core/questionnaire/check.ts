// A questionnaire against its indicators and background mapping.
import { BACKGROUND_VARIABLES, DONT_KNOW, type BackgroundVariable, type Indicator } from '../schemas.ts';
import type { FieldError } from '../language.ts';
import { allowedAnswers } from './parse.ts';
import { Problems } from './problems.ts';
import type { BackgroundMapping, ChoiceValue, ParsedSurvey, Question } from './types.ts';

/** Values for an administrator's message; a long list is cut after ten. */
function listValues(values: readonly unknown[]): string {
  const listed = values
    .slice(0, 10)
    .map((value) => JSON.stringify(value))
    .join(', ');
  return values.length > 10 ? `${listed} and ${values.length - 10} more` : listed;
}

/** The numeric-scale rule of index and mean items (and of shares with a scale). */
function checkScale(
  question: Question,
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
    problems.add(field, `"${question.name}" allows ${listValues(outside)}, outside the indicator's scale ${lo}..${hi}`);
  if (fractional.length > 0)
    problems.add(field, `"${question.name}" allows ${listValues(fractional)}, which are not whole numbers`);
  if (notNumbers.length > 0)
    problems.add(
      field,
      `"${question.name}" allows ${listValues(notNumbers)}, which are not numbers (of the other answers only "${DONT_KNOW}" may be)`,
    );
}

/** The item's allowed answers when an indicator can read it; otherwise says why not. */
function scorableAnswers(
  itemName: string,
  survey: ParsedSurvey,
  field: string,
  problems: Problems,
): { question: Question; allowed: readonly (ChoiceValue | boolean)[] } | null {
  const question = survey.byName.get(itemName);
  if (!question) {
    problems.add(field, `"${itemName}" is not a question of the survey`);
    return null;
  }
  switch (question.kind) {
    case 'display':
      problems.add(field, `"${itemName}" is a ${question.type} element and takes no answer`);
      return null;
    case 'multiple':
      problems.add(
        field,
        `"${itemName}" is a checkbox question with several answers per respondent; an indicator reads one answer`,
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
      return { question, allowed: allowedAnswers(question) ?? [] };
  }
}

function checkIndicator(def: Indicator, i: number, survey: ParsedSurvey, problems: Problems): void {
  def.items.forEach((itemName, j) => {
    const field = `indicators[${i}].items[${j}]`;
    const item = scorableAnswers(itemName, survey, field, problems);
    if (!item) return;
    const { question, allowed } = item;
    if (def.kind !== 'share') {
      checkScale(question, allowed, def.scale, field, problems);
      return;
    }
    // Scoring compares String(answer) with String(positive): so does this check.
    const allowedText = new Set(allowed.map(String));
    def.positive.forEach((value, k) => {
      if (!allowedText.has(String(value))) {
        problems.add(
          `indicators[${i}].positive[${k}]`,
          `positive value ${JSON.stringify(value)} is not an answer "${itemName}" allows (${listValues(allowed)})`,
        );
      }
    });
    if (def.scale) checkScale(question, allowed, def.scale, field, problems);
    if (def.values) {
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

/** Whether a questionnaire fits its indicators, background mapping and areas; [] when it does. */
export function checkQuestionnaire(
  survey: ParsedSurvey,
  indicators: readonly Indicator[],
  background: BackgroundMapping,
  areaIds: readonly string[],
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
  return problems.list;
}
