// One round's CSV file (or a part of it) read into a round accumulator, every answer checked against
// the definitions: what `bygdpuls compare` does per file, on the main thread or in a reader thread.
import { RoundAccumulator, type MutableCell, type RoundAggregate } from '../core/aggregates.ts';
import {
  BACKGROUND_VARIABLES,
  stratumKey,
  type Answer,
  type BackgroundVariable,
  type ProjectSettings,
} from '../core/schemas.ts';
import { parseTextAnswer, type Scorer } from '../core/scoring.ts';
import { scanCsv } from './csv/index.ts';
import type { FilePart } from './csv/scanCsv.ts';
import { InputError } from './errors.ts';

/** One distinct raw value of a column, checked and coded once. */
interface ColumnValue {
  /** The answer (question columns) or the background value (null when empty). */
  answer: Answer;
  /** Answer code in the accumulator's dictionary, or the background value's index + 1 (0: empty). */
  code: number;
}

export const MAX_BACKGROUND_VALUES = 1000;

export interface RoundPartRead {
  accumulator: RoundAccumulator;
  /** Per background variable the file has: its distinct non-empty values, in order of appearance. */
  backgroundValues: Partial<Record<BackgroundVariable, string[]>>;
}

/**
 * Reads one round's CSV (or one part of it, see FilePart) into a new accumulator, checking every
 * answer against the definitions. Errors are InputErrors naming the file, the line and the column.
 */
export async function readRoundPart(
  file: string,
  scorer: Scorer,
  settings: ProjectSettings,
  part?: FilePart,
  signal?: AbortSignal,
): Promise<RoundPartRead> {
  const accumulator = new RoundAccumulator(scorer);
  const questionCount = scorer.questions.length;
  const answers: Answer[] = new Array<Answer>(questionCount).fill(null);
  const codes = new Int32Array(questionCount);
  const weighting = settings.weighting;
  const knownStrata = weighting
    ? new Set(weighting.population.map((row) => stratumKey(weighting.strata, row as Record<string, string>)))
    : null;
  /** Which background variables the file has, in BACKGROUND_VARIABLES order (slot after the questions). */
  const present: BackgroundVariable[] = [];
  const cells = new Map<number, MutableCell>();
  const backgroundValues: RoundPartRead['backgroundValues'] = {};

  const backgroundInterner = (column: BackgroundVariable) => {
    const seen: string[] = (backgroundValues[column] = []);
    return (text: string, line: number): ColumnValue => {
      if (text === '') return { answer: null, code: 0 };
      if (text.length > 100) throw new InputError(file, line, column, 'a background value is at most 100 characters');
      if (seen.length >= MAX_BACKGROUND_VALUES)
        throw new InputError(file, line, column, `more than ${MAX_BACKGROUND_VALUES} distinct values`);
      seen.push(text);
      return { answer: text, code: seen.length };
    };
  };

  /** A new combination of background values: check it against the population figures once. */
  const newCell = (values: Record<BackgroundVariable, string | null>, line: number): MutableCell => {
    if (weighting && knownStrata && weighting.strata.every((variable) => values[variable] !== null)) {
      if (!knownStrata.has(stratumKey(weighting.strata, values))) {
        const described = weighting.strata.map((variable) => `${variable} "${values[variable]}"`).join(', ');
        throw new InputError(file, line, weighting.strata[0]!, `the population figures have no stratum ${described}`);
      }
    }
    return accumulator.cell(values.area, values.age_band, values.gender);
  };

  await scanCsv<ColumnValue>(
    file,
    (names) => {
      const seen = new Map<string, number>();
      names.forEach((name, i) => {
        if (seen.has(name))
          throw new InputError(file, 1, i + 1, `column "${name}" appears twice (also column ${seen.get(name)! + 1})`);
        seen.set(name, i);
      });
      for (const variable of new Set([...settings.groupBy, ...(weighting?.strata ?? [])])) {
        if (!names.includes(variable))
          throw new InputError(file, 1, null, `no column "${variable}", which the settings group or weight by`);
      }
      const columns = scorer.questions.map((question) => {
        const column = names.indexOf(question);
        if (column === -1) {
          const users = scorer.indicators.filter((c) => c.def.items.includes(question)).map((c) => c.def.id);
          throw new InputError(
            file,
            1,
            null,
            `no column "${question}", an item of indicator ${users.map((id) => `"${id}"`).join(', ')}`,
          );
        }
        return column;
      });
      const interners = scorer.questions.map((_, q) => (text: string, line: number): ColumnValue => {
        const parsed = parseTextAnswer(scorer.rules[q]!, text);
        if ('error' in parsed) throw new InputError(file, line, names[columns[q]!]!, parsed.error);
        return { answer: parsed.answer, code: accumulator.answerCode(q, parsed.answer) };
      });
      for (const variable of BACKGROUND_VARIABLES) {
        const column = names.indexOf(variable);
        if (column === -1) continue;
        present.push(variable);
        columns.push(column);
        interners.push(backgroundInterner(variable));
      }
      return { columns, interners };
    },
    (values, line) => {
      for (let q = 0; q < questionCount; q++) {
        const value = values[q]!;
        answers[q] = value.answer;
        codes[q] = value.code;
      }
      // The cell id packs the background codes (each 0..1000) into one number.
      let id = 0;
      for (let b = 0; b < present.length; b++) id = id * 1024 + values[questionCount + b]!.code;
      let cell = cells.get(id);
      if (cell === undefined) {
        const background: Record<BackgroundVariable, string | null> = { area: null, age_band: null, gender: null };
        present.forEach((variable, b) => {
          background[variable] = values[questionCount + b]!.answer as string | null;
        });
        cell = newCell(background, line);
        cells.set(id, cell);
      }
      accumulator.addToCell(cell, answers, codes);
    },
    { ...(part ? { part } : {}), signal },
  );
  return { accumulator, backgroundValues };
}

/** Reads one round's whole CSV file into its aggregate, in one pass on this thread. */
export async function readRound(file: string, scorer: Scorer, settings: ProjectSettings): Promise<RoundAggregate> {
  return (await readRoundPart(file, scorer, settings)).accumulator.toAggregate();
}
