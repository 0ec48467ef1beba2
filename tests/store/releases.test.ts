// Releases on real dynalite: one release item per round, written only after the one it follows, so
// that of two folds releasing at once one wins and a slower fold never puts an older release back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSettings } from '../../functions/core/schemas.ts';
import { releaseRound } from '../../functions/fold/release.ts';
import type { Store } from '../../functions/store/index.ts';
import type { Release } from '../../functions/store/releases.ts';
import type { Round } from '../../functions/store/types.ts';
import { startTestStore } from '../support/dynamo.ts';

let store: Store;
let close: () => Promise<void>;
const cell = (respondents: number) => ({
  cells: { A: { background: { area: 'A', age_band: null, gender: null }, respondents, indicators: {}, answers: {} } },
});
const release = (seq: number, n: number, hwms: string[]): Release => ({
  seq,
  at: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
  n,
  final: false,
  hwms,
  aggregate: cell(n) as unknown as Release['aggregate'],
});
const round: Round = {
  id: 'r1',
  projectId: 'p1',
  kind: 'baseline',
  name: 'Round',
  questionnaireId: 'q1',
  access: 'open',
  status: 'open',
  shards: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

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
  await store.rounds.create(round);
});
afterAll(async () => close());

describe('the release repository', () => {
  it('has no release before the first, then exactly one of two writers of the same next release wins', async () => {
    expect(await store.releases.latest('r1')).toBeNull();
    expect(await store.releases.put('r1', release(1, 5, ['a', 'a']))).toBe(true);
    const both = await Promise.all([
      store.releases.put('r1', release(2, 10, ['b', 'b'])),
      store.releases.put('r1', release(2, 11, ['c', 'c'])),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const latest = await store.releases.latest('r1');
    expect(latest?.seq).toBe(2);
    expect(latest?.aggregate).toEqual(cell(latest!.n));
    // A write that follows an older release than the stored one loses.
    expect(await store.releases.put('r1', release(2, 12, ['d', 'd']))).toBe(false);
  });

  it('never takes a release from snapshots older than the latest release', async () => {
    // The latest release was taken at marks b/c; a fold that read snapshots still at 'a' takes none.
    const snapshot = { hwm: 'a', aggregate: cell(40) as unknown as Release['aggregate'], folded: 40, updatedAt: '' };
    for (const shard of [0, 1]) await store.snapshots.put('r1', shard, snapshot, null);
    const before = await store.releases.latest('r1');
    expect(await releaseRound(store, round, { now: Date.now(), settleMs: 0, unfolded: false })).toBeNull();
    expect(await store.releases.latest('r1')).toEqual(before);
  });
});
