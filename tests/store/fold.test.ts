// The fold on real dynalite: nothing counted twice or missed, through concurrent folds, folds cut
// short between reading and writing, removals, and rebuild agreeing with the snapshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateDifferences, aggregateResponses } from '../../functions/core/aggregates.ts';
import type { Answer, Background, Indicator } from '../../functions/core/schemas.ts';
import { ProjectSettings } from '../../functions/core/schemas.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { foldRound } from '../../functions/fold/fold.ts';
import { readRoundAggregate } from '../../functions/fold/read.ts';
import { rebuildRound } from '../../functions/fold/rebuild.ts';
import type { Store } from '../../functions/store/index.ts';
import { timeKey } from '../../functions/store/keys.ts';
import type { Round, StoredResponse } from '../../functions/store/types.ts';
import { startTestStore } from '../support/dynamo.ts';

const indicators: Indicator[] = [
  { id: 'nki', kind: 'index', items: ['q1', 'q2', 'q3'], scale: [1, 10] },
  { id: 'aware', kind: 'share', items: ['aware'], positive: ['yes'] },
];
const scorer = createScorer(indicators);

let store: Store;
let close: () => Promise<void>;
let roundCounter = 0;

beforeAll(async () => {
  ({ store, close } = await startTestStore());
  await store.projects.create({
    id: 'p1',
    name: 'Test',
    areas: [{ id: 'A', name: 'A' }],
    settings: ProjectSettings.parse({}),
    demo: false,
    createdAt: '2026-01-01T00:00:00Z',
  });
  await store.questionnaires.create({
    id: 'q1',
    projectId: 'p1',
    survey: {},
    indicators,
    background: { area: 'area' },
    createdAt: '2026-01-01T00:00:00Z',
  });
});
afterAll(async () => close());

async function newRound(shards = 3): Promise<Round> {
  const round: Round = {
    id: `r${++roundCounter}`,
    projectId: 'p1',
    kind: 'baseline',
    name: 'Test round',
    questionnaireId: 'q1',
    access: 'open',
    status: 'open',
    shards,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
  await store.rounds.create(round);
  return round;
}

function makeResponse(i: number, ts: number): StoredResponse {
  const answers: Record<string, Answer> = {
    q1: (i % 10) + 1,
    q2: ((i * 3) % 10) + 1,
    q3: i % 4 === 0 ? 'dk' : ((i * 7) % 10) + 1,
    aware: i % 3 === 0 ? 'no' : 'yes',
  };
  const background: Background = { area: i % 5 === 0 ? null : 'A', age_band: i % 2 ? '30-49' : '65+', gender: null };
  const key = `resp-${i}`;
  return { type: 'response', key, responseId: key, ts, tsKey: timeKey(ts, key), background, answers };
}

async function submit(round: Round, responses: StoredResponse[]): Promise<void> {
  for (const r of responses) expect((await store.responses.put(round.id, round.shards, r)).stored).toBe(true);
}

const expectedOf = (responses: StoredResponse[]) => aggregateResponses(scorer, responses);

describe('fold', () => {
  it('folds settled responses into snapshots, and the read view counts every response once', async () => {
    const round = await newRound();
    const now = Date.now();
    const responses = Array.from({ length: 60 }, (_, i) => makeResponse(i, now - 100_000 + i));
    const fresh = Array.from({ length: 5 }, (_, i) => makeResponse(100 + i, now - 10 + i));
    await submit(round, [...responses, ...fresh]);
    const result = await foldRound(store, round, { now, settleMs: 5_000 });
    expect(result.folded).toBe(60);
    const view = await readRoundAggregate(store, round, scorer);
    expect(view.tail).toBe(5); // the unsettled ones are read from the tail
    expect(aggregateDifferences(expectedOf([...responses, ...fresh]), view.aggregate)).toEqual([]);
    // folding again changes nothing
    expect((await foldRound(store, round, { now, settleMs: 5_000 })).folded).toBe(0);
    expect((await rebuildRound(store, round)).differences).toEqual([]);
  });

  it('lets exactly one of two concurrent folds win, and loses nothing', async () => {
    const round = await newRound(2);
    const now = Date.now();
    const responses = Array.from({ length: 80 }, (_, i) => makeResponse(i, now - 50_000 + i));
    await submit(round, responses);
    const [a, b] = await Promise.all([
      foldRound(store, round, { now, settleMs: 1000, batchSize: 7 }),
      foldRound(store, round, { now, settleMs: 1000, batchSize: 7 }),
    ]);
    expect(a.lost + b.lost).toBeGreaterThan(0);
    await foldRound(store, round, { now, settleMs: 1000 });
    const view = await readRoundAggregate(store, round, scorer);
    expect(view.tail).toBe(0);
    expect(aggregateDifferences(expectedOf(responses), view.aggregate)).toEqual([]);
    const snapshots = await Promise.all([0, 1].map((shard) => store.snapshots.get(round.id, shard)));
    expect(snapshots.reduce((sum, s) => sum + (s?.folded ?? 0), 0)).toBe(80);
  });

  it('loses nothing when a fold dies between reading and writing', async () => {
    const round = await newRound(1);
    const now = Date.now();
    const responses = Array.from({ length: 30 }, (_, i) => makeResponse(i, now - 50_000 + i));
    await submit(round, responses);
    await expect(
      foldRound(store, round, {
        now,
        settleMs: 1000,
        batchSize: 10,
        beforeWrite: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(
      aggregateDifferences(expectedOf(responses), (await readRoundAggregate(store, round, scorer)).aggregate),
    ).toEqual([]);
    expect((await foldRound(store, round, { now, settleMs: 1000, batchSize: 10 })).folded).toBe(30);
    expect((await rebuildRound(store, round)).differences).toEqual([]);
  });

  it('subtracts a removed response once, whether it was folded before or not', async () => {
    const round = await newRound(2);
    const now = Date.now();
    const responses = Array.from({ length: 20 }, (_, i) => makeResponse(i, now - 60_000 + i));
    await submit(round, responses);
    await foldRound(store, round, { now: now - 30_000, settleMs: 0 }); // all 20 folded
    const late = Array.from({ length: 4 }, (_, i) => makeResponse(50 + i, now - 20_000 + i));
    await submit(round, late);
    const keep = (answers: Record<string, Answer>) => answers;
    // one folded response and one not yet folded, both removed
    expect(await store.responses.remove(round.id, round.shards, 'resp-3', now - 10_000, keep)).toBe('removed');
    expect(await store.responses.remove(round.id, round.shards, 'resp-51', now - 10_000, keep)).toBe('removed');
    expect(await store.responses.remove(round.id, round.shards, 'resp-3', now - 9_000, keep)).toBe('not-found');
    const remaining = [...responses, ...late].filter((r) => r.key !== 'resp-3' && r.key !== 'resp-51');
    expect(
      aggregateDifferences(expectedOf(remaining), (await readRoundAggregate(store, round, scorer)).aggregate),
    ).toEqual([]);
    await foldRound(store, round, { now, settleMs: 1000 });
    const view = await readRoundAggregate(store, round, scorer);
    expect(view.responses).toBe(remaining.length);
    expect(aggregateDifferences(expectedOf(remaining), view.aggregate)).toEqual([]);
    expect((await rebuildRound(store, round)).differences).toEqual([]);
  });

  it('reports the difference when snapshots and stored responses disagree', async () => {
    const round = await newRound(1);
    const now = Date.now();
    await submit(
      round,
      Array.from({ length: 10 }, (_, i) => makeResponse(i, now - 50_000 + i)),
    );
    await foldRound(store, round, { now, settleMs: 1000 });
    // Tamper: a snapshot that forgot one response.
    const snapshot = (await store.snapshots.get(round.id, 0))!;
    const fewer = aggregateResponses(
      scorer,
      Array.from({ length: 9 }, (_, i) => makeResponse(i, 0)),
    );
    await store.snapshots.put(round.id, 0, { ...snapshot, aggregate: fewer }, snapshot.hwm);
    const report = await rebuildRound(store, round);
    expect(report.responses).toBe(10);
    expect(report.folded).toBe(9);
    expect(report.differences.length).toBeGreaterThan(0);
  });
});
