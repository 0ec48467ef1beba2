// Indicators over matrix rows, end to end: a Likert matrix questionnaire uploaded, answered through
// the public submit route, folded and released; the round's indicators and the comparison read from
// the API equal a reference computed by hand here from ../shared/docs/METHOD.md; and
// `bygdpuls export` writes each row as a column (its safe variable name) that `compare --protect`
// reads back into the API's comparison.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_GRACE_MS } from '../../functions/core/releases.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { rebuildRound } from '../../functions/fold/rebuild.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';
import { runCli } from '../support/cli.ts';
import { mismatches } from '../support/closeTo.ts';

let api: TestApi;
let endpoint: string;
const out = mkdtempSync(path.join(tmpdir(), 'bygdpuls-matrix-'));

beforeAll(async () => {
  api = await startCheckedApi();
  const configured = await api.deps.store.client.config.endpoint!();
  endpoint = `${configured.protocol}//${configured.hostname}:${configured.port}`;
});
afterAll(async () => {
  await api.close();
  rmSync(out, { recursive: true, force: true });
});

async function ok(method: string, url: string, body?: unknown): Promise<any> {
  const response = await api.call(method, url, body === undefined ? {} : { body });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${response.text}`);
  return response.json;
}

const scale = [1, 2, 3, 4, 5].map((value) => ({ value, text: String(value) }));
const survey = {
  locale: 'sv',
  elements: [
    {
      type: 'matrix',
      name: 'attitudes',
      title: 'Hur väl stämmer det här?',
      rows: [
        { value: 'future', text: 'Min bygd har en framtid' },
        { value: 'proud', text: 'Jag är stolt över min bygd' },
        { value: 'services', text: 'Servicen här räcker för mig' },
        { value: 'safe', text: 'Jag känner mig trygg här' },
      ],
      columns: [...scale, { value: 'dk', text: 'Vet ej' }],
    },
    { type: 'comment', name: 'ideas', title: 'Något mer?' },
  ],
};
const indicators = [
  {
    id: 'belief',
    kind: 'index',
    label: 'Tro på bygden',
    items: ['attitudes.future', 'attitudes.proud', 'attitudes.services'],
    scale: [1, 5],
  },
  { id: 'safe', kind: 'share', label: 'Trygga', items: ['attitudes.safe'], positive: [4, 5], scale: [1, 5] },
];

type Row = number | 'dk' | null;
type Responses = readonly (readonly [Row, Row, Row, Row])[];
/** One response: future, proud, services, safe (null: the row left unanswered). */
const rowsOf = ([future, proud, services, safe]: readonly [Row, Row, Row, Row]) => {
  const attitudes: Record<string, Row> = { future, proud, services, safe };
  for (const key of Object.keys(attitudes)) if (attitudes[key] === null) delete attitudes[key];
  return { attitudes };
};

// The responses, and each respondent's index by hand: the mean over answered rows of
// (x - 1) * 100 / 4, and no value with fewer than minItems = 3 - 1 = 2 rows answered ("dk" is unanswered).
const BASELINE: Responses = [
  [5, 4, 3, 5], // 100, 75, 50 -> 75
  [3, 3, 3, 4], // 50
  [4, 'dk', 2, 2], // (75 + 25) / 2 = 50
  [2, 2, 2, 'dk'], // 25
  [5, 5, 5, 1], // 100
  ['dk', 'dk', 4, 4], // one row answered: no value
  [4, null, null, null], // one row answered: no value
];
const FOLLOWUP: Responses = [
  [5, 5, 5, 5], // 100
  [4, 4, 4, 4], // 75
  [5, 'dk', 3, 5], // (100 + 50) / 2 = 75
  [3, 4, 5, 2], // (50 + 75 + 100) / 3 = 75
  [4, 3, 2, 4], // (75 + 50 + 25) / 3 = 50
  [2, null, 'dk', null], // one row answered: no value
];

// Baseline values 75, 50, 50, 25, 100: n 5, mean 300 / 5 = 60, s^2 = (15^2 + 10^2 + 10^2 + 35^2 + 40^2) / 4
// = 3250 / 4 = 812.5. Follow-up 100, 75, 75, 75, 50: mean 375 / 5 = 75, s^2 = (25^2 + 0 + 0 + 0 + 25^2) / 4 = 312.5.
// 95 % interval m ± t(0.975, 4) * s / sqrt(5), t(0.975, 4) = 2.7764451051977934 (tables; scipy.stats.t.ppf).
const T4 = 2.7764451051977934;
const hand = (mean: number, variance: number) => {
  const half = (T4 * Math.sqrt(variance)) / Math.sqrt(5);
  return { n: 5, mean, sd: Math.sqrt(variance), ciLow: mean - half, ciHigh: mean + half };
};
const BASELINE_BELIEF = hand(60, 812.5); // 60 ± 35.3929: 24.6071 .. 95.3929
const FOLLOWUP_BELIEF = hand(75, 312.5); // 75 ± 21.9497: 53.0503 .. 96.9497
// Welch: d = 75 - 60 = 15, se = sqrt(812.5 / 5 + 312.5 / 5) = sqrt(225) = 15, t = 1,
// df = 225^2 / ((162.5^2 + 62.5^2) / 4) = 6.680412371134021, t(0.975, df) = 2.3877506348046365,
// two-sided p = 2 * P(T_df > 1) = 0.35214565030112704 (scipy.stats.t); Cohen's d = 15 / sqrt((4 * 812.5 +
// 4 * 312.5) / 8) = 15 / sqrt(562.5) = 0.6324555320336759.
const WELCH_DF = 225 ** 2 / ((162.5 ** 2 + 62.5 ** 2) / 4);
const T_DF = 2.3877506348046365;
const DIFFERENCE = { diff: 15, diffCiLow: 15 - T_DF * 15, diffCiHigh: 15 + T_DF * 15, pValue: 0.35214565030112704 };
// Share "safe" (4 or 5): baseline 5, 4, 2, -, 1, 4, - -> n 5, k 3; follow-up 5, 4, 5, 2, 4, - -> n 5, k 4.

async function submit(roundId: string, rows: readonly [Row, Row, Row, Row]): Promise<void> {
  const response = await api.call('POST', `/api/public/rounds/${roundId}/responses`, {
    token: null,
    body: { responseId: randomUUID(), answers: { ...rowsOf(rows), ideas: 'Fler bänkar vid sjön' } },
  });
  expect(response.status, response.text).toBe(201);
}

describe('indicators over matrix rows', () => {
  let projectId: string;
  const rounds: Record<'baseline' | 'followup', string> = { baseline: '', followup: '' };

  beforeAll(async () => {
    ({ id: projectId } = await ok('POST', '/api/projects', {
      name: 'Matrix rows',
      areas: [{ id: 'norrby', name: 'Norrby' }],
      minGroupSize: 5,
      groupBy: [],
    }));
    const { id: questionnaireId } = await ok('POST', `/api/projects/${projectId}/questionnaires`, {
      survey,
      indicators,
    });
    for (const [kind, responses] of [
      ['baseline', BASELINE],
      ['followup', FOLLOWUP],
    ] as const) {
      const { id } = await ok('POST', `/api/projects/${projectId}/rounds`, {
        kind,
        name: kind,
        questionnaireId,
        access: 'open',
      });
      rounds[kind] = id;
      for (const rows of responses) await submit(id, rows);
    }
    for (const id of Object.values(rounds)) await ok('POST', `/api/rounds/${id}/close`);
    await foldAll(api.deps.store, { now: Date.now() + CLOSE_GRACE_MS + 1000, settleMs: 0 });
  }, 60_000);

  it('refuses at upload an unknown row, a row of a question that is no matrix, and the whole matrix', async () => {
    const response = await api.call('POST', `/api/projects/${projectId}/questionnaires`, {
      body: {
        survey,
        indicators: [
          { id: 'a', kind: 'mean', items: ['attitudes.Future'], scale: [1, 5] },
          { id: 'b', kind: 'mean', items: ['ideas.x'], scale: [1, 5] },
          { id: 'c', kind: 'mean', items: ['attitudes'], scale: [1, 5] },
        ],
      },
    });
    expect(response.status).toBe(400);
    const messages = JSON.stringify(response.json);
    expect(messages).toContain('the matrix \\"attitudes\\" has no row \\"Future\\"');
    expect(messages).toContain('did you mean \\"future\\"?');
    expect(messages).toContain('\\"ideas\\" is a comment question, not a matrix');
    expect(messages).toContain('name one of its rows as the item, as \\"attitudes.future\\"');
  });

  it("gives each round's index the mean and interval computed by hand, and per-row distributions", async () => {
    const baseline = await ok('GET', `/api/rounds/${rounds.baseline}/indicators`);
    const followup = await ok('GET', `/api/rounds/${rounds.followup}/indicators`);
    expect(baseline.responses).toBe(7);
    expect(followup.responses).toBe(6);
    expect(mismatches(baseline.indicators.belief.summary, BASELINE_BELIEF)).toEqual([]);
    expect(mismatches(followup.indicators.belief.summary, FOLLOWUP_BELIEF)).toEqual([]);
    expect(baseline.indicators.safe.summary).toMatchObject({ n: 5, k: 3, p: 0.6 });
    expect(followup.indicators.safe.summary).toMatchObject({ n: 5, k: 4, p: 0.8 });
    // Each row's answers, counted as a question's are: "future" in the baseline is 5, 3, 4, 2, 5, dk, 4.
    expect(baseline.indicators.belief.distribution['attitudes.future']).toMatchObject({
      counts: { '2': 1, '3': 1, '4': 2, '5': 2, dk: 1 },
    });
    expect(Object.keys(baseline.indicators.belief.distribution)).toEqual([
      'attitudes.future',
      'attitudes.proud',
      'attitudes.services',
    ]);
    // The fold (snapshots and tail) agrees with a recount of the stored responses.
    for (const id of Object.values(rounds)) {
      const round = (await api.deps.store.rounds.get(id))!;
      expect((await rebuildRound(api.deps.store, round)).differences).toEqual([]);
    }
  });

  it('compares the rounds as computed by hand (Welch)', async () => {
    const comparison = await ok(
      'GET',
      `/api/projects/${projectId}/comparison?baseline=${rounds.baseline}&followup=${rounds.followup}`,
    );
    const belief = comparison.indicators.belief;
    expect(mismatches(belief.baseline, BASELINE_BELIEF)).toEqual([]);
    expect(mismatches(belief.followup, FOLLOWUP_BELIEF)).toEqual([]);
    expect(WELCH_DF).toBeCloseTo(6.680412371134021, 12);
    expect(
      mismatches(
        { diff: belief.diff, diffCiLow: belief.diffCiLow, diffCiHigh: belief.diffCiHigh },
        {
          diff: DIFFERENCE.diff,
          diffCiLow: DIFFERENCE.diffCiLow,
          diffCiHigh: DIFFERENCE.diffCiHigh,
        },
      ),
    ).toEqual([]);
    expect(belief.pValue).toBeCloseTo(DIFFERENCE.pValue, 9);
    expect(belief.cohenD).toBeCloseTo(0.6324555320336759, 9);
    expect(belief.significant).toBe(false);
  });

  it('exports each row as a column named for compare, and compare --protect gives the API comparison', async () => {
    const exported = await runCli(
      'export',
      '--project',
      projectId,
      '--baseline',
      rounds.baseline,
      '--followup',
      rounds.followup,
      '--out',
      out,
      '--endpoint',
      endpoint,
      '--table',
      api.deps.store.tableName,
    );
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const baselineCsv = readFileSync(path.join(out, 'baseline.csv'), 'utf8').trim().split('\n');
    expect(baselineCsv[0]).toBe(
      'respondent,area,age_band,gender,attitudes_future,attitudes_proud,attitudes_services,attitudes_safe',
    );
    expect(
      baselineCsv
        .slice(1)
        .map((line) => line.split(',').slice(4).join(','))
        .sort(),
    ).toEqual(BASELINE.map((rows) => rows.map((row) => (row === null ? '' : String(row))).join(',')).sort());
    expect(readFileSync(path.join(out, 'baseline.csv'), 'utf8')).not.toContain('bänkar');
    expect(readFileSync(path.join(out, 'codebook.csv'), 'utf8')).toBe(
      'variable,item\nattitudes_future,attitudes.future\nattitudes_proud,attitudes.proud\n' +
        'attitudes_services,attitudes.services\nattitudes_safe,attitudes.safe\n',
    );
    const definitions = JSON.parse(readFileSync(path.join(out, 'indicators.json'), 'utf8'));
    expect(definitions.indicators[0].items).toEqual(['attitudes_future', 'attitudes_proud', 'attitudes_services']);

    const compared = await runCli(
      'compare',
      '--indicators',
      path.join(out, 'indicators.json'),
      '--baseline',
      path.join(out, 'baseline.csv'),
      '--followup',
      path.join(out, 'followup.csv'),
      '--protect',
    );
    expect(compared.stderr).toBe('');
    expect(compared.code).toBe(0);
    const fromCompare = JSON.parse(compared.stdout);
    const {
      releases: _releases,
      preliminary: _preliminary,
      ...fromApi
    } = await ok(
      'GET',
      `/api/projects/${projectId}/comparison?baseline=${rounds.baseline}&followup=${rounds.followup}`,
    );
    expect(mismatches(fromCompare, fromApi)).toEqual([]);
    expect(mismatches(fromCompare.indicators.belief.baseline, BASELINE_BELIEF)).toEqual([]);
    expect(fromCompare.indicators.belief.diff).toBeCloseTo(15, 9);
  });
});

describe('a removal from a round with indicators over matrix rows', () => {
  // The removal keeps of the response what its indicators read: for a matrix row, the matrix's
  // answer narrowed to the rows read (scoring.ts's indicatorAnswers).
  it('subtracts exactly what the response added (the fold agrees with a recount)', async () => {
    const { id: projectId } = await ok('POST', '/api/projects', {
      name: 'Matrix removal',
      areas: [{ id: 'norrby', name: 'Norrby' }],
      groupBy: [],
    });
    const { id: questionnaireId } = await ok('POST', `/api/projects/${projectId}/questionnaires`, {
      survey,
      indicators,
    });
    const { id: roundId } = await ok('POST', `/api/projects/${projectId}/rounds`, {
      kind: 'baseline',
      name: 'baseline',
      questionnaireId,
      access: 'open',
    });
    const responseId = randomUUID();
    const first = await api.call('POST', `/api/public/rounds/${roundId}/responses`, {
      token: null,
      body: { responseId, answers: rowsOf([5, 5, 5, 5]) },
    });
    expect(first.status).toBe(201);
    for (const rows of BASELINE) await submit(roundId, rows);
    await foldAll(api.deps.store, { now: Date.now() + 1000, settleMs: 0 });
    await ok('POST', `/api/rounds/${roundId}/removals`, { responseId });
    await foldAll(api.deps.store, { now: Date.now() + 2000, settleMs: 0 });
    const round = (await api.deps.store.rounds.get(roundId))!;
    expect((await rebuildRound(api.deps.store, round)).differences).toEqual([]);
  });
});
