// After a load run: what the store holds, checked against what the clients were told. Everything
// through the real command line (`bygdpuls export`, `compare`, `rebuild` as child processes) and
// the API, so that the proof uses the same paths an evaluator would.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { openStore } from '../functions/cli/storeAccess.ts';
import { aggregateResponses, type RoundAggregate } from '../functions/core/aggregates.ts';
import { compareRounds, type Comparison, type RoundSummary } from '../functions/core/compare.ts';
import { NONE_VALUE } from '../functions/core/questionnaire/index.ts';
import {
  ProjectSettings,
  type Answer,
  type Background,
  type Indicator,
  type ProjectSettingsInput,
} from '../functions/core/schemas.ts';
import { createScorer } from '../functions/core/scoring.ts';
import { mismatches } from '../tests/support/closeTo.ts';
import type { ClientTally, IdeaTally } from './loadClients.ts';
import { BIN } from '../tests/support/serverChild.ts';

/** Flags for `bygdpuls compare` so that it computes what the API computes (it suppresses by subtraction too). */
const COMPARE_FLAGS = ['--secondary-suppression'];

export interface LoadRounds {
  projectId: string;
  baseline: string;
  followup: string;
}

export interface StoreCheck {
  stored: number;
  /** Acknowledged responses that are not stored. */
  lost: number;
  /** Stored or counted beyond the distinct acknowledged responses. */
  doubleCounted: number;
  /** Responses acknowledged before the kill that are not stored. */
  lostAfterKill: number;
  /** The server's fold caught up with every stored response. */
  folded: boolean;
  comparisonMatches: boolean;
  /** Every indicator's n in the API's comparison equals the n of the acknowledged answers. */
  countsMatch: boolean;
  rebuildDifferences: number;
  /** What went wrong, in words (empty when nothing did). */
  findings: string[];
}

/** Runs the bygdpuls command line as a child; returns its exit code and output. */
async function bygdpuls(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      maxBuffer: 256 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 70,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? String(error),
    };
  }
}

/** The respondent ids of an exported round file (the first column; responseIds are UUIDs, never quoted). */
function exportedIds(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.slice(0, line.indexOf(',')));
}

/** Waits until the server's fold has folded `events` events of the rounds (the snapshots' counts). */
async function waitForFold(dataDir: string, roundIds: string[], events: number, timeoutMs: number): Promise<boolean> {
  const { store, close } = await openStore({ dataDir });
  try {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      let folded = 0;
      for (const roundId of roundIds) {
        const round = await store.rounds.get(roundId);
        for (let shard = 0; shard < (round?.shards ?? 0); shard++)
          folded += (await store.snapshots.get(roundId, shard))?.folded ?? 0;
      }
      if (folded === events) return true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return false;
  } finally {
    await close();
  }
}

/** Each indicator's n in a round, from the acknowledged answers themselves. */
function expectedCounts(
  indicators: Indicator[],
  ids: Iterable<string>,
  answersOf: Map<string, Record<string, unknown>>,
): Record<string, number> {
  const scorer = createScorer(indicators);
  const counts: Record<string, number> = Object.fromEntries(indicators.map((def) => [def.id, 0]));
  for (const id of ids) {
    const answers = answersOf.get(id)!;
    const row = scorer.questions.map((q) => (answers[q] ?? null) as Answer);
    for (const compiled of scorer.indicators) if (compiled.score(row) !== null) counts[compiled.def.id]!++;
  }
  return counts;
}

/** A round's aggregate from the acknowledged answers themselves (the first body of each id), not from the store. */
function acknowledgedAggregate(
  indicators: Indicator[],
  ids: Iterable<string>,
  answersOf: Map<string, Record<string, unknown>>,
): RoundAggregate {
  const value = (answer: unknown): string | null =>
    typeof answer === 'string' && answer !== NONE_VALUE ? answer : null;
  const responses = [...ids].map((id) => {
    const answers = answersOf.get(id)!;
    const background: Background = {
      area: value(answers.area),
      age_band: value(answers.age_band),
      gender: value(answers.gender),
    };
    return { background, answers: answers as Record<string, Answer> };
  });
  return aggregateResponses(createScorer(indicators), responses);
}

export async function checkStore(options: {
  dataDir: string;
  rounds: LoadRounds;
  tally: ClientTally;
  indicators: Indicator[];
  minGroupSize: number;
  /** The project's settings as created: the comparison is also computed from the acknowledged answers. */
  settings: ProjectSettingsInput;
  /** The API's comparison of the two rounds' final releases, read after the run. */
  readComparison: () => Promise<Comparison>;
}): Promise<StoreCheck> {
  const { dataDir, rounds, tally } = options;
  const roundIds = [rounds.baseline, rounds.followup];
  const findings: string[] = [];
  const check: StoreCheck = {
    stored: 0,
    lost: 0,
    doubleCounted: 0,
    lostAfterKill: 0,
    folded: false,
    comparisonMatches: false,
    countsMatch: true,
    rebuildDifferences: 0,
    findings,
  };

  // What the store holds: the export, through the command line.
  const exportDir = path.join(dataDir, 'load-export');
  const exported = await bygdpuls([
    'export',
    '--project',
    rounds.projectId,
    '--baseline',
    rounds.baseline,
    '--followup',
    rounds.followup,
    '--out',
    exportDir,
    '--live', // everything stored now, not the latest release: what the clients were told
    '--data-dir',
    dataDir,
  ]);
  if (exported.code !== 0) throw new Error(`bygdpuls export failed (${exported.code}): ${exported.stderr}`);
  const storedIds = new Set<string>();
  for (const [roundId, file] of [
    [rounds.baseline, 'baseline.csv'],
    [rounds.followup, 'followup.csv'],
  ] as const) {
    const rows = exportedIds(path.join(exportDir, file));
    const distinct = new Set(rows);
    check.stored += rows.length;
    for (const id of distinct) storedIds.add(id);
    const accepted = tally.accepted.get(roundId)!;
    for (const id of accepted) if (!distinct.has(id)) check.lost++;
    // Rows beyond the distinct acknowledged responses: duplicates, or responses never acknowledged.
    check.doubleCounted += rows.length - [...distinct].filter((id) => accepted.has(id)).length;
  }
  for (const id of tally.ackedBeforeKill) if (!storedIds.has(id)) check.lostAfterKill++;

  check.folded = await waitForFold(dataDir, roundIds, check.stored, 60_000);
  if (!check.folded) findings.push('the fold did not catch up within 60 s');

  // The API's comparison against `bygdpuls compare` on the export; rebuild on both rounds.
  const fromApi = await options.readComparison();
  const [compared, ...rebuilds] = await Promise.all([
    bygdpuls([
      'compare',
      '--indicators',
      path.join(exportDir, 'indicators.json'),
      '--baseline',
      path.join(exportDir, 'baseline.csv'),
      '--followup',
      path.join(exportDir, 'followup.csv'),
      ...COMPARE_FLAGS,
    ]),
    ...roundIds.map((roundId) => bygdpuls(['rebuild', '--round', roundId, '--data-dir', dataDir])),
  ]);
  const differences =
    compared.code === 0
      ? mismatches(JSON.parse(compared.stdout), fromApi)
      : [`compare failed (${compared.code}): ${compared.stderr}`];
  // And against the comparison of what the clients were told was stored, which no store read can
  // make agree by mistake (a response overwritten behind a 409 would show here).
  const acknowledged = compareRounds(
    options.indicators,
    ProjectSettings.parse(options.settings),
    acknowledgedAggregate(options.indicators, tally.accepted.get(rounds.baseline)!, tally.answersOf),
    acknowledgedAggregate(options.indicators, tally.accepted.get(rounds.followup)!, tally.answersOf),
    { secondarySuppression: true },
  );
  const fromAnswers = mismatches(JSON.parse(JSON.stringify(acknowledged)), fromApi);
  check.comparisonMatches = differences.length === 0 && fromAnswers.length === 0;
  if (differences.length > 0) findings.push(`the comparisons differ: ${differences.slice(0, 5).join('; ')}`);
  if (fromAnswers.length > 0)
    findings.push(`the API's comparison differs from the acknowledged answers': ${fromAnswers.slice(0, 5).join('; ')}`);

  for (const [r, roundId] of roundIds.entries()) {
    const side = r === 0 ? 'baseline' : 'followup';
    const rebuilt = rebuilds[r]!;
    if (rebuilt.code !== 0 && rebuilt.code !== 3)
      throw new Error(`bygdpuls rebuild failed (${rebuilt.code}): ${rebuilt.stderr}`);
    const report = JSON.parse(rebuilt.stdout) as { responses: number; folded: number; differences: string[] };
    check.rebuildDifferences += report.differences.length;
    if (report.differences.length > 0)
      findings.push(`rebuild of the ${side}: ${report.differences.slice(0, 3).join('; ')}`);
    const accepted = tally.accepted.get(roundId)!;
    // Counted (snapshots + tail) beyond the acknowledged responses.
    if (report.folded > accepted.size) check.doubleCounted += report.folded - accepted.size;

    const expected = expectedCounts(options.indicators, accepted, tally.answersOf);
    for (const [id, n] of Object.entries(expected)) {
      const summary: RoundSummary | undefined = fromApi.indicators[id]?.[side];
      const matches = summary && (summary.n === n || (summary.n === null && n < options.minGroupSize));
      if (!matches) {
        check.countsMatch = false;
        findings.push(`${side} ${id}: n ${summary?.n}, the acknowledged answers give ${n}`);
      }
    }
  }
  return check;
}

export interface IdeaCheck {
  /** Ideas the administrators' list holds. */
  stored: number;
  /** Acknowledged ideas not stored under their id and title. */
  lost: number;
  /** Ideas stored more than once (the same title twice), or stored without a 201 or a lost answer. */
  doubleStored: number;
  /** Refused ideas (400, 415) that are stored. */
  refusedStored: number;
  /** The list's count is not its length. */
  countsMatch: boolean;
  findings: string[];
}

/**
 * The ideas' side of a run, from the administrators' list: every acknowledged idea stored once,
 * under the id its 201 gave; nothing refused stored; without a kill, as many stored as acknowledged.
 */
export function checkIdeas(
  list: { ideas: { id: string; title: string }[]; counts: { total: number } },
  tally: IdeaTally,
): IdeaCheck {
  const findings: string[] = [];
  const byTitle = new Map<string, string[]>();
  for (const idea of list.ideas) byTitle.set(idea.title, [...(byTitle.get(idea.title) ?? []), idea.id]);
  let lost = 0;
  let doubleStored = 0;
  let refusedStored = 0;
  for (const [title, id] of tally.acknowledged) {
    const ids = byTitle.get(title) ?? [];
    if (!ids.includes(id)) lost++;
    if (ids.length > 1) doubleStored += ids.length - 1;
  }
  for (const title of tally.refused) if (byTitle.has(title)) refusedStored++;
  for (const [title, ids] of byTitle) {
    if (tally.acknowledged.has(title) || tally.refused.has(title)) continue;
    // An idea whose answer the kill took may be stored, once.
    if (!tally.unanswered.has(title) || ids.length > 1)
      doubleStored += tally.unanswered.has(title) ? ids.length - 1 : ids.length;
  }
  const countsMatch = list.counts.total === list.ideas.length;
  if (lost > 0) findings.push(`${lost} acknowledged ideas are not stored`);
  if (doubleStored > 0) findings.push(`${doubleStored} ideas are stored twice or without an acknowledgement`);
  if (refusedStored > 0) findings.push(`${refusedStored} refused ideas are stored`);
  if (!countsMatch) findings.push(`the ideas' count says ${list.counts.total}, the list holds ${list.ideas.length}`);
  return { stored: list.ideas.length, lost, doubleStored, refusedStored, countsMatch, findings };
}
