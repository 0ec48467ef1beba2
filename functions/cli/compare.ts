// `bygdpuls compare`: two round CSV files (and population figures) in, the comparison out.
// Reads each file once, streaming, into round aggregates; the statistics are core's.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import type { RoundAggregate } from '../core/aggregates.ts';
import { compareRounds, type Comparison } from '../core/compare.ts';
import {
  BackgroundVariable,
  BACKGROUND_VARIABLES,
  IndicatorList,
  ProjectSettings,
  stratumKey,
  type Weighting,
  type Indicator,
} from '../core/schemas.ts';
import { createScorer, shareDefinitionProblems } from '../core/scoring.ts';
import { firstInvalidUtf8, readCsv } from './csv/index.ts';
import { InputError, lineAndColumn } from './errors.ts';
import { jsonErrorOffset } from './jsonError.ts';
import { readRoundsInParallel, type ParallelReadOptions } from './parallelRead.ts';

export { readRound } from './roundReader.ts';

/** indicators.json as the reference cases lay it out: settings, a population file name, indicators. */
const IndicatorsFile = z.strictObject({
  alpha: z.number().optional(),
  minGroupSize: z.number().optional(),
  groupBy: z.array(z.string()).optional(),
  weighting: z
    .strictObject({
      strata: z.array(z.string()).min(1),
      population: z.string().min(1).optional(),
      minStratumSize: z.number().optional(),
    })
    .nullable()
    .optional(),
  bands: z.unknown().optional(),
  indicators: z.unknown(),
});

export interface CompareFiles {
  indicators: string;
  baseline: string;
  followup: string;
  population?: string | undefined;
  /** Also suppress the groups that would reveal a suppressed one by subtraction (as the API does). */
  secondarySuppression?: boolean | undefined;
}

export interface LoadedDefinitions {
  indicators: Indicator[];
  settings: ProjectSettings;
}

function zodPath(issuePath: readonly PropertyKey[]): string {
  return issuePath
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
}

function failOnZod(file: string, prefix: string, error: z.ZodError): never {
  const issue = error.issues[0]!;
  const at = zodPath(issue.path);
  throw new InputError(file, null, null, `${prefix}${at ? `${at}: ` : ''}${issue.message}`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A UTF-8 text file (a byte-order mark is dropped); bytes that are not UTF-8 are an error at their place. */
async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, null, null, code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const before = bytes.subarray(0, firstInvalidUtf8(bytes)).toString('utf8');
    const where = lineAndColumn(before, before.length);
    throw new InputError(file, where.line, where.column, 'the text is not valid UTF-8');
  }
}

/** Reads and checks the indicators file; reads the population file when the project is weighted. */
export async function loadDefinitions(files: CompareFiles): Promise<LoadedDefinitions> {
  const text = await readText(files.indicators);
  if (text.trim() === '') throw new InputError(files.indicators, 1, null, 'the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const where = offset === null ? null : lineAndColumn(text, offset);
    const near = offset === null ? '' : ` near ${JSON.stringify(text.slice(offset, offset + 12))}`;
    throw new InputError(
      files.indicators,
      where?.line ?? null,
      where?.column ?? null,
      `not valid JSON${near} (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const parsedFile = IndicatorsFile.safeParse(json);
  if (!parsedFile.success) failOnZod(files.indicators, '', parsedFile.error);
  const file = parsedFile.data;
  const indicators = IndicatorList.safeParse(file.indicators);
  if (!indicators.success) failOnZod(files.indicators, 'indicators', indicators.error);
  // A text share must say which answers count as not positive (unless it is a yes/no share).
  const undeclared = shareDefinitionProblems(indicators.data)[0];
  if (undeclared) {
    const at = indicators.data.findIndex((def) => def.id === undeclared.id);
    throw new InputError(files.indicators, null, null, `indicators[${at}].values: ${undeclared.message}`);
  }

  let weighting: Weighting | null = null;
  const populationFile =
    files.population ??
    (file.weighting?.population ? path.resolve(path.dirname(files.indicators), file.weighting.population) : undefined);
  if (file.weighting && !populationFile) {
    throw new InputError(
      files.indicators,
      null,
      null,
      'weighting.population: the project is weighted: give a population file (here or with --population)',
    );
  }
  if (populationFile) {
    const strata = file.weighting?.strata;
    weighting = await readPopulation(populationFile, strata);
    if (file.weighting?.minStratumSize !== undefined) weighting.minStratumSize = file.weighting.minStratumSize;
  }
  const settings = ProjectSettings.safeParse({
    alpha: file.alpha,
    minGroupSize: file.minGroupSize,
    groupBy: file.groupBy,
    weighting,
    bands: file.bands,
  });
  if (!settings.success) failOnZod(files.indicators, '', settings.error);
  return { indicators: indicators.data, settings: settings.data };
}

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** Population figures: one column per stratum variable and `population`. */
async function readPopulation(file: string, strataFromSettings: readonly string[] | undefined): Promise<Weighting> {
  const strata: BackgroundVariable[] = [];
  let populationColumn = -1;
  let columns: number[] = [];
  const rows: Weighting['population'] = [];
  const seen = new Map<string, number>();
  await readCsv(
    file,
    (header) => {
      populationColumn = header.indexOf('population');
      if (populationColumn === -1) throw new InputError(file, 1, null, 'the header has no "population" column');
      const names = strataFromSettings ?? header.filter((name) => name !== 'population');
      for (const [i, name] of names.entries()) {
        const parsed = BackgroundVariable.safeParse(name);
        if (!parsed.success) {
          throw new InputError(
            file,
            1,
            strataFromSettings ? null : header.indexOf(name) + 1,
            `"${name}" is not a stratum variable (one of ${BACKGROUND_VARIABLES.join(', ')})`,
          );
        }
        if (names.indexOf(name) !== i) throw new InputError(file, 1, null, `stratum variable "${name}" is named twice`);
        strata.push(parsed.data);
      }
      columns = strata.map((name) => {
        const column = header.indexOf(name);
        if (column === -1)
          throw new InputError(file, 1, null, `the header has no column for the stratum variable "${name}"`);
        return column;
      });
      header.forEach((name, i) => {
        if (name !== 'population' && !strata.includes(name as BackgroundVariable)) {
          throw new InputError(file, 1, i + 1, `column "${name}" is neither a stratum variable nor "population"`);
        }
      });
    },
    (fields, line) => {
      const row: Record<string, string | number> = {};
      strata.forEach((variable, i) => {
        const value = fields[columns[i]!]!;
        if (value === '') throw new InputError(file, line, columns[i]! + 1, `empty "${variable}"`);
        row[variable] = value;
      });
      const raw = fields[populationColumn]!;
      // Plain decimal numbers only: Number() would also read "0x10", " 12", "1e3" and "Infinity".
      const population = DECIMAL.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(population) || population <= 0) {
        throw new InputError(file, line, populationColumn + 1, `population "${raw}" is not a positive number`);
      }
      // Counts of people: 1e308 once made the weighted estimate 0 in [0, 0].
      if (!Number.isInteger(population) || population >= 1_000_000_000) {
        throw new InputError(
          file,
          line,
          populationColumn + 1,
          `population "${raw}" is not a whole number of people under 1000000000`,
        );
      }
      row.population = population;
      const key = stratumKey(strata, row as Record<string, string>);
      const earlier = seen.get(key);
      if (earlier !== undefined)
        throw new InputError(file, line, columns[0]! + 1, `this stratum is already on line ${earlier}`);
      seen.set(key, line);
      rows.push(row as Weighting['population'][number]);
    },
  );
  if (rows.length === 0) throw new InputError(file, 2, null, 'no population rows under the header');
  return { strata, population: rows };
}

/** The whole command: files in, comparison out. */
export async function compareFiles(
  files: CompareFiles,
  reading: ParallelReadOptions = {},
): Promise<{ comparison: Comparison; definitions: LoadedDefinitions }> {
  const definitions = await loadDefinitions(files);
  const scorer = createScorer(definitions.indicators);
  // Side by side on the machine's cores; the result and the first error reported are those of
  // reading the baseline, then the follow-up, on one thread.
  const [baseline, followup] = (await readRoundsInParallel(
    [files.baseline, files.followup],
    definitions,
    scorer,
    reading,
  )) as [RoundAggregate, RoundAggregate];
  const options = { secondarySuppression: files.secondarySuppression ?? false };
  return {
    comparison: compareRounds(definitions.indicators, definitions.settings, baseline, followup, options),
    definitions,
  };
}
