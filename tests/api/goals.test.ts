// Goals and funder reports through the API on dynalite (issue 20): activities and their removal,
// goals of every kind, verdicts as of a day (counts of activities and ideas, per area), indicator
// goals on reference cases against METHOD.md's rule on expected.json, reports with comments,
// overrides and locking, access (evaluators read, never write), and the Word document's text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../functions/core/compare.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';
import { loadCaseThroughApi } from '../support/referenceCase.ts';

let api: TestApi;
let projectId = '';
let evaluator = '';
const AREAS = [
  { id: 'norrby', name: 'Norrby' },
  { id: 'soderby', name: 'Söderby' },
];

beforeAll(async () => {
  api = await startCheckedApi();
  projectId = (await api.call('POST', '/api/projects', { body: { name: 'Mål', areas: AREAS } })).json.id;
  evaluator = await api.deps.tokens.issue('evaluator', projectId);
});
afterAll(async () => api.close());

async function activity(type: string, date: string, area?: string) {
  const result = await api.call('POST', `/api/projects/${projectId}/activities`, {
    body: { type, date, title: `${type} ${date}`, ...(area ? { area } : {}) },
  });
  expect(result.status, result.text).toBe(201);
  return result.json.id as string;
}

async function goal(body: Record<string, unknown>, project = projectId): Promise<string> {
  const result = await api.call('POST', `/api/projects/${project}/goals`, { body });
  expect(result.status, result.text).toBe(201);
  return result.json.id;
}

async function status(asOf: string, project = projectId) {
  const result = await api.call('GET', `/api/projects/${project}/goals/status?asOf=${asOf}`);
  expect(result.status, result.text).toBe(200);
  return Object.fromEntries(result.json.goals.map((g: { id: string }) => [g.id, g])) as Record<string, any>;
}

describe('activities', () => {
  it("are recorded with a type of the project's list and an area of its own, and listed by filter", async () => {
    await activity('workshop', '2026-02-01', 'norrby');
    expect(
      (
        await api.call('POST', `/api/projects/${projectId}/activities`, {
          body: { type: 'party', date: '2026-02-01', title: 'x' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.call('POST', `/api/projects/${projectId}/activities`, {
          body: { type: 'workshop', date: '2026-02-30', title: 'x' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.call('POST', `/api/projects/${projectId}/activities`, {
          body: { type: 'workshop', date: '2026-02-01', title: 'x', area: 'nowhere' },
        })
      ).status,
    ).toBe(400);
    const added = await api.call('POST', `/api/projects/${projectId}/activity-types`, {
      body: { id: 'harvest_fair', label: { sv: 'Skördemarknad', en: 'Harvest fair' } },
    });
    expect(added.status).toBe(201);
    await activity('harvest_fair', '2026-09-12');
    const listed = await api.call('GET', `/api/projects/${projectId}/activities?type=harvest_fair`, {
      token: evaluator,
    });
    expect(listed.json.activities.map((a: { date: string }) => a.date)).toEqual(['2026-09-12']);
    expect(listed.json.types.at(-1)).toEqual({
      id: 'harvest_fair',
      label: { sv: 'Skördemarknad', en: 'Harvest fair' },
    });
  });

  it('are removed by an event of their own: counted nowhere after, removed once', async () => {
    const project = (await api.call('POST', '/api/projects', { body: { name: 'Ta bort', areas: AREAS } })).json.id;
    const add = async (date: string) =>
      (await api.call('POST', `/api/projects/${project}/activities`, { body: { type: 'workshop', date, title: 'w' } }))
        .json.id;
    const first = await add('2026-01-10');
    await add('2026-01-11');
    const g = await goal(
      {
        title: 'Två workshops',
        kind: 'count',
        target: { min: 2 },
        measure: { source: 'activities', type: 'workshop' },
      },
      project,
    );
    expect((await status('2026-12-31', project))[g].verdict).toBe('achieved');
    const removal = await api.call('POST', `/api/projects/${project}/activities/${first}/removal`, {
      body: { reason: 'dubblett' },
    });
    expect(removal.status).toBe(200);
    expect(removal.json.activity.removed).toMatchObject({ reason: 'dubblett' });
    expect((await status('2026-12-31', project))[g]).toMatchObject({ verdict: 'partly', actual: 1 });
    expect((await api.call('POST', `/api/projects/${project}/activities/${first}/removal`, { body: {} })).status).toBe(
      409,
    );
    const listed = (await api.call('GET', `/api/projects/${project}/activities`)).json.activities;
    expect(listed).toHaveLength(2);
  });
});

describe('goals and their verdicts as of a day', () => {
  it('want what their kind needs', async () => {
    const bad = [
      { title: 'x', kind: 'count', measure: { source: 'activities', type: 'workshop' } },
      { title: 'x', kind: 'count', target: { min: 2 } },
      { title: 'x', kind: 'count', target: { min: 5, max: 2 }, measure: { source: 'activities', type: 'workshop' } },
      { title: 'x', kind: 'count', target: { min: 2 }, measure: { source: 'activities', type: 'party' } },
      { title: 'x', kind: 'count', target: { min: 2 }, measure: { source: 'ideas', count: 'liked' } },
      { title: 'x', kind: 'indicator' },
      {
        title: 'x',
        kind: 'indicator',
        indicator: { indicatorId: 'nki', direction: 'increase', baselineRoundId: 'nope', followupRoundId: 'nope' },
      },
      { title: 'x', kind: 'milestone', target: { min: 1 } },
      {
        title: 'x',
        kind: 'count',
        area: 'nowhere',
        target: { min: 1 },
        measure: { source: 'activities', type: 'workshop' },
      },
    ];
    for (const body of bad)
      expect((await api.call('POST', `/api/projects/${projectId}/goals`, { body })).status, JSON.stringify(body)).toBe(
        400,
      );
    expect(
      (await api.call('POST', `/api/projects/${projectId}/goals`, { body: bad[0], token: evaluator })).status,
    ).toBe(403);
  });

  it('count activities up to the end of the day, per area when the goal has one', async () => {
    const project = (await api.call('POST', '/api/projects', { body: { name: 'Räkna', areas: AREAS } })).json.id;
    for (const [date, area] of [
      ['2026-01-10', 'norrby'],
      ['2026-02-14', 'soderby'],
      ['2026-03-20', 'norrby'],
    ] as const)
      await api.call('POST', `/api/projects/${project}/activities`, {
        body: { type: 'workshop', date, title: 'w', area },
      });
    const all = await goal(
      { title: 'Minst 3', kind: 'count', target: { min: 3 }, measure: { source: 'activities', type: 'workshop' } },
      project,
    );
    const north = await goal(
      {
        title: 'Norrby 2',
        kind: 'count',
        area: 'norrby',
        target: { min: 2 },
        measure: { source: 'activities', type: 'workshop' },
      },
      project,
    );
    const milestone = await goal({ title: 'Plan antagen', kind: 'milestone', due: '2026-12-31' }, project);
    expect((await status('2026-01-09', project))[all]).toMatchObject({ verdict: 'not_achieved', actual: 0 });
    expect((await status('2026-03-19', project))[all]).toMatchObject({ verdict: 'partly', actual: 2 });
    expect((await status('2026-03-20', project))[all]).toMatchObject({ verdict: 'achieved', actual: 3 });
    expect((await status('2026-03-20', project))[north]).toMatchObject({ verdict: 'achieved', actual: 2 });
    expect((await status('2026-02-28', project))[north]).toMatchObject({ verdict: 'partly', actual: 1 });
    expect((await status('2026-03-20', project))[milestone]).toMatchObject({
      verdict: 'not_assessable',
      actual: null,
      basis: { kind: 'assessment' },
    });
    const read = await api.call('GET', `/api/projects/${project}/goals/status?asOf=2026-03-20`, { token: evaluator });
    expect(read.status).toBe(403); // an evaluator of another project
  });

  it("count ideas from the ideas' counts as of the day", async () => {
    const project = (await api.call('POST', '/api/projects', { body: { name: 'Idémål', areas: AREAS } })).json.id;
    const ideas: string[] = [];
    for (let i = 0; i < 3; i++)
      ideas.push(
        (
          await api.call('POST', `/api/public/projects/${project}/ideas`, {
            token: null,
            body: { title: `Idé ${i} om bygden`, text: 'x', area: 'norrby' },
          })
        ).json.id,
      );
    for (const id of ideas) await api.call('POST', `/api/ideas/${id}/transitions`, { body: { to: 'published' } });
    await api.call('POST', `/api/ideas/${ideas[0]}/transitions`, { body: { to: 'prioritised' } });
    const identified = await goal(
      { title: 'Minst 3 idéer', kind: 'count', target: { min: 3 }, measure: { source: 'ideas', count: 'identified' } },
      project,
    );
    const prioritised = await goal(
      {
        title: '2 prioriterade',
        kind: 'count',
        area: 'soderby',
        target: { min: 2 },
        measure: { source: 'ideas', count: 'prioritised' },
      },
      project,
    );
    const today = await status('2099-01-01', project);
    expect(today[identified]).toMatchObject({ verdict: 'achieved', actual: 3 });
    expect(today[prioritised]).toMatchObject({ verdict: 'not_achieved', actual: 0 });
    expect((await status('2000-01-01', project))[identified]).toMatchObject({ verdict: 'not_achieved', actual: 0 });
  });
});

describe('indicator goals on the reference cases', () => {
  for (const name of ['no-change-exact-k', 'weighted-by-area', 'small-village-baseline']) {
    it(`give METHOD.md's verdict on ${name}'s expected figures`, async () => {
      const dir = path.resolve(import.meta.dirname, '../fixtures/reference', name);
      const ids = await loadCaseThroughApi(api, dir);
      const settings = JSON.parse(readFileSync(path.join(dir, 'indicators.json'), 'utf8'));
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Comparison;
      const ref = { baselineRoundId: ids.baseline, followupRoundId: ids.followup };
      const goals: Record<string, { id: string; direction: 'increase' | 'decrease'; minChange?: number }> = {};
      for (const id of Object.keys(expected.indicators))
        for (const direction of ['increase', 'decrease'] as const)
          for (const minChange of [undefined, 1]) {
            const body = { indicatorId: id, direction, ...ref, ...(minChange ? { minChange } : {}) };
            goals[`${id} ${direction} ${minChange ?? '-'}`] = {
              id: await goal({ title: `${id} ${direction}`, kind: 'indicator', indicator: body }, ids.projectId),
              direction,
              ...(minChange ? { minChange } : {}),
            };
          }
      // Before any release: nothing to judge.
      const before = await status('2099-01-01', ids.projectId);
      for (const { id } of Object.values(goals)) expect(before[id].verdict).toBe('not_assessable');
      await foldAll(api.deps.store, { now: Date.now() + 1000, settleMs: 0 });
      const after = await status('2099-01-01', ids.projectId);
      // The figures the dashboard shows: the same comparison, read through its own route.
      const shown = (
        await api.call(
          'GET',
          `/api/projects/${ids.projectId}/comparison?baseline=${ids.baseline}&followup=${ids.followup}`,
        )
      ).json;
      for (const [key, { id, direction, minChange }] of Object.entries(goals)) {
        const figures = expected.indicators[key.split(' ')[0]!]!;
        // The weighted difference where the project weights and it is published (the protected
        // mode's collapsed strata: the API's own weighted figures), else the reference's.
        const got = after[id];
        const useWeighted = got.basis.weighted;
        expect(useWeighted).toBe(Boolean(settings.weighting));
        const d = useWeighted ? got.basis.difference : figures.diff;
        const p = useWeighted ? got.basis.pValue : figures.pValue;
        const dashboard = shown.indicators[key.split(' ')[0]!];
        const dashboardFigures = useWeighted ? dashboard.weighted : dashboard;
        expect(got.basis.difference).toBe(dashboardFigures.diff);
        expect(got.basis.pValue).toBe(dashboardFigures.pValue);
        expect([got.basis.ciLow, got.basis.ciHigh]).toEqual([dashboardFigures.diffCiLow, dashboardFigures.diffCiHigh]);
        if (!useWeighted) {
          expect(got.basis.difference).toBeCloseTo(figures.diff!, 9);
          expect(got.basis.pValue).toBeCloseTo(figures.pValue!, 12);
        }
        const signed = direction === 'increase' ? d : -d;
        const want =
          d === null || p === null
            ? 'not_assessable'
            : signed <= 0
              ? 'not_achieved'
              : p < settings.alpha && (minChange === undefined || signed >= minChange)
                ? 'achieved'
                : 'partly';
        expect(got.verdict, key).toBe(want);
      }
    }, 60_000);
  }
});

describe('an indicator goal on a round under the minimum group size', () => {
  it('is not assessable, and says why', async () => {
    const project = (
      await api.call('POST', '/api/projects', {
        body: { name: 'Liten by', areas: AREAS, minGroupSize: 5, groupBy: [] },
      })
    ).json.id;
    const questionnaireId = (
      await api.call('POST', `/api/projects/${project}/questionnaires`, { body: builtInTemplate(AREAS) })
    ).json.id;
    const round = async (kind: string) =>
      (
        await api.call('POST', `/api/projects/${project}/rounds`, {
          body: { kind, name: kind, questionnaireId, access: 'open' },
        })
      ).json.id as string;
    const [baseline, followup] = [await round('baseline'), await round('followup')];
    const answers = (overall: number) => ({ q_nki_overall: overall, q_nki_expect: 7, q_nki_ideal: 6, area: 'norrby' });
    for (let i = 0; i < 8; i++)
      await api.call('POST', `/api/public/rounds/${baseline}/responses`, {
        token: null,
        body: { answers: answers(5) },
      });
    // Three answers at follow-up: under k = 5, so the follow-up's figure and the difference are withheld.
    for (let i = 0; i < 3; i++)
      await api.call('POST', `/api/public/rounds/${followup}/responses`, {
        token: null,
        body: { answers: answers(9) },
      });
    for (const id of [baseline, followup]) await api.call('POST', `/api/rounds/${id}/close`);
    await foldAll(api.deps.store, { now: Date.now() + 1000, settleMs: 0 });
    const g = await goal(
      {
        title: 'Nöjdheten ökar',
        kind: 'indicator',
        indicator: { indicatorId: 'nki', direction: 'increase', baselineRoundId: baseline, followupRoundId: followup },
      },
      project,
    );
    const got = (await status('2099-01-01', project))[g];
    expect(got).toMatchObject({ verdict: 'not_assessable', actual: null, basis: { difference: null, pValue: null } });
    expect(got.basis.note).toMatch(/suppressed|withheld|too few/);
    expect(got.basis.nFollowup).toBeNull();
  });
});

describe('reports', () => {
  it("compute as of the period's end, keep overrides with reasons beside the computed verdict, and freeze when locked", async () => {
    const project = (await api.call('POST', '/api/projects', { body: { name: 'Rapport', areas: AREAS } })).json.id;
    const reader = await api.deps.tokens.issue('evaluator', project);
    for (const date of ['2026-01-10', '2026-02-14', '2026-03-20', '2026-04-11', '2026-05-09', '2027-01-15'])
      await api.call('POST', `/api/projects/${project}/activities`, {
        body: { type: 'workshop', date, title: `Workshop ${date}` },
      });
    const ws = await goal(
      {
        title: 'Minst 6 workshops',
        kind: 'count',
        target: { min: 6 },
        measure: { source: 'activities', type: 'workshop' },
      },
      project,
    );
    const plan = await goal({ title: 'Utvecklingsplan antagen', kind: 'milestone' }, project);
    const created = await api.call('POST', `/api/projects/${project}/reports`, {
      body: {
        title: 'Delrapport',
        kind: 'interim',
        sequence: 1,
        of: 3,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        facts: { owner: 'Byalaget' },
      },
    });
    expect(created.status).toBe(201);
    const reportId = created.json.id;
    expect(
      (
        await api.call('POST', `/api/projects/${project}/reports`, {
          body: { title: 'x', kind: 'final', periodStart: '2026-02-01', periodEnd: '2026-01-01' },
        })
      ).status,
    ).toBe(400);
    const draft = (await api.call('GET', `/api/reports/${reportId}`, { token: reader })).json.report;
    expect(draft.goals.find((g: { id: string }) => g.id === ws)).toMatchObject({ verdict: 'partly', actual: 5 });
    expect(draft.activities).toEqual([expect.objectContaining({ type: 'workshop', count: 5 })]);
    expect(draft.facts.owner).toBe('Byalaget');

    const noReason = await api.call('PUT', `/api/reports/${reportId}/goals/${plan}`, {
      body: { override: { verdict: 'achieved' } },
    });
    expect(noReason.status).toBe(400);
    const overridden = await api.call('PUT', `/api/reports/${reportId}/goals/${plan}`, {
      body: { comment: 'Antogs på årsmötet.', override: { verdict: 'achieved', reason: 'Protokoll 2026-05-20' } },
    });
    expect(overridden.status).toBe(200);
    expect(overridden.json.report.goals.find((g: { id: string }) => g.id === plan)).toMatchObject({
      verdict: 'achieved',
      computedVerdict: 'not_assessable',
      comment: 'Antogs på årsmötet.',
      override: { verdict: 'achieved', reason: 'Protokoll 2026-05-20' },
    });
    const sections = await api.call('PUT', `/api/reports/${reportId}`, {
      body: {
        sections: { challenges: 'Få deltagare i Söderby.' },
        signature: { name: 'Anna Berg', place: 'Norrby', date: '2027-01-20' },
      },
    });
    expect(sections.json.report.sections.challenges).toBe('Få deltagare i Söderby.');
    expect((await api.call('PUT', `/api/reports/${reportId}`, { body: { title: 'x' }, token: reader })).status).toBe(
      403,
    );
    expect((await api.call('POST', `/api/reports/${reportId}/lock`, { token: reader })).status).toBe(403);

    const locked = await api.call('POST', `/api/reports/${reportId}/lock`);
    expect(locked.status).toBe(200);
    expect(locked.json.report.locked).toMatchObject({ by: expect.any(String) });
    // Later records change the live status, never the locked report.
    await api.call('POST', `/api/projects/${project}/activities`, {
      body: { type: 'workshop', date: '2026-06-01', title: 'sen' },
    });
    expect((await status('2026-12-31', project))[ws].verdict).toBe('achieved');
    const frozen = (await api.call('GET', `/api/reports/${reportId}`)).json.report;
    expect(frozen.goals.find((g: { id: string }) => g.id === ws)).toMatchObject({ verdict: 'partly', actual: 5 });
    expect(frozen.activities[0].count).toBe(5);
    for (const [method, route, body] of [
      ['PUT', `/api/reports/${reportId}/goals/${ws}`, { comment: 'sent' }],
      ['PUT', `/api/reports/${reportId}`, { title: 'sent' }],
      ['POST', `/api/reports/${reportId}/lock`, undefined],
    ] as const)
      expect((await api.call(method, route, { body })).status).toBe(409);
    const list = (await api.call('GET', `/api/projects/${project}/reports`, { token: reader })).json.reports;
    expect(list).toEqual([expect.objectContaining({ id: reportId, locked: expect.any(Object) })]);

    // The Word document: its text, in Swedish and in English.
    const docx = await api.call('GET', `/api/reports/${reportId}/document.docx`, { token: reader });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const raw = await (await fetchDocx(reportId, reader, 'sv')).arrayBuffer();
    const text = documentText(new Uint8Array(raw));
    for (const words of [
      'Delrapport nr 1 av 3',
      'Genomförda aktiviteter under perioden',
      'Måluppfyllelse',
      'Minst 6 workshops',
      'Delvis uppnått',
      'Uppnått',
      'Protokoll 2026-05-20',
      'Få deltagare i Söderby.',
      'Avvikelse från gällande projektbeslut',
      'Anna Berg',
      'Byalaget',
    ])
      expect(text, words).toContain(words);
    const english = documentText(new Uint8Array(await (await fetchDocx(reportId, reader, 'en')).arrayBuffer()));
    expect(english).toContain('Goal fulfilment');
    expect(english).toContain('Partly achieved');
  });
});

/** The report's .docx as the API serves it, in a language. */
async function fetchDocx(reportId: string, token: string, lang: string): Promise<Response> {
  const { createApp } = await import('../../functions/api/app.ts');
  return createApp(api.deps).request(`/api/reports/${reportId}/document.docx?lang=${lang}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

/** The text of a .docx: word/document.xml unzipped, its tags dropped. */
function documentText(bytes: Uint8Array): string {
  const files = unzipSync(bytes);
  expect(Object.keys(files)).toContain('word/document.xml');
  return strFromU8(files['word/document.xml']!)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}
