// `bygdpuls export`: a project's baseline and follow-up rounds, from the store, as the files that
// `bygdpuls compare` reads (indicators.json, baseline.csv, followup.csv, population.csv; and
// codebook.csv, which item each column holds), so that anyone can recompute the API's comparison
// from the stored responses with the command line.
// Only what the comparison needs leaves the store: background variables and the answers that
// indicators read. Free text never sits next to background variables; removed responses are gone.
// By default it follows the release rule (../shared/docs/METHOD.md, "Releases, not live figures"): the rows are
// those of each round's latest release (responses up to its marks), never the live data, so that two
// exports around one new response are the same; a round with no release yet is refused. A response
// removed since its release is left out at once (an erasure wins): `pendingRemovals` says how many.
// `--live` is the administrators' microdata export: every stored response now (what checks of the
// store, such as the load bench, compare with what was sent). It needs the store itself, as any
// administrator's command does, and is not a publication.

import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { comparableIndicators, NOT_COMPARABLE_MESSAGE } from '../core/comparable.ts';
import type { ReleaseInfo } from '../core/releases.ts';
import { BACKGROUND_VARIABLES, type Answer, type Indicator, type ProjectSettings } from '../core/schemas.ts';
import { parseSurvey, variableNames, withChoiceValues } from '../core/questionnaire/index.ts';
import { createScorer, itemAnswer, parseTextAnswer, type QuestionRule, type Scorer } from '../core/scoring.ts';
import { TABLE_NAME } from '../local/dataDir.ts';
import type { Store } from '../store/index.ts';
import { MissingQuestionnaireError, roundQuestionnaire } from '../store/questionnaires.ts';
import type { Release } from '../store/releases.ts';
import type { Project, Round, StoredResponse } from '../store/types.ts';
import { openStore } from './storeAccess.ts';
import { UsageError, type Io } from './usage.ts';

/** Something in the store that cannot be exported as asked (exit code 1). */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

export interface ExportRequest {
  projectId: string;
  baselineId: string;
  followupId: string;
  /** The folder the files are written to (made when missing; files in it are replaced). */
  outDir: string;
  /** Every stored response now, not the latest release (administrators' microdata). */
  live?: boolean;
}

export interface RoundExport {
  roundId: string;
  file: string;
  /** Responses written (those of the release, not removed). */
  rows: number;
  /** The release the rows are taken from; null for a live export. */
  release: ReleaseInfo | null;
  /** Responses in the release removed since: the next release leaves them out too. */
  pendingRemovals: number;
}

export interface ExportSummary {
  outDir: string;
  indicators: string;
  /** codebook.csv: each item's column (its safe variable name) beside the item it holds. */
  codebook: string;
  population: string | null;
  baseline: RoundExport;
  followup: RoundExport;
}

export const INDICATORS_FILE = 'indicators.json';
export const POPULATION_FILE = 'population.csv';
export const CODEBOOK_FILE = 'codebook.csv';

/** The columns before the items'. */
const LEADING_COLUMNS = ['respondent', ...BACKGROUND_VARIABLES] as const;

/**
 * The column of each item, in the scorer's order: its safe variable name (questionnaire/names.ts:
 * `Care Provider` -> `care_provider`, the matrix row `attitudes.future` -> `attitudes_future`),
 * never one of the leading columns. indicators.json names the items by these columns too, so that
 * `compare` finds each item's column; codebook.csv says which item each column holds.
 */
export function itemColumns(scorer: Scorer): string[] {
  return variableNames([...LEADING_COLUMNS, ...scorer.questions]).slice(LEADING_COLUMNS.length);
}

/** The definitions with their items named by their columns. */
function renamedItems(indicators: readonly Indicator[], column: ReadonlyMap<string, string>): Indicator[] {
  return indicators.map((def) => ({ ...def, items: def.items.map((item) => column.get(item) ?? item) }) as Indicator);
}

/** codebook.csv: each column (variable) beside the item it holds, as the questionnaire names it. */
function codebookCsv(scorer: Scorer, columns: readonly string[]): string {
  let text = csvRow(['variable', 'item']);
  scorer.questions.forEach((item, q) => {
    text += csvRow([columns[q]!, item]);
  });
  return text;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const csvRow = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\n`;

/** How the accumulator keys an answer (functions/core/aggregates.ts answerCode). */
function answerKey(answer: Answer): string {
  return typeof answer === 'string' ? answer : typeof answer === 'number' ? String(answer) : JSON.stringify(answer);
}

/**
 * An answer as the CSV cell that `compare` reads back into the same score and the same answer
 * count, or null when no cell does (then exporting would change a figure, and it refuses).
 */
export function answerCell(rule: QuestionRule, answer: Answer | undefined): string | null {
  if (answer === undefined || answer === null) return '';
  if (typeof answer !== 'string' && typeof answer !== 'number' && typeof answer !== 'boolean') return null;
  const text = String(answer);
  if (text === '') return null; // an empty cell is "unanswered", and '' is not
  const parsed = parseTextAnswer(rule, text);
  if ('error' in parsed) return null;
  // Scores read numbers as numbers and everything else by its text (scoring.ts).
  const same =
    (typeof parsed.answer === 'number') === (typeof answer === 'number') &&
    answerKey(parsed.answer) === answerKey(answer);
  return same ? text : null;
}

/** A background value as a cell; values with line breaks are refused (the reader could not tell). */
function backgroundCell(value: string | null): string | null {
  if (value === null) return '';
  return /[\r\n]/.test(value) ? null : value;
}

/** indicators.json in the reference cases' layout: the settings, the population file, the definitions. */
function indicatorsFile(settings: ProjectSettings, indicators: readonly Indicator[]): Record<string, unknown> {
  return {
    alpha: settings.alpha,
    minGroupSize: settings.minGroupSize,
    groupBy: settings.groupBy,
    weighting: settings.weighting ? { strata: settings.weighting.strata, population: POPULATION_FILE } : null,
    bands: settings.bands,
    indicators,
  };
}

function populationCsv(weighting: NonNullable<ProjectSettings['weighting']>): string {
  let text = csvRow([...weighting.strata, 'population']);
  for (const row of weighting.population)
    text += csvRow([...weighting.strata.map((variable) => String(row[variable])), String(row.population)]);
  return text;
}

/** One response as a CSV row, or an error that says which answer cannot be written. */
function responseRow(round: Round, scorer: Scorer, response: StoredResponse): string {
  const fields: string[] = [response.responseId];
  for (const variable of BACKGROUND_VARIABLES) {
    const cell = backgroundCell(response.background[variable]);
    if (cell === null)
      throw new ExportError(
        `round ${round.id}, response ${response.responseId}: the ${variable} value has a line break`,
      );
    fields.push(cell);
  }
  scorer.questions.forEach((question, q) => {
    const answer = itemAnswer(response.answers, question);
    const cell = answerCell(scorer.rules[q]!, answer);
    if (cell === null) {
      throw new ExportError(
        `round ${round.id}, response ${response.responseId}: the answer ${JSON.stringify(answer)} to "${question}" has no CSV form that compare reads the same way`,
      );
    }
    fields.push(cell);
  });
  return csvRow(fields);
}

/**
 * Streams one round's stored responses up to its release's marks (every shard, removed ones left
 * out) into a CSV file, written under a temporary name first: a failed export leaves no partial
 * file that looks complete.
 */
async function writeRound(
  store: Store,
  round: Round,
  scorer: Scorer,
  file: string,
  hwms: readonly string[] | null,
  columns: readonly string[],
): Promise<number> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {}); // observed below, by the writes
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let rows = 0;
  try {
    try {
      await write(csvRow([...LEADING_COLUMNS, ...columns]));
      for (let shard = 0; shard < round.shards; shard++) {
        const hwm = hwms ? (hwms[shard] ?? '') : null;
        for await (const response of store.responses.responses(round.id, shard)) {
          if (hwm !== null && response.tsKey > hwm) continue; // not released yet
          await write(responseRow(round, scorer, response));
          rows++;
        }
      }
    } finally {
      out.end();
      await Promise.race([once(out, 'finish'), failed]);
    }
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return rows;
}

async function roundOf(store: Store, project: Project, roundId: string, which: string): Promise<Round> {
  const round = await store.rounds.get(roundId);
  if (!round || round.projectId !== project.id)
    throw new ExportError(`no ${which} round ${roundId} in project ${project.id}`);
  return round;
}

/** The round's definitions, each text share declaring its question's choices as its `values`. */
async function indicatorsOf(store: Store, round: Round): Promise<Indicator[]> {
  try {
    const questionnaire = await roundQuestionnaire(store, round);
    const parsed = parseSurvey(questionnaire.survey);
    return parsed.ok ? withChoiceValues(questionnaire.indicators, parsed.survey) : questionnaire.indicators;
  } catch (error) {
    if (error instanceof MissingQuestionnaireError) throw new ExportError(error.message);
    throw error;
  }
}

/** Writes the comparison's input files for two rounds of a project. */
export async function exportComparisonFiles(store: Store, request: ExportRequest): Promise<ExportSummary> {
  const project = await store.projects.get(request.projectId);
  if (!project) throw new ExportError(`no project ${request.projectId}`);
  const baseline = await roundOf(store, project, request.baselineId, 'baseline');
  const followup = await roundOf(store, project, request.followupId, 'follow-up');
  const indicators = await indicatorsOf(store, baseline);
  // The API compares only rounds with identical definitions; so does the export.
  if (!comparableIndicators(indicators, await indicatorsOf(store, followup)))
    throw new ExportError(NOT_COMPARABLE_MESSAGE);
  const releases = new Map<string, Release>();
  for (const round of request.live ? [] : [baseline, followup]) {
    const release = await store.releases.latest(round.id);
    if (!release)
      throw new ExportError(
        `round ${round.id} has no release yet: it is released when ${project.settings.minGroupSize} responses have come in, and when it closes`,
      );
    releases.set(round.id, release);
  }
  const scorer = createScorer(indicators);
  const columns = itemColumns(scorer);
  const outDir = path.resolve(request.outDir);
  mkdirSync(outDir, { recursive: true });

  const indicatorsPath = path.join(outDir, INDICATORS_FILE);
  const named = renamedItems(indicators, new Map(scorer.questions.map((item, q) => [item, columns[q]!])));
  writeFileSync(indicatorsPath, `${JSON.stringify(indicatorsFile(project.settings, named), null, 2)}\n`);
  const codebookPath = path.join(outDir, CODEBOOK_FILE);
  writeFileSync(codebookPath, codebookCsv(scorer, columns));
  let populationPath: string | null = null;
  if (project.settings.weighting) {
    populationPath = path.join(outDir, POPULATION_FILE);
    writeFileSync(populationPath, populationCsv(project.settings.weighting));
  }
  const roundFiles: RoundExport[] = [];
  for (const [round, name] of [
    [baseline, 'baseline.csv'],
    [followup, 'followup.csv'],
  ] as const) {
    const release = releases.get(round.id) ?? null;
    const file = path.join(outDir, name);
    const rows = await writeRound(store, round, scorer, file, release?.hwms ?? null, columns);
    roundFiles.push({
      roundId: round.id,
      file,
      rows,
      release: release && { at: release.at, n: release.n, final: release.final },
      pendingRemovals: release ? release.n - rows : 0,
    });
  }
  return {
    outDir,
    indicators: indicatorsPath,
    codebook: codebookPath,
    population: populationPath,
    baseline: roundFiles[0]!,
    followup: roundFiles[1]!,
  };
}

const EXPORT_OPTION_NAMES = [
  'project',
  'baseline',
  'followup',
  'out',
  'live',
  'data-dir',
  'table',
  'endpoint',
  'region',
] as const;

/** The command: `bygdpuls export --project P --baseline B --followup F --out DIR [--live] [store options]`. */
export async function runExport(args: string[], io: Io): Promise<number> {
  let values: Partial<Record<Exclude<(typeof EXPORT_OPTION_NAMES)[number], 'live'>, string>> & { live?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        project: { type: 'string' },
        baseline: { type: 'string' },
        followup: { type: 'string' },
        out: { type: 'string' },
        live: { type: 'boolean' },
        'data-dir': { type: 'string' },
        table: { type: 'string' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const name of ['project', 'baseline', 'followup', 'out'] as const) {
    if (!values[name]) throw new UsageError(`export needs --${name}`);
  }
  if (values['data-dir'] && (values.table || values.endpoint))
    throw new UsageError('give either --data-dir or --table/--endpoint, not both');
  // An endpoint alone is a local dynalite (a running server's): its table has the local name.
  const table = values.table ?? (values.endpoint ? TABLE_NAME : undefined);
  let opened: Awaited<ReturnType<typeof openStore>>;
  try {
    opened = await openStore({ dataDir: values['data-dir'], table, endpoint: values.endpoint, region: values.region });
  } catch (error) {
    io.stderr(`bygdpuls: ${(error as Error).message}\n`); // no data there, or no database reachable
    return 1;
  }
  const { store, close } = opened;
  try {
    const summary = await exportComparisonFiles(store, {
      projectId: values.project!,
      baselineId: values.baseline!,
      followupId: values.followup!,
      outDir: values.out!,
      live: values.live === true,
    });
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    io.stderr(`bygdpuls: ${error.message}\n`);
    return 1;
  } finally {
    await close();
  }
}
