// What an indicator's item names in a questionnaire: a question, or a row of a matrix
// ("attitudes.future": the row "future" of the matrix "attitudes"; the matrix's name and the row's
// value may hold dots too). The scorer reads a row's answer out of the matrix answer
// (functions/core/scoring.ts, itemAnswer); here the questionnaire says which readings exist.
import type { Choice, MatrixDropdownQuestion, MatrixQuestion, ParsedSurvey, Question } from './types.ts';

/** One reading of an item name: the question of that name, or a row of a grid question. */
export type ItemReading =
  | { readonly kind: 'question'; readonly question: Question }
  | { readonly kind: 'row'; readonly matrix: MatrixQuestion | MatrixDropdownQuestion; readonly row: Choice };

/** Every place a dot splits the item into a question name and what follows, longest question name first. */
export function dottedSplits(itemName: string): [question: string, row: string][] {
  const splits: [string, string][] = [];
  for (let dot = itemName.lastIndexOf('.'); dot > 0; dot = itemName.lastIndexOf('.', dot - 1))
    splits.push([itemName.slice(0, dot), itemName.slice(dot + 1)]);
  return splits;
}

/** Every reading the questionnaire gives the item name (more than one is ambiguous; none, unknown). */
export function itemReadings(itemName: string, survey: ParsedSurvey): ItemReading[] {
  const readings: ItemReading[] = [];
  const question = survey.byName.get(itemName);
  if (question) readings.push({ kind: 'question', question });
  for (const [name, rowValue] of dottedSplits(itemName)) {
    const grid = survey.byName.get(name);
    if (grid?.kind !== 'matrix' && grid?.kind !== 'matrixdropdown') continue;
    const row = grid.rows.find((choice) => String(choice.value) === rowValue);
    if (row) readings.push({ kind: 'row', matrix: grid, row });
  }
  return readings;
}

/** The question a dotted item name starts with, when it names no row of it: for the message that says why. */
export function dottedQuestion(itemName: string, survey: ParsedSurvey): { question: Question; rest: string } | null {
  for (const [name, rest] of dottedSplits(itemName)) {
    const question = survey.byName.get(name);
    if (question) return { question, rest };
  }
  return null;
}

/** The answers a matrix row may hold (its columns), as allowedAnswers gives them for a question. */
export function rowAnswers(matrix: MatrixQuestion): readonly Choice['value'][] {
  return matrix.columns.map((column) => column.value);
}
