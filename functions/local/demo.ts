// The demo project of a first start: a municipality with five villages, a closed baseline round
// and an open follow-up round with a few hundred generated, plausible responses, marked as demo
// data. Created through the API itself, so it passes every check real data passes.
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { AGE_BANDS, builtInTemplate, GENDERS } from '../core/template.ts';

const VILLAGES = [
  { id: 'gardeby', name: 'Gårdeby', population: 420, level: 6.4 },
  { id: 'bottna', name: 'Bottna', population: 310, level: 7.2 },
  { id: 'mogata', name: 'Mogata', population: 260, level: 5.9 },
  { id: 'ostra-ryd', name: 'Östra Ryd', population: 380, level: 6.8 },
  { id: 'sankt-anna', name: 'Sankt Anna', population: 190, level: 7.6 },
];

/** mulberry32: a small seeded generator, so that the demo is the same on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(value)));
}

/** One plausible resident: answers drift with the village's level and the round's lift. */
function demoAnswers(random: () => number, village: (typeof VILLAGES)[number], lift: number): Record<string, unknown> {
  const person = village.level + lift + normal(random) * 1.4;
  const item = (spread: number) => clamp(person + normal(random) * spread, 1, 10);
  const agree = (shift: number) => clamp((person - 1) / 2.25 + 1 + shift + normal(random) * 0.8, 1, 5);
  const maybe = <T>(value: T, dk = 0.04, skip = 0.03): T | 'dk' | undefined => {
    const r = random();
    return r < dk ? 'dk' : r < dk + skip ? undefined : value;
  };
  const answers: Record<string, unknown> = {
    q_nki_overall: maybe(item(0.8)),
    q_nki_expect: maybe(item(1.1)),
    q_nki_ideal: maybe(item(1.2)),
    q_pride_village: maybe(agree(0.3)),
    q_pride_municipality: maybe(agree(-0.4)),
    q_future: maybe(item(1.5), 0.08),
    q_business: maybe(agree(-0.6), 0.15),
    q_aware_project: random() < 0.03 ? undefined : random() < 0.35 + lift * 0.25 ? 'yes' : 'no',
    q_engage: maybe(agree(-0.2), 0.06),
    area: random() < 0.02 ? undefined : village.id,
    age_band: random() < 0.05 ? 'none' : AGE_BANDS[Math.floor(random() * AGE_BANDS.length)],
    gender: random() < 0.05 ? 'none' : GENDERS[Math.floor(random() * 2)]!.value,
  };
  for (const [key, value] of Object.entries(answers)) if (value === undefined) delete answers[key];
  return answers;
}

async function call(app: Hono, token: string, method: string, path: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await response.json();
  if (response.status >= 300) throw new Error(`demo setup: ${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

export interface DemoProject {
  projectId: string;
  baselineRoundId: string;
  followupRoundId: string;
}

export async function createDemoProject(app: Hono, adminToken: string, options: { baseline?: number; followup?: number } = {}): Promise<DemoProject> {
  const random = seeded(20261123);
  const { id: projectId } = await call(app, adminToken, 'POST', '/api/projects', {
    name: 'Demo: Söderköpings landsbygd (påhittade data)',
    areas: VILLAGES.map(({ id, name }) => ({ id, name })),
    minGroupSize: 5,
    groupBy: ['area'],
    weighting: { strata: ['area'], population: VILLAGES.map((v) => ({ area: v.id, population: v.population })) },
  });
  const template = builtInTemplate(VILLAGES);
  const { id: questionnaireId } = await call(app, adminToken, 'POST', `/api/projects/${projectId}/questionnaires`, template);
  const { id: baselineRoundId } = await call(app, adminToken, 'POST', `/api/projects/${projectId}/rounds`, { kind: 'baseline', name: 'Nollmätning 2025', questionnaireId, access: 'open' });
  const { id: followupRoundId } = await call(app, adminToken, 'POST', `/api/projects/${projectId}/rounds`, { kind: 'followup', name: 'Uppföljning 2026', questionnaireId, access: 'open' });
  const weights = VILLAGES.map((v) => v.population);
  const total = weights.reduce((a, b) => a + b, 0);
  const pickVillage = () => {
    let r = random() * total;
    for (const village of VILLAGES) {
      r -= village.population;
      if (r <= 0) return village;
    }
    return VILLAGES[0]!;
  };
  const submit = async (roundId: string, count: number, lift: number) => {
    for (let i = 0; i < count; i++) {
      await call(app, adminToken, 'POST', `/api/public/rounds/${roundId}/responses`, { responseId: randomUUID(), answers: demoAnswers(random, pickVillage(), lift) });
    }
  };
  await submit(baselineRoundId, options.baseline ?? 320, 0);
  await call(app, adminToken, 'POST', `/api/rounds/${baselineRoundId}/close`);
  await submit(followupRoundId, options.followup ?? 260, 0.5);
  // Mark the project as demo data wherever it is shown.
  return { projectId, baselineRoundId, followupRoundId };
}
