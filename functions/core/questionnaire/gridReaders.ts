// Readers of the questions with parts: matrix (a Likert grid), matrixdropdown (a question per
// column, in every row) and multipletext (a text per item). A cell or an item is read by the reader
// of its own type, so it is checked as that question is.
import { DEFAULT_MAX_ROWS } from './limits.ts';
import { isPlainObject } from './problems.ts';
import { listedChoices, QUESTION_READERS, questionBase, read, type Walk } from './readers.ts';
import { shapes } from './shapes.ts';
import type { CellQuestion, Choice, NumberQuestion, Question, TextQuestion } from './types.ts';

/** The cell types of a matrixdropdown column (survey-core's matrixDropdownColumnTypes). */
const CELL_TYPES: ReadonlySet<string> = new Set([
  'dropdown',
  'checkbox',
  'radiogroup',
  'text',
  'comment',
  'boolean',
  'rating',
]);

function rowsOf(
  items: readonly Choice[] | undefined,
  what: 'rows' | 'columns',
  name: string,
  field: string,
  walk: Walk,
): Choice[] | null {
  const { choices } = listedChoices(items ?? [], `${field}.${what}`, walk, `the matrix "${name}"`);
  const hidden = choices.findIndex((choice) => choice.visibleIf);
  if (hidden >= 0) {
    walk.problems.add(
      `${field}.${what}[${hidden}].visibleIf`,
      `the matrix "${name}": a visibleIf on ${what === 'rows' ? 'a row' : 'a column'} is not supported (the server checks every ${what === 'rows' ? 'row' : 'column'})`,
    );
    return null;
  }
  if (choices.length === 0) {
    walk.problems.add(`${field}.${what}`, `the matrix "${name}" has no ${what}`);
    return null;
  }
  return choices;
}

function readMatrix(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().MatrixSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const element = parsed.value;
  for (const key of ['rowsVisibleIf', 'columnsVisibleIf'] as const) {
    if (element[key]?.trim()) {
      walk.problems.add(`${field}.${key}`, `the matrix "${element.name}": ${key} is not supported`);
      return null;
    }
  }
  const cellType = (element.cellType ?? 'radio').toLowerCase();
  if (cellType !== 'radio' && cellType !== 'checkbox') {
    walk.problems.add(`${field}.cellType`, 'a matrix cell is "radio" or "checkbox"');
    return null;
  }
  const rows = rowsOf(element.rows, 'rows', element.name, field, walk);
  const columns = rowsOf(element.columns, 'columns', element.name, field, walk);
  if (!rows || !columns) return null;
  return {
    ...questionBase(element, field, conditional, walk),
    kind: 'matrix',
    type: 'matrix',
    rows,
    columns,
    eachRowRequired: (element.eachRowRequired ?? element.isAllRowRequired) === true,
    eachRowUnique: element.eachRowUnique === true,
    multiple: cellType === 'checkbox',
  };
}

/** A cell or an item: read by its type's reader; "other" (a second value per cell) is not supported. */
function readPart(
  json: Record<string, unknown>,
  type: string,
  field: string,
  conditional: boolean,
  walk: Walk,
): CellQuestion | null {
  if (json['showOtherItem'] === true || json['hasOther'] === true) {
    walk.problems.add(`${field}.showOtherItem`, 'an "other" item in a matrix cell is not supported');
    return null;
  }
  // A column's or an item's requiredIf is evaluated per row; hiding or disabling one is not supported.
  for (const key of ['visibleIf', 'enableIf', 'choicesVisibleIf'] as const) {
    if (typeof json[key] === 'string' && json[key].trim() !== '') {
      walk.problems.add(
        `${field}.${key}`,
        `"${String(json['name'])}": ${key} on a matrix column or an item is not supported`,
      );
      return null;
    }
  }
  const reader = QUESTION_READERS.get(type);
  const question = reader ? reader({ ...json, type }, field, conditional, walk) : null;
  if (!question || question.kind === 'display') return null;
  return question as CellQuestion;
}

/** The columns of a matrixdropdown or matrixdynamic, each read as a question of its cell type. */
function readColumns(
  element: {
    name: string;
    cellType?: string | undefined;
    choices?: unknown[] | undefined;
    columns?: Record<string, unknown>[] | undefined;
  },
  field: string,
  conditional: boolean,
  walk: Walk,
): CellQuestion[] | null {
  const matrixType = (element.cellType ?? 'dropdown').toLowerCase();
  const columns: CellQuestion[] = [];
  const names = new Set<string>();
  for (const [i, column] of (element.columns ?? []).entries()) {
    const path = `${field}.columns[${i}]`;
    const given = typeof column['cellType'] === 'string' ? column['cellType'].toLowerCase() : 'default';
    const type = given === 'default' ? matrixType : given;
    if (!CELL_TYPES.has(type)) {
      walk.problems.add(
        `${path}.cellType`,
        `the column "${String(column['name'])}" has the cell type "${type}", which bygdpuls does not support (supported: ${[...CELL_TYPES].join(', ')})`,
      );
      continue;
    }
    // A column without its own choices offers the matrix's (survey-core's column.choices fallback).
    const json = { ...column, choices: column['choices'] ?? element.choices };
    const cell = readPart(json, type, path, conditional || column['visible'] === false, walk);
    if (!cell) continue;
    if (names.has(cell.name)) {
      walk.problems.add(`${path}.name`, `the column name "${cell.name}" is used twice`);
      continue;
    }
    names.add(cell.name);
    columns.push(cell);
  }
  if (columns.length === 0) {
    walk.problems.add(`${field}.columns`, `the matrix "${element.name}" has no columns`);
    return null;
  }
  return columns;
}

function readMatrixDropdown(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().MatrixDropdownSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const element = parsed.value;
  const rows = rowsOf(element.rows, 'rows', element.name, field, walk);
  const columns = rows && readColumns(element, field, conditional, walk);
  if (!rows || !columns) return null;
  return {
    ...questionBase(element, field, conditional, walk),
    kind: 'matrixdropdown',
    type: 'matrixdropdown',
    rows,
    columns,
  };
}

function readMatrixDynamic(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().MatrixDynamicSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const element = parsed.value;
  const columns = readColumns(element, field, conditional, walk);
  if (!columns) return null;
  const maxRows = element.maxRowCount || DEFAULT_MAX_ROWS;
  const minRows = element.minRowCount ?? 0;
  if (maxRows > DEFAULT_MAX_ROWS || minRows > maxRows) {
    walk.problems.add(
      `${field}.maxRowCount`,
      `a dynamic matrix holds from minRowCount up to maxRowCount rows, at most ${DEFAULT_MAX_ROWS}`,
    );
    return null;
  }
  const keyName = element.keyName || null;
  if (keyName !== null && !columns.some((column) => column.name === keyName)) {
    walk.problems.add(`${field}.keyName`, `keyName "${keyName}" is not a column of the matrix`);
    return null;
  }
  return {
    ...questionBase(element, field, conditional, walk),
    kind: 'matrixdynamic',
    type: 'matrixdynamic',
    columns,
    maxRows,
    keyName,
  };
}

function readMultipleText(raw: unknown, field: string, conditional: boolean, walk: Walk): Question | null {
  const parsed = read(shapes().MultipleTextSchema, raw, field, walk);
  if (!parsed.ok) return null;
  const element = parsed.value;
  const items: (TextQuestion | NumberQuestion)[] = [];
  const names = new Set<string>();
  for (const [i, item] of (element.items ?? []).entries()) {
    const path = `${field}.items[${i}]`;
    if (!isPlainObject(item)) continue;
    const text = readPart(item, 'text', path, conditional, walk);
    if (!text || (text.kind !== 'text' && text.kind !== 'number')) continue;
    if (names.has(text.name)) {
      walk.problems.add(`${path}.name`, `the item name "${text.name}" is used twice`);
      continue;
    }
    names.add(text.name);
    items.push(text);
  }
  if (items.length === 0) {
    walk.problems.add(`${field}.items`, `the multiple text "${element.name}" has no items`);
    return null;
  }
  return { ...questionBase(element, field, conditional, walk), kind: 'multipletext', type: 'multipletext', items };
}

export type GridReader = (raw: unknown, field: string, conditional: boolean, walk: Walk) => Question | null;

export const GRID_READERS: ReadonlyMap<string, GridReader> = new Map<string, GridReader>([
  ['matrix', readMatrix],
  ['matrixdropdown', readMatrixDropdown],
  ['matrixdynamic', readMatrixDynamic],
  ['multipletext', readMultipleText],
]);
