// Residents' submissions and bad input on every route: a clear 4xx, never a 5xx, nothing written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/api/app.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { readRoundAggregate } from '../../functions/fold/read.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';

let api: TestApi;
const areas = [
  { id: 'gardeby', name: 'Gårdeby' },
  { id: 'bottna', name: 'Bottna' },
];
const template = builtInTemplate(areas);
let projectId = '';
let openRound = '';
let inviteRound = '';

const goodAnswers = {
  q_nki_overall: 8,
  q_nki_expect: 7,
  q_nki_ideal: 'dk',
  q_aware_project: 'yes',
  area: 'bottna',
  q_idea: 'En badplats',
};

async function storedCount(roundId: string): Promise<number> {
  const round = (await api.deps.store.rounds.get(roundId))!;
  return (await readRoundAggregate(api.deps.store, round, createScorer(template.indicators))).responses;
}

beforeAll(async () => {
  api = await startCheckedApi();
  projectId = (await api.call('POST', '/api/projects', { body: { name: 'Test', areas } })).json.id;
  const questionnaireId = (await api.call('POST', `/api/projects/${projectId}/questionnaires`, { body: template })).json
    .id;
  openRound = (
    await api.call('POST', `/api/projects/${projectId}/rounds`, {
      body: { kind: 'baseline', name: 'Open', questionnaireId, access: 'open' },
    })
  ).json.id;
  inviteRound = (
    await api.call('POST', `/api/projects/${projectId}/rounds`, {
      body: { kind: 'followup', name: 'Invited', questionnaireId, access: 'invite' },
    })
  ).json.id;
});
afterAll(async () => api.close());

const submit = (roundId: string, body: unknown, headers?: Record<string, string>) =>
  api.call('POST', `/api/public/rounds/${roundId}/responses`, { token: null, body, ...(headers ? { headers } : {}) });

describe('submitting a response', () => {
  it('stores a response once: 201 first, 200 with the same body on an exact retry, 409 on a conflicting one', async () => {
    const responseId = randomUUID();
    const before = await storedCount(openRound);
    const first = await submit(openRound, { responseId, answers: goodAnswers });
    expect(first.status).toBe(201);
    const retry = await submit(openRound, { responseId, answers: goodAnswers });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json);
    const conflict = await submit(openRound, { responseId, answers: { ...goodAnswers, q_nki_overall: 2 } });
    expect(conflict.status).toBe(409);
    expect(await storedCount(openRound)).toBe(before + 1);
  });

  it('tells an exact retry by its answers, whatever their order, and a changed or added answer as a conflict', async () => {
    const responseId = randomUUID();
    const first = await submit(openRound, { responseId, answers: goodAnswers });
    expect(first.status).toBe(201);
    const reversed = Object.fromEntries(Object.entries(goodAnswers).reverse());
    const retry = await submit(openRound, { responseId, answers: reversed });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json);
    // An answer added, or one taken away: each a different submission.
    expect((await submit(openRound, { responseId, answers: { ...goodAnswers, q_proud_of: 'Skolan' } })).status).toBe(
      409,
    );
    const [dropped] = Object.keys(goodAnswers);
    const fewer = Object.fromEntries(Object.entries(goodAnswers).filter(([key]) => key !== dropped));
    expect((await submit(openRound, { responseId, answers: fewer })).status).toBe(409);
  });

  it('explains invalid answers field by field, in Swedish by default and in English on request', async () => {
    const body = { responseId: randomUUID(), answers: { q_nki_overall: 11, q_unknown: 1 } };
    const sv = await submit(openRound, body);
    expect(sv.status).toBe(400);
    expect(sv.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['q_nki_overall', 'q_unknown']);
    expect(JSON.stringify(sv.json)).toMatch(/Okänd fråga/);
    const en = await submit(openRound, body, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(JSON.stringify(en.json)).toMatch(/Unknown question/);
  });

  it('takes an invitation code once, answers a retry (same responseId and answers) as the first time, and refuses unknown codes', async () => {
    const { json } = await api.call('POST', `/api/rounds/${inviteRound}/invitations`, {
      body: { count: 3, area: 'gardeby' },
    });
    const [code, other] = json.codes as string[];
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect((await submit(inviteRound, { answers: goodAnswers })).status).toBe(400); // no code
    expect((await submit(inviteRound, { code: 'AAAAA-BBBBB', answers: goodAnswers })).status).toBe(403);
    const responseId = randomUUID();
    const first = await submit(inviteRound, { responseId, code, answers: { ...goodAnswers, area: undefined } });
    expect(first.status).toBe(201);
    const retry = await submit(inviteRound, {
      responseId,
      code: code!.toLowerCase().replace('-', ' '),
      answers: { ...goodAnswers, area: undefined },
    });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json);
    // The same answers without the responseId are no retry: a 409 must not confirm a guess of them.
    expect((await submit(inviteRound, { code, answers: { ...goodAnswers, area: undefined } })).status).toBe(409);
    expect((await submit(inviteRound, { code, answers: { q_nki_overall: 3 } })).status).toBe(409);
    // the code's area is the response's area; another area is refused
    expect((await submit(inviteRound, { code: other, answers: goodAnswers })).status).toBe(400);
    const counts = await api.call('GET', `/api/rounds/${inviteRound}`);
    expect(counts.json.invited).toBe(3);
    // Counts on the page come from releases (../shared/docs/METHOD.md); what is stored is counted here.
    let stored = 0;
    for (let shard = 0; shard < api.deps.shardsPerRound; shard++)
      for await (const _ of api.deps.store.responses.responses(inviteRound, shard)) stored++;
    expect(stored).toBe(1);
  });

  it('answers 410 for a closed round and 404 for an unknown one, on both public routes', async () => {
    const questionnaireId = (await api.call('GET', `/api/projects/${projectId}`)).json.questionnaires[0].id;
    const round = (
      await api.call('POST', `/api/projects/${projectId}/rounds`, {
        body: { kind: 'baseline', name: 'Soon closed', questionnaireId, access: 'open' },
      })
    ).json.id;
    expect((await api.call('GET', `/api/public/rounds/${round}`, { token: null })).status).toBe(200);
    expect((await api.call('POST', `/api/rounds/${round}/close`)).status).toBe(200);
    expect((await api.call('GET', `/api/public/rounds/${round}`, { token: null })).status).toBe(410);
    expect((await submit(round, { responseId: randomUUID(), answers: goodAnswers })).status).toBe(410);
    expect((await api.call('GET', '/api/public/rounds/nope', { token: null })).status).toBe(404);
    expect((await submit('nope', { responseId: randomUUID(), answers: goodAnswers })).status).toBe(404);
    expect((await api.call('POST', `/api/rounds/${round}/open`)).status).toBe(200);
    expect((await submit(round, { responseId: randomUUID(), answers: goodAnswers })).status).toBe(201);
  });

  it('removes a response so that it is no longer counted, and keeps its id used', async () => {
    const responseId = randomUUID();
    expect((await submit(openRound, { responseId, answers: goodAnswers })).status).toBe(201);
    const before = await storedCount(openRound);
    expect((await api.call('POST', `/api/rounds/${openRound}/removals`, { body: { responseId } })).status).toBe(200);
    expect(await storedCount(openRound)).toBe(before - 1);
    expect((await submit(openRound, { responseId, answers: goodAnswers })).status).toBe(409);
    expect((await api.call('POST', `/api/rounds/${openRound}/removals`, { body: { responseId } })).status).toBe(404);
  });
});

describe('bad input on every route', () => {
  const bodies: [string, { raw?: string; body?: unknown; headers?: Record<string, string> }][] = [
    ['malformed JSON', { raw: '{"name": ', headers: { 'content-type': 'application/json' } }],
    ['a JSON array', { body: [1, 2] }],
    ['wrong types', { body: { name: 5, areas: 'x', answers: 7, kind: 1, count: 'many', survey: 3 } }],
    ['unknown fields', { body: { unexpected: true, __proto__: { polluted: true } } }],
    [
      'prototype keys',
      {
        raw: '{"constructor": {"prototype": {"polluted": true}}, "__proto__": {"polluted": true}}',
        headers: { 'content-type': 'application/json' },
      },
    ],
    ['no content type', { raw: '{"name":"x"}', headers: {} }],
    ['over 64 KB', { body: { name: 'x'.repeat(70 * 1024) } }],
  ];

  it.each(
    routes
      .filter((r) => r.method === 'post')
      .flatMap((spec) => bodies.map(([label, input]) => [`${spec.path}: ${label}`, spec, input] as const)),
  )('%s gets a 4xx and writes nothing', async (_name, spec, input) => {
    const path = spec.path.replace(':projectId', projectId).replace(':roundId', openRound);
    const before = await storedCount(openRound);
    const result = await api.call('POST', path, {
      token: spec.access.kind === 'public' ? null : api.adminToken,
      ...input,
    });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.json).toBeTruthy();
    expect(result.json.errors ?? result.json.message).toBeTruthy();
    expect(await storedCount(openRound)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an oversized body by its Content-Length before reading it, and a broken Content-Length', async () => {
    const body = JSON.stringify({ answers: { q_idea: 'x'.repeat(70_000) } });
    const declared = await api.call('POST', `/api/public/rounds/${openRound}/responses`, {
      token: null,
      raw: body,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });
    expect(declared.status).toBe(413);
    const broken = await api.call('POST', `/api/public/rounds/${openRound}/responses`, {
      token: null,
      raw: '{}',
      headers: { 'content-type': 'application/json', 'content-length': 'lots' },
    });
    expect(broken.status).toBe(400);
  });

  it('answers unknown ids with 404 and unknown paths with a JSON 404', async () => {
    expect((await api.call('GET', '/api/projects/nope')).status).toBe(404);
    expect((await api.call('GET', '/api/rounds/nope/indicators')).status).toBe(404);
    expect(
      (await api.call('GET', `/api/projects/${projectId}/comparison?baseline=nope&followup=${openRound}`)).status,
    ).toBe(404);
    expect((await api.call('GET', `/api/projects/${projectId}/comparison`)).status).toBe(400);
    const unknown = await api.call('GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('not_found');
  });

  it('sends the security headers on every API answer, errors included', async () => {
    for (const result of [
      await api.call('GET', '/api/health', { token: null }),
      await api.call('GET', '/api/projects', { token: null }),
      await submit('nope', { answers: {} }),
    ]) {
      expect(result.headers.get('x-content-type-options')).toBe('nosniff');
      expect(result.headers.get('cache-control')).toBe('no-store');
      expect(result.headers.get('x-frame-options')).toBe('DENY');
      expect(result.headers.get('referrer-policy')).toBe('no-referrer');
      expect(result.headers.get('strict-transport-security')).toContain('max-age=');
    }
  });

  it('serves an OpenAPI document that lists every route', async () => {
    const { status, json } = await api.call('GET', '/api/openapi.json', { token: null });
    expect(status).toBe(200);
    for (const spec of routes)
      expect(json.paths[spec.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[spec.method]).toBeTruthy();
    expect((await api.call('GET', '/api/docs', { token: null })).text).toContain('bygdpuls API');
  });
});

describe('a questionnaire as people write it for SurveyJS, with no indicators', () => {
  const survey = {
    questions: [
      { type: 'radioGroup', name: 'area', choices: areas.map((area) => `${area.id}|${area.name}`) },
      {
        type: 'matrix',
        name: 'Village attitudes',
        rows: ['future|My village has a future', 'proud|I am proud of it'],
        columns: ['1|Disagree', '2|Neither', '3|Agree'],
        isAllRowRequired: true,
      },
      {
        type: 'paneldynamic',
        name: 'Children?',
        maxPanelCount: 5,
        templateElements: [{ type: 'text', name: 'age', inputType: 'number', min: 0, max: 25 }],
      },
    ],
  };
  let roundId = '';

  beforeAll(async () => {
    const created = await api.call('POST', `/api/projects/${projectId}/questionnaires`, { body: { survey } });
    expect(created.status).toBe(201);
    roundId = (
      await api.call('POST', `/api/projects/${projectId}/rounds`, {
        body: { kind: 'baseline', name: 'Data only', questionnaireId: created.json.id, access: 'open' },
      })
    ).json.id;
  });

  it('stores a matrix and a dynamic panel answered as the page sends them, and knows a retry whatever its order', async () => {
    const responseId = randomUUID();
    const answers = { area: 'gardeby', 'Village attitudes': { future: '3', proud: '2' }, 'Children?': [{ age: 7 }] };
    expect((await submit(roundId, { responseId, answers })).status).toBe(201);
    const reordered = { ...answers, 'Village attitudes': { proud: '2', future: '3' } };
    expect((await submit(roundId, { responseId, answers: reordered })).status).toBe(200);
    // With no indicators the fold still counts the respondents.
    const round = (await api.deps.store.rounds.get(roundId))!;
    expect((await readRoundAggregate(api.deps.store, round, createScorer([]))).responses).toBeGreaterThanOrEqual(1);
  });

  it("refuses a cell outside the columns, under the question, in the resident's language", async () => {
    const answers = { area: 'gardeby', 'Village attitudes': { future: '4' } };
    const refusal = await submit(roundId, { responseId: randomUUID(), answers });
    expect(refusal.status).toBe(400);
    expect(refusal.json.errors).toEqual([
      { field: 'Village attitudes', message: 'Rad ”future”: Svaret ”4” finns inte bland svarsalternativen.' },
    ]);
  });
});
