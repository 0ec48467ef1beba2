// Store failures on every write path: throttling, 500s and timeouts injected through the DynamoDB
// client's middleware stack, before the request reaches dynalite or after it was applied. The
// caller sees either a success that is true or a 503 it can retry; retrying until it succeeds
// stores and counts everything exactly once (checked against rebuild and against compareRounds on
// the data that was sent).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { createTokenIssuer } from '../../functions/api/auth.ts';
import { hashCode, normalizeCode } from '../../functions/api/codes.ts';
import type { ApiDeps } from '../../functions/api/routeTable.ts';
import { aggregateResponses } from '../../functions/core/aggregates.ts';
import { compareRounds } from '../../functions/core/compare.ts';
import { CLOSE_GRACE_MS } from '../../functions/core/releases.ts';
import type { Answer, Background } from '../../functions/core/schemas.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { AGE_BANDS, builtInTemplate } from '../../functions/core/template.ts';
import { foldRound } from '../../functions/fold/fold.ts';
import { readRoundAggregate } from '../../functions/fold/read.ts';
import { rebuildRound } from '../../functions/fold/rebuild.ts';
import { isPassingStoreFailure } from '../../functions/store/errors.ts';
import type { Store } from '../../functions/store/index.ts';
import { TEST_SECRET } from '../support/api.ts';
import { startTestStore } from '../support/dynamo.ts';
import {
  FAULTS_AFTER,
  FAULTS_BEFORE,
  faultyStore,
  ONCE,
  OUTLASTING,
  type Fault,
  type FaultRule,
} from '../support/faults.ts';

const TABLE = 'bygdpuls-test';
const areas = [
  { id: 'gardeby', name: 'Gårdeby' },
  { id: 'bottna', name: 'Bottna' },
];
const template = builtInTemplate(areas);
const scorer = createScorer(template.indicators);
const tokens = createTokenIssuer(TEST_SECRET);
const CODE_SECRET = 'test-code-secret';

interface Answered {
  status: number;
  json: any;
  headers: Headers;
}
type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answered>;

let clean: { store: Store; endpoint: string; close: () => Promise<void> };
let adminToken = '';
const logs: Record<string, unknown>[] = [];

/** The API on a store, called in-process (a new app: its caches start empty). */
function apiOn(store: Store): Call {
  const deps: ApiDeps = {
    store,
    tokens,
    codeSecret: CODE_SECRET,
    now: () => Date.now(),
    shardsPerRound: 3,
    settleMs: 0,
    submissionsPerMinutePerAddress: 0,
    publicUrl: 'http://bygdpuls.test',
    log: (entry) => logs.push(entry),
  };
  const app = createApp(deps);
  return async (method, path, body, headers = {}) => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${adminToken}`, ...headers } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await app.request(path, init);
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers };
  };
}

/** A plan: which attempts of the targeted writes fail, and how. */
interface Plan {
  name: string;
  rules: (command: string, when: FaultRule['when']) => FaultRule[];
}

const BEFORE_OF_AFTER: Record<string, Fault> = { 'server-error-after': 'server-error', 'timeout-after': 'timeout' };

const PLANS: Plan[] = [
  // Before the request reaches the database: once (the SDK's retry gets through) or on every attempt.
  ...FAULTS_BEFORE.flatMap((fault): Plan[] => [
    { name: `${fault} once`, rules: (command, when) => [{ command, when, fault, attempts: ONCE }] },
    { name: `${fault} outlasting`, rules: (command, when) => [{ command, when, fault, attempts: OUTLASTING }] },
  ]),
  // Applied, then the answer lost: the SDK's retry meets its own write; or the write is durable
  // and every later attempt fails too, so the caller gets the error and must send it again.
  ...FAULTS_AFTER.flatMap((fault): Plan[] => [
    { name: `${fault} once`, rules: (command, when) => [{ command, when, fault, attempts: ONCE }] },
    {
      name: `${fault}, then outlasting`,
      rules: (command, when) => [
        { command, when, fault, attempts: [1] },
        { command, when, fault: BEFORE_OF_AFTER[fault]!, attempts: OUTLASTING.slice(1) },
      ],
    },
  ]),
];

/** What each path answered under each plan, printed at the end: the fault matrix. */
const matrix = new Map<string, Map<string, string>>();
function record(path: string, plan: string, outcomes: Answered[]): void {
  if (!matrix.has(path)) matrix.set(path, new Map());
  matrix.get(path)!.set(plan, outcomes.map((o) => o.status).join('→'));
}

/**
 * A client that sends a request until it is not told to retry: every answer is either a success
 * or a 503 with Retry-After and a specific message; the 503s stop once the faults have passed.
 */
async function sendUntilDone(send: () => Promise<Answered>, done: (a: Answered) => boolean): Promise<Answered[]> {
  const outcomes: Answered[] = [];
  for (let i = 0; i < 4; i++) {
    const answer = await send();
    outcomes.push(answer);
    if (done(answer)) return outcomes;
    expect(answer.status, JSON.stringify(answer.json)).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.json.error).toBe('store_unavailable');
    expect(answer.json.message).toMatch(/./);
  }
  throw new Error(`still not done after ${outcomes.length} tries: ${outcomes.map((o) => o.status).join(', ')}`);
}

/** Runs `action` on an API whose store fails by the plan; checks that the plan was used. */
async function underFaults<T>(rules: FaultRule[], action: (call: Call, store: Store) => Promise<T>): Promise<T> {
  const faulty = await faultyStore(clean.endpoint, TABLE, rules);
  try {
    const result = await action(apiOn(faulty.store), faulty.store);
    expect(faulty.injector.injected.length, 'the plan injected no fault: it targets nothing').toBeGreaterThan(0);
    return result;
  } finally {
    faulty.close();
  }
}

const isWrite = (test: (item: Record<string, { S?: string }>) => boolean) => (input: Record<string, unknown>) => {
  const item = input.Item as Record<string, { S?: string }> | undefined;
  return item !== undefined && test(item);
};
const responseWrite = isWrite((item) => item.sk!.S!.startsWith('R#') && !('removed' in item));
const removalWrite = isWrite((item) => item.sk!.S!.startsWith('R#') && 'removed' in item);
const snapshotWrite = isWrite((item) => item.sk!.S === 'SNAPSHOT');

let projectId = '';
let questionnaireId = '';
let openRound = '';
let inviteRound = '';
let toggledRound = '';
const unusedCodes: string[] = [];

/** What was accepted (by a 201 or a 200), per round: the expected data. */
const accepted = { open: new Map<string, Sent>(), invite: new Map<string, Sent>() };
interface Sent {
  answers: Record<string, Answer>;
  background: Background;
}

let seed = 7;
function random(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
}
function someAnswers(): Sent {
  const area = areas[random(2)]!.id;
  const age = AGE_BANDS[random(4)]!;
  const gender = ['kvinna', 'man'][random(2)]!;
  const answers: Record<string, Answer> = {
    q_nki_overall: 1 + random(10),
    q_nki_expect: 1 + random(10),
    q_nki_ideal: random(5) === 0 ? 'dk' : 1 + random(10),
    q_pride_village: 1 + random(5),
    q_aware_project: random(2) ? 'yes' : 'no',
    q_engage: 1 + random(5),
    area,
    age_band: age,
    gender,
  };
  return { answers, background: { area, age_band: age, gender } };
}

beforeAll(async () => {
  clean = await startTestStore();
  adminToken = await tokens.issue('admin', '*');
  const call = apiOn(clean.store);
  projectId = (await call('POST', '/api/projects', { name: 'Faults', areas })).json.id;
  questionnaireId = (await call('POST', `/api/projects/${projectId}/questionnaires`, template)).json.id;
  const round = async (kind: string, access: string) =>
    (
      await call('POST', `/api/projects/${projectId}/rounds`, {
        kind,
        name: `${kind} ${access}`,
        questionnaireId,
        access,
      })
    ).json.id as string;
  openRound = await round('baseline', 'open');
  inviteRound = await round('followup', 'invite');
  toggledRound = await round('baseline', 'open');
  const codes = await call('POST', `/api/rounds/${inviteRound}/invitations`, { count: 40 });
  unusedCodes.push(...codes.json.codes);
});

afterAll(async () => {
  const lines = [...matrix].map(
    ([path, cells]) => `${path.padEnd(34)} ${[...cells].map(([plan, outcome]) => `${plan}: ${outcome}`).join(' | ')}`,
  );
  console.log(`fault matrix (path: plan: statuses the client saw, in order)\n${lines.join('\n')}`);
  await clean?.close();
});

describe('a resident submitting while the store fails', () => {
  for (const access of ['open', 'invite'] as const) {
    it.each(PLANS.map((plan) => [plan.name, plan] as const))(
      `${access} round, %s: a true success or a 503, counted once`,
      async (name, plan) => {
        const roundId = access === 'open' ? openRound : inviteRound;
        const sent = someAnswers();
        const body =
          access === 'open'
            ? { responseId: randomUUID(), answers: sent.answers }
            : { code: unusedCodes.pop()!, responseId: randomUUID(), answers: sent.answers };
        const path = `/api/public/rounds/${roundId}/responses`;
        const outcomes = await underFaults(plan.rules('PutItemCommand', responseWrite), async (call) =>
          sendUntilDone(
            () => call('POST', path, body),
            (a) => a.status === 201 || a.status === 200,
          ),
        );
        record(`submit (${access} round)`, name, outcomes);
        const success = outcomes.at(-1)!;
        // An exact retry (same responseId) answers as the success did; a different submission with the key is a
        // conflict.
        const call = apiOn(clean.store);
        const retry = await call('POST', path, body);
        expect(retry.status).toBe(200);
        expect(retry.json).toEqual(success.json);
        expect(
          (
            await call('POST', path, {
              ...body,
              answers: { ...sent.answers, q_nki_overall: sent.answers.q_nki_overall === 1 ? 2 : 1 },
            })
          ).status,
        ).toBe(409);
        accepted[access].set(access === 'open' ? body.responseId! : body.code!, sent);
      },
    );
  }
});

describe('an administrator while the store fails', () => {
  it.each(PLANS.map((plan) => [plan.name, plan] as const))(
    'removal, %s: removed once, a retry is told it is done',
    async (name, plan) => {
      const call = apiOn(clean.store);
      const sent = someAnswers();
      const responseId = randomUUID();
      expect(
        (await call('POST', `/api/public/rounds/${openRound}/responses`, { responseId, answers: sent.answers })).status,
      ).toBe(201);
      const outcomes = await underFaults(plan.rules('PutItemCommand', removalWrite), async (faulty) =>
        sendUntilDone(
          () => faulty('POST', `/api/rounds/${openRound}/removals`, { responseId }),
          (a) => a.status === 200 || (a.status === 404 && a.json.error === 'already_removed'),
        ),
      );
      record('removal', name, outcomes);
      const round = (await clean.store.rounds.get(openRound))!;
      expect((await clean.store.responses.get(openRound, round.shards, `I.${responseId}`))?.type).toBe('removal');
      // The first answer after the faults: 200 when this request did it, "already removed" when an
      // earlier one did; never "no such response".
      expect(outcomes.every((o) => o.json?.error !== 'not_found')).toBe(true);
    },
  );

  it.each(PLANS.map((plan) => [plan.name, plan] as const))(
    'invitation codes, %s: every code shown is stored, no code stored is unshown',
    async (name, plan) => {
      const before = await countCodes();
      const outcomes = await underFaults(plan.rules('BatchWriteItemCommand', undefined), async (faulty) =>
        sendUntilDone(
          () => faulty('POST', `/api/rounds/${inviteRound}/invitations`, { count: 30, area: 'gardeby' }),
          (a) => a.status === 201,
        ),
      );
      record('invitations', name, outcomes);
      const codes: string[] = outcomes.at(-1)!.json.codes;
      expect(codes).toHaveLength(30);
      for (const code of codes)
        expect(
          await clean.store.invitations.get(inviteRound, hashCode(CODE_SECRET, normalizeCode(code)!)),
        ).not.toBeNull();
      // Failed tries left nothing behind: exactly the 30 codes shown were added.
      expect(await countCodes()).toBe(before + 30);
    },
  );

  it.each([
    ['unprocessed once', [1]],
    ['unprocessed every time', Array.from({ length: 8 }, (_, i) => i + 1)],
  ] as const)('invitation codes, %s: sent again, or all of them taken back', async (name, attempts) => {
    const before = await countCodes();
    const outcomes = await underFaults(
      [{ command: 'BatchWriteItemCommand', fault: 'unprocessed', attempts }],
      async (faulty) =>
        sendUntilDone(
          () => faulty('POST', `/api/rounds/${inviteRound}/invitations`, { count: 30 }),
          (a) => a.status === 201,
        ),
    );
    record('invitations', name, outcomes);
    expect(await countCodes()).toBe(before + 30);
  });

  const creates: [
    string,
    string,
    (input: Record<string, unknown>) => boolean,
    () => Promise<number>,
    () => [string, unknown],
  ][] = [
    [
      'project (list entry)',
      'PutItemCommand',
      isWrite((item) => item.pk!.S === 'PROJECTS'),
      countProjects,
      () => ['/api/projects', { name: 'Another', areas }],
    ],
    [
      'project',
      'PutItemCommand',
      isWrite((item) => item.sk!.S === 'PROJECT'),
      countProjects,
      () => ['/api/projects', { name: 'Another', areas }],
    ],
    [
      'questionnaire',
      'PutItemCommand',
      isWrite((item) => item.sk!.S!.startsWith('QUESTIONNAIRE#')),
      countQuestionnaires,
      () => [`/api/projects/${projectId}/questionnaires`, template],
    ],
    [
      'round (list entry)',
      'PutItemCommand',
      isWrite((item) => item.sk!.S!.startsWith('ROUND#')),
      countRounds,
      () => [`/api/projects/${projectId}/rounds`, { kind: 'followup', name: 'More', questionnaireId, access: 'open' }],
    ],
    [
      'round',
      'PutItemCommand',
      isWrite((item) => item.sk!.S === 'ROUND'),
      countRounds,
      () => [`/api/projects/${projectId}/rounds`, { kind: 'followup', name: 'More', questionnaireId, access: 'open' }],
    ],
  ];
  for (const [what, command, when, count, request] of creates) {
    it.each(PLANS.map((plan) => [plan.name, plan] as const))(
      `creating a ${what}, %s: created exactly once`,
      async (name, plan) => {
        const before = await count();
        const [path, body] = request();
        const outcomes = await underFaults(plan.rules(command, when), async (faulty) =>
          sendUntilDone(
            () => faulty('POST', path, body),
            (a) => a.status === 201,
          ),
        );
        record(`create ${what}`, name, outcomes);
        expect(await count()).toBe(before + 1);
        // What the success named exists.
        const id = outcomes.at(-1)!.json.id;
        const read = what.startsWith('project')
          ? `/api/projects/${id}`
          : what.startsWith('round')
            ? `/api/rounds/${id}`
            : `/api/projects/${projectId}/questionnaires/${id}`;
        expect((await apiOn(clean.store)('GET', read)).status).toBe(200);
      },
    );
  }

  it.each(PLANS.map((plan) => [plan.name, plan] as const))(
    'closing and opening a round, %s: the status asked for',
    async (name, plan) => {
      for (const action of ['close', 'open'] as const) {
        const outcomes = await underFaults(
          plan.rules(
            'PutItemCommand',
            isWrite((item) => item.sk!.S === 'ROUND'),
          ),
          async (faulty) =>
            sendUntilDone(
              () => faulty('POST', `/api/rounds/${toggledRound}/${action}`),
              (a) => a.status === 200,
            ),
        );
        record(`round ${action}`, name, outcomes);
        expect((await clean.store.rounds.get(toggledRound))!.status).toBe(action === 'close' ? 'closed' : 'open');
      }
    },
  );
});

describe('the fold while the store fails', () => {
  it.each(PLANS.map((plan) => [plan.name, plan] as const))(
    'snapshot writes, %s: aggregates exact after the next fold',
    async (name, plan) => {
      // Fresh responses for this fold to do.
      const call = apiOn(clean.store);
      for (let i = 0; i < 12; i++) {
        const sent = someAnswers();
        const responseId = randomUUID();
        expect(
          (await call('POST', `/api/public/rounds/${openRound}/responses`, { responseId, answers: sent.answers }))
            .status,
        ).toBe(201);
        accepted.open.set(responseId, sent);
      }
      const round = (await clean.store.rounds.get(openRound))!;
      const outcomes: string[] = [];
      await underFaults(plan.rules('PutItemCommand', snapshotWrite), async (_call, store) => {
        // The scheduler's view: a fold that fails is run again at the next tick.
        for (let run = 0; run < 4; run++) {
          try {
            const result = await foldRound(store, round, { now: Date.now(), settleMs: 0, batchSize: 4 });
            outcomes.push(result.lost > 0 ? 'lost' : 'ok');
            if (result.lost === 0) break;
          } catch (error) {
            expect(isPassingStoreFailure(error), String(error)).toBe(true);
            outcomes.push('error');
          }
        }
      });
      matrix.set(
        'fold snapshot writes',
        (matrix.get('fold snapshot writes') ?? new Map()).set(name, outcomes.join('→')),
      );
      await foldRound(clean.store, round, { now: Date.now(), settleMs: 0 });
      const view = await readRoundAggregate(clean.store, round, scorer);
      expect(view.tail).toBe(0);
      expect((await rebuildRound(clean.store, round)).differences).toEqual([]);
    },
  );
});

describe('after every fault', () => {
  it('counts each accepted response exactly once: rebuild agrees, and the comparison is compareRounds on the data sent', async () => {
    const round = async (id: string) => (await clean.store.rounds.get(id))!;
    for (const id of [openRound, inviteRound]) {
      // Closed and folded past the close: the final release holds every accepted response.
      await clean.store.rounds.setStatus(await round(id), 'closed', new Date().toISOString());
      await foldRound(clean.store, await round(id), { now: Date.now() + CLOSE_GRACE_MS + 1000, settleMs: 0 });
      const report = await rebuildRound(clean.store, await round(id));
      expect(report.differences).toEqual([]);
      expect(report.responses).toBe((id === openRound ? accepted.open : accepted.invite).size);
    }
    const project = (await clean.store.projects.get(projectId))!;
    const expected = compareRounds(
      template.indicators,
      project.settings,
      aggregateResponses(scorer, accepted.open.values()),
      aggregateResponses(scorer, accepted.invite.values()),
      {
        secondarySuppression: true,
      },
    );
    const served = await apiOn(clean.store)(
      'GET',
      `/api/projects/${projectId}/comparison?baseline=${openRound}&followup=${inviteRound}`,
    );
    expect(served.status).toBe(200);
    const { releases, preliminary, ...figures } = served.json;
    expect(releases.baseline).toMatchObject({ final: true, n: accepted.open.size });
    expect(preliminary).toBe(false);
    expect(figures).toEqual(JSON.parse(JSON.stringify(expected)));
    // Store failures were logged as such, without bodies, and never as unhandled errors.
    expect(logs.filter((entry) => entry.event === 'unhandled')).toEqual([]);
    expect(logs.some((entry) => entry.event === 'store_unavailable')).toBe(true);
  });
});

async function countCodes(): Promise<number> {
  let total = 0;
  for (const n of (await clean.store.invitations.countByArea(inviteRound)).values()) total += n;
  return total;
}
async function countProjects(): Promise<number> {
  return (await clean.store.projects.list()).length;
}
async function countQuestionnaires(): Promise<number> {
  return (await clean.store.questionnaires.list(projectId)).length;
}
async function countRounds(): Promise<number> {
  return (await clean.store.rounds.listByProject(projectId)).length;
}
