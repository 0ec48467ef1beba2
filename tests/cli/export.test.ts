// `bygdpuls export` round-trips: the files it writes from the store make `bygdpuls compare` print
// the API's comparison, for a weighted and an unweighted project, with removals before and after
// a fold; free text and removed responses never leave the store.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCell, csvField } from '../../functions/cli/export.ts';
import { runCli } from '../support/cli.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { CLOSE_GRACE_MS } from '../../functions/core/releases.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { residentSource, VILLAGES } from '../../functions/local/residents.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { mismatches } from '../support/closeTo.ts';

const cli = runCli;
let api: TestApi;
let endpoint: string;
const outRoot = mkdtempSync(path.join(tmpdir(), 'bygdpuls-export-'));

beforeAll(async () => {
  api = await startTestApi();
  const configured = await api.deps.store.client.config.endpoint!();
  endpoint = `${configured.protocol}//${configured.hostname}:${configured.port}`;
});
afterAll(async () => {
  await api.close();
  rmSync(outRoot, { recursive: true, force: true });
});

/** Runs the CLI in this process; returns its exit code and what it printed. */

async function ok(method: string, url: string, body?: unknown): Promise<any> {
  const response = await api.call(method, url, body === undefined ? {} : { body });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${response.text}`);
  return response.json;
}

interface Scenario {
  projectId: string;
  baseline: string;
  followup: string;
  /** responseIds still counted, and those removed, per round. */
  kept: Record<string, string[]>;
  removed: Record<string, string[]>;
}

/**
 * A project with the built-in questionnaire, two open rounds of generated residents (free text,
 * "don't know", "prefer not to say" included), a fold, and removals on both sides of it.
 */
async function scenario(weighted: boolean, seed: number): Promise<Scenario> {
  const { id: projectId } = await ok('POST', '/api/projects', {
    name: `export ${weighted ? 'weighted' : 'unweighted'}`,
    areas: VILLAGES.map(({ id, name }) => ({ id, name })),
    minGroupSize: 5,
    groupBy: ['area', 'gender'],
    ...(weighted
      ? { weighting: { strata: ['area'], population: VILLAGES.map((v) => ({ area: v.id, population: v.population })) } }
      : {}),
  });
  const { id: questionnaireId } = await ok(
    'POST',
    `/api/projects/${projectId}/questionnaires`,
    builtInTemplate(VILLAGES),
  );
  const residents = residentSource(seed, { freeText: true });
  const kept: Record<string, string[]> = {};
  const removed: Record<string, string[]> = {};
  const ids: Record<string, string> = {};
  for (const kind of ['baseline', 'followup'] as const) {
    const { id: roundId } = await ok('POST', `/api/projects/${projectId}/rounds`, {
      kind,
      name: kind,
      questionnaireId,
      access: 'open',
    });
    ids[kind] = roundId;
    const sent: string[] = [];
    for (let i = 0; i < 90; i++) {
      const responseId = randomUUID();
      const response = await api.call('POST', `/api/public/rounds/${roundId}/responses`, {
        token: null,
        body: { responseId, answers: residents.next(kind === 'followup' ? 0.6 : 0) },
      });
      expect(response.status).toBe(201);
      sent.push(responseId);
    }
    removed[roundId] = [];
    for (const responseId of sent.slice(0, 4)) {
      await ok('POST', `/api/rounds/${roundId}/removals`, { responseId });
      removed[roundId].push(responseId);
    }
    kept[roundId] = sent.slice(4);
  }
  // Fold what is there (snapshots), then remove some folded responses (tombstones subtract).
  await foldAll(api.deps.store, { now: Date.now() + 1000, settleMs: 0 });
  for (const roundId of Object.values(ids)) {
    for (const responseId of kept[roundId]!.splice(0, 3)) {
      await ok('POST', `/api/rounds/${roundId}/removals`, { responseId });
      removed[roundId]!.push(responseId);
    }
  }
  // The export and the API read releases: close the rounds and fold past the close for the final
  // ones, which leave out the removals above too.
  for (const roundId of Object.values(ids)) await ok('POST', `/api/rounds/${roundId}/close`);
  await foldAll(api.deps.store, { now: Date.now() + CLOSE_GRACE_MS + 1000, settleMs: 0 });
  return { projectId, baseline: ids.baseline!, followup: ids.followup!, kept, removed };
}

function respondents(file: string): string[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!);
}

async function expectRoundTrip(s: Scenario, out: string, storeArgs: string[]): Promise<void> {
  const exported = await cli(
    'export',
    '--project',
    s.projectId,
    '--baseline',
    s.baseline,
    '--followup',
    s.followup,
    '--out',
    out,
    ...storeArgs,
  );
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
  const summary = JSON.parse(exported.stdout);
  expect(summary.baseline.rows).toBe(s.kept[s.baseline]!.length);
  expect(summary.followup.rows).toBe(s.kept[s.followup]!.length);
  expect(summary.baseline.release).toMatchObject({ final: true, n: s.kept[s.baseline]!.length });
  expect(summary.baseline.pendingRemovals).toBe(0);

  for (const [file, roundId] of [
    ['baseline.csv', s.baseline],
    ['followup.csv', s.followup],
  ] as const) {
    const text = readFileSync(path.join(out, file), 'utf8');
    const header = text.split('\n')[0]!.split(',');
    const questions = createScorer(builtInTemplate(VILLAGES).indicators).questions;
    expect(header).toEqual(['respondent', 'area', 'age_band', 'gender', ...questions]);
    // Only indicator items: no free text, and no trace of removed responses.
    expect(header).not.toContain('q_proud_of');
    expect(text).not.toMatch(/Gemenskapen|Bygdegården|bussturer|Cykelväg/);
    expect(respondents(path.join(out, file)).sort()).toEqual([...s.kept[roundId]!].sort());
    for (const removed of s.removed[roundId]!) expect(text).not.toContain(removed);
    // "Prefer not to say" is no group (an empty cell); "don't know" stays "dk".
    expect(text).not.toContain('none');
    expect(text).toMatch(/,dk[,\n]/);
  }

  const compared = await cli(
    'compare',
    '--indicators',
    path.join(out, 'indicators.json'),
    '--baseline',
    path.join(out, 'baseline.csv'),
    '--followup',
    path.join(out, 'followup.csv'),
    '--secondary-suppression', // as the API does
  );
  expect(compared.stderr).toBe('');
  expect(compared.code).toBe(0);
  const fromApi = await api.call(
    'GET',
    `/api/projects/${s.projectId}/comparison?baseline=${s.baseline}&followup=${s.followup}`,
  );
  expect(fromApi.status).toBe(200);
  const { releases: _releases, preliminary: _preliminary, ...figures } = fromApi.json;
  expect(mismatches(JSON.parse(compared.stdout), figures)).toEqual([]);
}

describe('bygdpuls export', () => {
  it('gives compare the files that reproduce the API comparison of a weighted project, removals included', async () => {
    const s = await scenario(true, 11);
    const out = path.join(outRoot, 'weighted');
    await expectRoundTrip(s, out, ['--endpoint', endpoint, '--table', api.deps.store.tableName]);
    const indicators = JSON.parse(readFileSync(path.join(out, 'indicators.json'), 'utf8'));
    expect(indicators.weighting).toEqual({ strata: ['area'], population: 'population.csv' });
    expect(readFileSync(path.join(out, 'population.csv'), 'utf8').split('\n').slice(0, 2)).toEqual([
      'area,population',
      'gardeby,420',
    ]);
    const fromApi = await api.call(
      'GET',
      `/api/projects/${s.projectId}/comparison?baseline=${s.baseline}&followup=${s.followup}`,
    );
    expect(fromApi.json.indicators.nki.weighted).toBeDefined();
  }, 60_000);

  it('does the same for a project without weighting, and writes no population file', async () => {
    const s = await scenario(false, 12);
    const out = path.join(outRoot, 'unweighted');
    await expectRoundTrip(s, out, ['--endpoint', endpoint, '--table', api.deps.store.tableName]);
    expect(JSON.parse(readFileSync(path.join(out, 'indicators.json'), 'utf8')).weighting).toBeNull();
    expect(existsSync(path.join(out, 'population.csv'))).toBe(false);
  }, 60_000);

  it('refuses unknown projects and rounds (exit 1) and an incomplete command line (exit 2)', async () => {
    const s = await scenario(false, 13);
    const other = await scenario(false, 14);
    const store = ['--endpoint', endpoint, '--table', api.deps.store.tableName];
    const out = path.join(outRoot, 'refused');
    const noProject = await cli(
      'export',
      '--project',
      'nope',
      '--baseline',
      s.baseline,
      '--followup',
      s.followup,
      '--out',
      out,
      ...store,
    );
    expect(noProject).toMatchObject({ code: 1, stdout: '', stderr: 'bygdpuls: no project nope\n' });
    const foreignRound = await cli(
      'export',
      '--project',
      s.projectId,
      '--baseline',
      s.baseline,
      '--followup',
      other.followup,
      '--out',
      out,
      ...store,
    );
    expect(foreignRound.code).toBe(1);
    expect(foreignRound.stderr).toContain(`no follow-up round ${other.followup} in project ${s.projectId}`);
    expect(existsSync(path.join(out, 'followup.csv'))).toBe(false);
    const noData = await cli(
      'export',
      '--project',
      s.projectId,
      '--baseline',
      s.baseline,
      '--followup',
      s.followup,
      '--out',
      out,
      '--data-dir',
      outRoot,
    );
    expect(noData).toMatchObject({ code: 1, stdout: '' });
    expect(noData.stderr).toContain(`no bygdpuls data in ${outRoot}`);
    const incomplete = await cli('export', '--project', s.projectId, '--baseline', s.baseline, '--out', out, ...store);
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toContain('export needs --followup');
  }, 60_000);

  it('writes an answer only as a cell that compare reads back the same, quoting where CSV needs it', () => {
    const scorer = createScorer([
      { id: 'scale', kind: 'mean', items: ['q_scale'], scale: [1, 5] },
      { id: 'yes', kind: 'share', items: ['q_yes'], positive: [true] },
    ]);
    const [scale, yes] = scorer.rules;
    expect(answerCell(scale!, 4)).toBe('4');
    expect(answerCell(scale!, 'dk')).toBe('dk');
    expect(answerCell(scale!, null)).toBe('');
    expect(answerCell(scale!, undefined)).toBe('');
    expect(answerCell(scale!, 4.5)).toBeNull(); // compare takes whole numbers only
    expect(answerCell(scale!, 9)).toBeNull(); // off the scale: compare would refuse the file
    expect(answerCell(yes!, true)).toBe('true'); // scored by its text, as compare scores "true"
    expect(answerCell(yes!, '')).toBeNull(); // an empty cell would read as unanswered
    expect(answerCell(yes!, ['a'])).toBeNull();
    expect(csvField('Östra Ryd')).toBe('Östra Ryd');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
  });
});
