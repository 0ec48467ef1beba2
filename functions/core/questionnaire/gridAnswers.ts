// Answers with parts: a matrix (row -> column value), a matrixdropdown (row -> column -> cell) and a
// multiple text (item -> text). Every row, column and item is checked; what survey-core requires
// (eachRowRequired, a required column in every row, a required item) is required here too.
import type { Answer } from '../schemas.ts';
import { choiceIndex, isChoiceValue, notAChoice } from './answerChecks.ts';
import type { ResidentMessages } from './messages.ts';
import { isPlainObject } from './problems.ts';
import { isEmptyValue } from './validatorChecks.ts';
import {
  valueKey,
  type CellQuestion,
  type ChoiceValue,
  type MatrixDropdownQuestion,
  type MatrixDynamicQuestion,
  type MatrixQuestion,
  type MultipleTextQuestion,
} from './types.ts';

/** An accepted answer (null: unanswered), or every error found in it. */
export type PartsChecked = { answer: Answer } | { errors: string[] };

/** Checks one cell or item as its own question is checked (its validators included). */
export type CheckPart = (question: CellQuestion, value: unknown) => { answer: Answer } | { error: string };

/** What the page's conditions decide for a question with parts, for one submission. */
export interface PartRules {
  /** The question is shown and editable: its required parts and eachRowRequired hold. */
  readonly enforced: boolean;
  /** Whether a part (column, item) must be answered where the row's (or item's) answers are `cells`. */
  required(part: CellQuestion, cells: Readonly<Record<string, unknown>>): boolean;
}

/** A plain object without a prototype: whatever the keys, writing them reaches nothing. */
const record = (): Record<string, Answer> => Object.create(null) as Record<string, Answer>;

/**
 * The accepted parts in the question's own order (rows, columns, items), whatever order they came
 * in: a retry that lists them otherwise is the same submission (api/submissions.ts compares JSON).
 */
function done(answer: Record<string, Answer>, errors: string[], order: readonly string[]): PartsChecked {
  if (errors.length > 0) return { errors };
  const ordered = record();
  for (const key of order) if (key in answer) ordered[key] = answer[key]!;
  return { answer: Object.keys(ordered).length > 0 ? ordered : null };
}

/** A matrix answer: each row's column value (or, with cellType checkbox, its distinct column values). */
export function checkMatrix(
  question: MatrixQuestion,
  value: unknown,
  say: ResidentMessages,
  enforced: boolean,
): PartsChecked {
  const errors: string[] = [];
  const answer = record();
  if (value !== undefined && value !== null) {
    if (!isPlainObject(value)) return { errors: [say.expectedRows] };
    const rows = choiceIndex(question.rows);
    const columns = choiceIndex(question.columns);
    for (const [key, cell] of Object.entries(value)) {
      const row = rows.get(valueKey(key));
      if (row === undefined) {
        errors.push(say.unknownRow(key));
        continue;
      }
      if (isEmptyValue(cell)) continue;
      if (!question.multiple) {
        if (!isChoiceValue(cell)) errors.push(say.inRow(String(row), say.expectedChoice));
        else {
          const declared = columns.get(valueKey(cell));
          if (declared === undefined) errors.push(say.inRow(String(row), notAChoice(question.columns, cell, say)));
          else answer[String(row)] = declared;
        }
        continue;
      }
      if (!Array.isArray(cell)) {
        errors.push(say.inRow(String(row), say.expectedChoiceList));
        continue;
      }
      const chosen: ChoiceValue[] = [];
      const seen = new Set<string>();
      let problem: string | null = null;
      for (const item of cell) {
        const declared = isChoiceValue(item) ? columns.get(valueKey(item)) : undefined;
        if (!isChoiceValue(item)) problem = say.expectedChoiceList;
        else if (declared === undefined) problem = notAChoice(question.columns, item, say);
        else if (seen.has(valueKey(declared))) problem = say.chosenTwice(declared);
        if (problem !== null || declared === undefined) break;
        seen.add(valueKey(declared));
        chosen.push(declared);
      }
      if (problem !== null) errors.push(say.inRow(String(row), problem));
      else answer[String(row)] = chosen;
    }
  }
  if (errors.length > 0) return { errors };
  // survey-core checks these on the page's visible rows, the question answered or not.
  if (enforced && question.eachRowRequired && question.rows.some((row) => !(String(row.value) in answer)))
    errors.push(say.eachRowRequired);
  if (question.eachRowUnique) {
    const given = Object.values(answer).map((cell) => JSON.stringify(cell));
    if (new Set(given).size !== given.length) errors.push(say.eachRowUnique);
  }
  return done(
    answer,
    errors,
    question.rows.map((row) => String(row.value)),
  );
}

/** The cells of one row (or the items of a multiple text): each checked, the required ones present. */
function checkParts(
  parts: readonly CellQuestion[],
  value: Record<string, unknown>,
  checkPart: CheckPart,
  unknown: (key: string) => string,
  where: (part: string, message: string) => string,
  say: ResidentMessages,
  errors: string[],
  rules: PartRules,
): Record<string, Answer> {
  const answer = record();
  const byName = new Map(parts.map((part) => [part.name, part]));
  const wrong = new Set<string>();
  for (const [key, cell] of Object.entries(value)) {
    const part = byName.get(key);
    if (!part) {
      errors.push(unknown(key));
      continue;
    }
    const checked = checkPart(part, cell);
    if ('error' in checked) {
      errors.push(where(key, checked.error));
      wrong.add(key);
    } else if (checked.answer !== null) answer[key] = checked.answer;
  }
  for (const part of parts)
    if (rules.enforced && !(part.name in answer) && !wrong.has(part.name) && rules.required(part, value))
      errors.push(where(part.name, say.required));
  const ordered = record();
  for (const part of parts) if (part.name in answer) ordered[part.name] = answer[part.name]!;
  return ordered;
}

/** A matrixdropdown answer: per row, its cells by column name, each checked as its column's question. */
export function checkMatrixDropdown(
  question: MatrixDropdownQuestion,
  value: unknown,
  say: ResidentMessages,
  checkPart: CheckPart,
  rules: PartRules,
): PartsChecked {
  if (value !== undefined && value !== null && !isPlainObject(value)) return { errors: [say.expectedRows] };
  const given = value ?? {};
  const errors: string[] = [];
  const answer = record();
  const rows = choiceIndex(question.rows);
  for (const key of Object.keys(given)) if (rows.get(valueKey(key)) === undefined) errors.push(say.unknownRow(key));
  for (const choice of question.rows) {
    const row = String(choice.value);
    const cells = Object.hasOwn(given, row) ? given[row] : undefined;
    if (cells !== undefined && cells !== null && !isPlainObject(cells)) {
      errors.push(say.inRow(row, say.expectedItems));
      continue;
    }
    // A required column is required in every row the page shows, the matrix answered or not.
    if (!rules.enforced && (cells === undefined || cells === null)) continue;
    const cellAnswers = checkParts(
      question.columns,
      cells ?? {},
      checkPart,
      (key) => say.inRow(row, say.unknownColumn(key)),
      (column, message) => say.inCell(row, column, message),
      say,
      errors,
      rules,
    );
    if (Object.keys(cellAnswers).length > 0) answer[row] = cellAnswers;
  }
  return done(
    answer,
    errors,
    question.rows.map((row) => String(row.value)),
  );
}

/**
 * A dynamic matrix answer: a list of rows, each checked like a matrixdropdown row. No rows sent is
 * no answer: the resident removed the starting rows, which the page accepts.
 */
export function checkMatrixDynamic(
  question: MatrixDynamicQuestion,
  value: unknown,
  say: ResidentMessages,
  checkPart: CheckPart,
  rules: PartRules,
): PartsChecked {
  if (value !== undefined && value !== null && !Array.isArray(value)) return { errors: [say.expectedPanels] };
  if (Array.isArray(value) && value.length > question.maxRows) return { errors: [say.tooManyRows(question.maxRows)] };
  const given: unknown[] = Array.isArray(value) ? value : [];
  const errors: string[] = [];
  const rows: Record<string, Answer>[] = [];
  const keys = new Set<string>();
  given.forEach((cells, i) => {
    if (cells !== null && cells !== undefined && !isPlainObject(cells)) {
      errors.push(say.inRow(String(i + 1), say.expectedItems));
      return;
    }
    const row = checkParts(
      question.columns,
      cells ?? {},
      checkPart,
      (key) => say.inRow(String(i + 1), say.unknownColumn(key)),
      (column, message) => say.inRowNumber(i + 1, column, message),
      say,
      errors,
      rules,
    );
    const key = question.keyName === null ? undefined : row[question.keyName];
    if (typeof key === 'string' || typeof key === 'number') {
      if (keys.has(String(key))) errors.push(say.inRowNumber(i + 1, question.keyName!, say.keyInTwoRows(key)));
      keys.add(String(key));
    }
    rows.push(row);
  });
  if (errors.length > 0) return { errors };
  return { answer: rows.some((row) => Object.keys(row).length > 0) ? rows : null };
}

/** A multiple text answer: a text (or a number) per item, each checked as a text question. */
export function checkMultipleText(
  question: MultipleTextQuestion,
  value: unknown,
  say: ResidentMessages,
  checkPart: CheckPart,
  rules: PartRules,
): PartsChecked {
  if (value !== undefined && value !== null && !isPlainObject(value)) return { errors: [say.expectedItems] };
  if ((value === undefined || value === null) && !rules.enforced) return { answer: null };
  const errors: string[] = [];
  const answer = checkParts(question.items, value ?? {}, checkPart, say.unknownItem, say.inItem, say, errors, rules);
  return done(
    answer,
    errors,
    question.items.map((item) => item.name),
  );
}
