// The check of an invitation code before answering (POST /api/public/rounds/:roundId/codes/check):
// an unused code is ok, a used or unknown one is refused in the resident's language, a closed round
// is 410, and the check shares the submit route's guess limit (it gives an attacker no extra guesses).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GUESS_LIMITS } from '../../functions/api/guessLimit.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';

const areas = [{ id: 'a', name: 'A' }];
const answers = { q_nki_overall: 8, q_nki_expect: 7, q_nki_ideal: 6, area: 'a' };
let api: TestApi;
let projectId = '';
let questionnaireId = '';

beforeAll(async () => {
  api = await startCheckedApi();
  projectId = (await api.call('POST', '/api/projects', { body: { name: 'p', areas } })).json.id;
  questionnaireId = (
    await api.call('POST', `/api/projects/${projectId}/questionnaires`, { body: builtInTemplate(areas) })
  ).json.id;
});
afterAll(async () => api.close());

async function newRound(access: 'invite' | 'open' = 'invite'): Promise<{ roundId: string; codes: string[] }> {
  const round = await api.call('POST', `/api/projects/${projectId}/rounds`, {
    body: { kind: 'baseline', name: 'r', questionnaireId, access },
  });
  expect(round.status).toBe(201);
  if (access === 'open') return { roundId: round.json.id, codes: [] };
  const issued = await api.call('POST', `/api/rounds/${round.json.id}/invitations`, { body: { count: 3 } });
  return { roundId: round.json.id, codes: issued.json.codes };
}

const check = (roundId: string, code: unknown, query = '', headers: Record<string, string> = {}) =>
  api.call('POST', `/api/public/rounds/${roundId}/codes/check${query}`, { token: null, body: { code }, headers });
const submit = (roundId: string, code: string) =>
  api.call('POST', `/api/public/rounds/${roundId}/responses`, { token: null, body: { code, answers } });

describe('checking a code before answering', () => {
  it('accepts an unused code however it is typed, and refuses it once used', async () => {
    const { roundId, codes } = await newRound();
    const code = codes[0]!;
    expect(await check(roundId, code)).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect((await check(roundId, ` ${code.toLowerCase().replace('-', ' ')} `)).status).toBe(200);
    // Checking uses nothing up: the code still answers.
    expect((await submit(roundId, code)).status).toBe(201);
    const used = await check(roundId, code);
    expect(used.status).toBe(409);
    expect(used.json).toEqual({ error: 'code_used', message: 'Koden har redan använts för att svara.' });
    const english = await check(roundId, code, '?lang=en');
    expect(english.json.message).toBe('The code has already been used to answer.');
    const byHeader = await check(roundId, code, '', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(byHeader.json.message).toBe('The code has already been used to answer.');
    // Another code of the round is still fine.
    expect((await check(roundId, codes[1])).status).toBe(200);
  });

  it('refuses an unknown code with 403 and a malformed or missing one with 400, as submitting does', async () => {
    const { roundId } = await newRound();
    const unknown = await check(roundId, 'AAAAA-BBBBB');
    expect(unknown.status).toBe(403);
    expect(unknown.json).toEqual({ error: 'invalid_code', message: 'Koden är inte giltig för den här enkäten.' });
    expect((await check(roundId, 'AAAAA-BBBBB', '?lang=en')).json.message).toBe(
      'The code is not valid for this survey.',
    );
    const malformed = await check(roundId, 'nope');
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0].field).toBe('code');
    expect((await check(roundId, '')).status).toBe(400);
    const noBody = await api.call('POST', `/api/public/rounds/${roundId}/codes/check`, { token: null, body: {} });
    expect(noBody.status).toBe(400);
  });

  it('answers 404 for an unknown round, 410 for a closed one, 400 for a round without codes', async () => {
    expect((await check('no-such-round', 'AAAAA-BBBBB')).status).toBe(404);
    const { roundId, codes } = await newRound();
    expect((await api.call('POST', `/api/rounds/${roundId}/close`)).status).toBe(200);
    const closed = await check(roundId, codes[0]);
    expect(closed.status).toBe(410);
    expect(closed.json).toEqual({ error: 'round_closed', message: 'Enkäten är stängd.' });
    const open = await newRound('open');
    const refused = await check(open.roundId, 'AAAAA-BBBBB');
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].field).toBe('code');
  });
});

describe('the guess limit shared with submitting', () => {
  // In-process calls have no client address: the round's count alone binds them.
  const limit = DEFAULT_GUESS_LIMITS.perRound;

  it('counts wrong and used codes sent to the check toward the submit route', async () => {
    const { roundId, codes } = await newRound();
    expect((await submit(roundId, codes[0]!)).status).toBe(201);
    for (let i = 0; i < limit - 1; i++) {
      const answer = i % 2 === 0 ? await check(roundId, 'AAAAA-BBBBB') : await check(roundId, codes[0]);
      expect(answer.status).toBe(i % 2 === 0 ? 403 : 409);
    }
    expect((await submit(roundId, 'AAAAA-CCCCC')).status).toBe(403); // the last guess allowed
    const blocked = await submit(roundId, codes[1]!);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.json.error).toBe('too_many_guesses');
    const checkBlocked = await check(roundId, codes[1], '?lang=en');
    expect(checkBlocked.status).toBe(429);
    expect(Number(checkBlocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(checkBlocked.json.message).toMatch(/^Too many wrong codes have been sent/);
  });

  it('counts wrong codes sent to the submit route toward the check', async () => {
    const { roundId, codes } = await newRound();
    for (let i = 0; i < limit - 1; i++) expect((await submit(roundId, 'AAAAA-BBBBB')).status).toBe(403);
    expect((await check(roundId, 'AAAAA-CCCCC')).status).toBe(403); // the last guess allowed
    const blocked = await check(roundId, codes[0]);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(blocked.json.message).toMatch(/^För många felaktiga koder/);
  });

  it('does not count a valid unused code', async () => {
    const { roundId, codes } = await newRound();
    for (let i = 0; i < limit + 5; i++) expect((await check(roundId, codes[0])).status).toBe(200);
    expect((await submit(roundId, codes[0]!)).status).toBe(201);
  });
});
