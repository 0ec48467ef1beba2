// Inputs that used to end in a 500 or in nonsense figures are refused with a 4xx and a message
// naming what is wrong: an id over 1 KB in a path, a body nested thousands of levels deep, a
// population figure of 1e308 (over the API and in `bygdpuls compare`'s population file).
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../functions/api/schemas.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

const areas = [
  { id: 'a', name: 'A' },
  { id: 'b', name: 'B' },
];
let api: TestApi;
let projectId = '';

beforeAll(async () => {
  api = await startTestApi();
  projectId = (await api.call('POST', '/api/projects', { body: { name: 'bounds', areas } })).json.id;
}, 60_000);

afterAll(async () => {
  await api?.close();
});

/** `depth` arrays inside one another, as text. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('ids in paths', () => {
  it('answers 404 naming the questionnaire for a questionnaire id over 1 KB, not 500', async () => {
    const reply = await api.call('GET', `/api/projects/${projectId}/questionnaires/${'q'.repeat(1100)}`);
    expect(reply.status).toBe(404);
    expect(reply.json.error).toBe('not_found');
    expect(reply.json.message).toMatch(/Enkätversionen finns inte|no such questionnaire/i);
  });
});

describe('nesting depth of a body', () => {
  it(`refuses a survey nested 4,100 levels deep with 400 before zod and the store, and takes ${MAX_JSON_DEPTH} levels`, async () => {
    const deep = `{"survey":{"pages":${nested(4100)}},"indicators":[]}`;
    const reply = await api.call('POST', `/api/projects/${projectId}/questionnaires`, {
      raw: deep,
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    });
    expect(reply.status).toBe(400);
    expect(reply.json.errors).toEqual([
      { field: 'body', message: `the body is nested more than ${MAX_JSON_DEPTH} levels deep` },
    ]);
    const submitted = await api.call('POST', '/api/public/rounds/abc/responses', {
      token: null,
      raw: `{"answers":{"q":${nested(200)}}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(submitted.status).toBe(400);
    expect(submitted.json.errors[0].message).toMatch(/nästlat i mer än 64 nivåer/);
  });

  it('counts depth outside strings only, escapes included', () => {
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestedDeeperThan(JSON.stringify({ text: '[[[[[[\\"[[[[' }), 3)).toBe(false);
    expect(nestedDeeperThan(JSON.stringify([{ a: [1, { b: '"]]]' }] }]), 4)).toBe(false);
    expect(nestedDeeperThan(JSON.stringify([{ a: [1, { b: [[]] }] }]), 4)).toBe(true);
    expect(nestedDeeperThan(JSON.stringify(builtInTemplate(areas)), 20)).toBe(false);
  });
});

describe('population figures', () => {
  const project = (population: unknown) => ({
    name: 'weighted',
    areas,
    weighting: {
      strata: ['area'],
      population: [
        { area: 'a', population },
        { area: 'b', population: 100 },
      ],
    },
  });

  it('refuses 1e308, fractions and a billion or more with 400 naming the field, and takes whole numbers under 10^9', async () => {
    for (const figure of [1e308, 1e9, 12.5, 0, -3]) {
      const reply = await api.call('POST', '/api/projects', { body: project(figure) });
      expect(reply.status, `population ${figure}`).toBe(400);
      expect(reply.json.errors).toEqual([
        { field: 'weighting.population.0.population', message: expect.stringMatching(/population must be/) },
      ]);
    }
    expect((await api.call('POST', '/api/projects', { body: project(999_999_999) })).status).toBe(201);
  });

  it('refuses 1e308 in the population file of `bygdpuls compare`, naming file, line and column', async () => {
    const reference = path.resolve(import.meta.dirname, '../fixtures/reference/weighted-by-area');
    const dir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-population-'));
    for (const name of ['indicators.json', 'baseline.csv', 'followup.csv', 'population.csv'])
      copyFileSync(path.join(reference, name), path.join(dir, name));
    const file = path.join(dir, 'population.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const huge = `1${'0'.repeat(308)}`;
    lines[2] = `${lines[2]!.split(',')[0]},${huge}`;
    writeFileSync(file, lines.join('\n'));
    let stderr = '';
    const args = ['compare', '--indicators', path.join(dir, 'indicators.json')];
    args.push('--baseline', path.join(dir, 'baseline.csv'), '--followup', path.join(dir, 'followup.csv'));
    const code = await main(args, { stdout: () => {}, stderr: (text) => (stderr += text) });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${file}, line 3, column 2: population "${huge}" is not a whole number of people under 1000000000`,
    );
  });
});
