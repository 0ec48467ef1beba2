// An administrator's questionnaire of about 1 MB (four languages, hundreds of questions): taken by
// its route (1 MB limit; every other route keeps 64 KB), stored compressed in one DynamoDB item on
// dynalite (which enforces the 400 KB item limit), read back equal, through the app and through
// the local HTTP server. One that cannot fit even compressed is refused with 413 naming its size.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInTemplate } from '../../functions/core/template.ts';
import { createLocalApp, serveApp } from '../../functions/local/serve.ts';
import { MAX_STORED_QUESTIONNAIRE_BYTES } from '../../functions/store/questionnaires.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

const areas = [
  { id: 'gardeby', name: 'Gårdeby' },
  { id: 'bottna', name: 'Bottna' },
];
const MB = 1024 * 1024;

/** Words of each language, for titles that differ from question to question (a seeded choice). */
const WORDS = {
  sv: 'hur nöjd är du med byns skola vägar bussar affären samlingslokalen hamnen badplatsen föreningslivet bredbandet äldreomsorgen vården grannarna framtiden arbetstillfällen bostäder naturen'.split(
    ' ',
  ),
  en: 'how satisfied are you with the village school roads buses shop community hall harbour bathing place associations broadband elderly care health neighbours future jobs housing nature'.split(
    ' ',
  ),
  de: 'wie zufrieden sind Sie mit der Dorfschule Straßen Busse Laden Gemeindehaus Hafen Badestelle Vereinsleben Breitband Altenpflege Gesundheit Nachbarn Zukunft Arbeitsplätze Wohnungen Natur'.split(
    ' ',
  ),
  fr: 'dans quelle mesure êtes-vous satisfait de école du village routes bus commerce salle des fêtes port baignade associations haut débit soins aux aînés santé voisins avenir emplois logements nature'.split(
    ' ',
  ),
} as const;
const LANGUAGES = ['sv', 'en', 'de', 'fr'] as const;

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The built-in template with multi-language questions added until its JSON is about `bytes` long. */
function largeQuestionnaire(bytes: number) {
  const template = builtInTemplate(areas);
  const random = seeded(15);
  const sentence = (lang: (typeof LANGUAGES)[number], words: number) =>
    Array.from({ length: words }, () => WORDS[lang][Math.floor(random() * WORDS[lang].length)]).join(' ');
  const localized = (words: number) => ({
    default: sentence('sv', words),
    ...Object.fromEntries(LANGUAGES.map((lang) => [lang, sentence(lang, words)])),
  });
  const page = { name: 'extra', elements: [] as Record<string, unknown>[] };
  (template.survey as { pages: unknown[] }).pages.push(page);
  for (let i = 0; JSON.stringify(template).length < bytes - 2_500; i++) {
    page.elements.push({
      type: 'radiogroup',
      name: `extra_${i}`,
      title: localized(14),
      description: localized(24),
      choices: [1, 2, 3, 4, 5].map((value) => ({ value, text: localized(3) })),
    });
  }
  return template;
}

let api: TestApi;
let projectId = '';
const big = largeQuestionnaire(1_000_000);

beforeAll(async () => {
  api = await startTestApi({}, { checkResponses: true });
  projectId = (await api.call('POST', '/api/projects', { body: { name: 'Large', areas } })).json.id;
}, 60_000);
afterAll(async () => api?.close());

const upload = (body: unknown, lang = 'en') =>
  api.call('POST', `/api/projects/${projectId}/questionnaires`, { body, headers: { 'accept-language': lang } });

describe('a questionnaire of about 1 MB', () => {
  it('is taken, stored compressed under the item limit, and read back equal', async () => {
    const bodyBytes = Buffer.byteLength(JSON.stringify(big));
    expect(bodyBytes).toBeGreaterThan(990_000);
    expect(bodyBytes).toBeLessThanOrEqual(MB);
    expect((big.survey as { pages: { elements: unknown[] }[] }).pages.at(-1)!.elements.length).toBeGreaterThan(300);
    const created = await upload(big);
    expect(created.status, created.text).toBe(201);
    const read = await api.call('GET', `/api/projects/${projectId}/questionnaires/${created.json.id}`);
    expect(read.status).toBe(200);
    expect(read.json.survey).toEqual(big.survey);
    expect(read.json.indicators).toEqual(big.indicators);
    expect(read.json.background).toEqual(big.background);
    // The project's listing reads it too.
    const project = await api.call('GET', `/api/projects/${projectId}`);
    expect(project.json.questionnaires.map((q: { id: string }) => q.id)).toContain(created.json.id);
  });

  it('passes through the local HTTP server (no other limit in front of the app)', async () => {
    const app = createLocalApp(api.deps, path.resolve(import.meta.dirname, '../../web'));
    const server: ServerType = await serveApp(app, { port: 0, hostname: '127.0.0.1' });
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/api/projects/${projectId}/questionnaires`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(big),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      const { id } = (await response.json()) as { id: string };
      const stored = await api.deps.store.questionnaires.get(projectId, id);
      expect(stored?.survey).toEqual(big.survey);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a body over 1 MB is refused with 413 naming the limit, in Swedish and English', async () => {
    const tooBig = largeQuestionnaire(MB + 10_000);
    const en = await upload(tooBig, 'en');
    expect(en.status).toBe(413);
    expect(en.json).toEqual({ error: 'payload_too_large', message: 'the body is over 1 MB' });
    const sv = await upload(tooBig, 'sv');
    expect(sv.json.message).toBe('Innehållet är större än 1 MB.');
  });

  it('one that does not fit an item even compressed is refused with 413 naming its compressed size', async () => {
    // Random text hardly compresses: 600 KB of it stays far over the ~390 KB an item can hold.
    const noise = builtInTemplate(areas);
    (noise.survey as { description?: string }).description = randomBytes(450_000).toString('base64');
    const reply = await upload(noise);
    expect(reply.status).toBe(413);
    expect(reply.json.error).toBe('questionnaire_too_large');
    expect(reply.json.message).toMatch(
      new RegExp(
        `^the questionnaire takes \\d{3} KB compressed, and at most ${MAX_STORED_QUESTIONNAIRE_BYTES / 1024} KB can be stored`,
      ),
    );
    const compressedKb = Number(/takes (\d+) KB/.exec(reply.json.message)![1]);
    expect(compressedKb).toBeGreaterThan(MAX_STORED_QUESTIONNAIRE_BYTES / 1024);
    const sv = await upload(noise, 'sv');
    expect(sv.json.message).toMatch(/^Enkäten tar \d+ KB komprimerad, och högst 390 KB kan sparas\./);
  });
});

describe('other routes keep 64 KB', () => {
  it('a project of 70 KB and a submission of 70 KB are refused with 413', async () => {
    const project = await api.call('POST', '/api/projects', {
      body: { name: 'x'.repeat(70 * 1024), areas },
      headers: { 'accept-language': 'en' },
    });
    expect(project.status).toBe(413);
    expect(project.json.message).toBe('the body is over 64 KB');
    const submission = await api.call('POST', '/api/public/rounds/abc/responses', {
      token: null,
      body: { answers: { q: 'x'.repeat(70 * 1024) } },
    });
    expect(submission.status).toBe(413);
    expect(submission.json.message).toBe('Innehållet är större än 64 KB.');
  });

  it('the OpenAPI document publishes each route limit', async () => {
    const { json } = await api.call('GET', '/api/openapi.json');
    const questionnaires = json.paths['/api/projects/{projectId}/questionnaires'].post;
    expect(questionnaires['x-max-body-bytes']).toBe(MB);
    expect(questionnaires.responses['413'].description).toBe('body over 1 MB');
    const submit = json.paths['/api/public/rounds/{roundId}/responses'].post;
    expect(submit['x-max-body-bytes']).toBe(64 * 1024);
    expect(submit.responses['413'].description).toBe('body over 64 KB');
  });
});
