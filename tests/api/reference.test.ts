// Every reference case loaded through the public submit route: the comparison endpoint gives the
// numbers `bygdpuls compare` gives on the same CSV files, before and after the fold.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFiles } from '../../functions/cli/compare.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { rebuildRound } from '../../functions/fold/rebuild.ts';
import { mismatches } from '../support/closeTo.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { loadCaseThroughApi } from '../support/referenceCase.ts';

const root = path.resolve(import.meta.dirname, '../..');
const casesDir = path.join(root, 'tests/fixtures/reference');
const cases = readdirSync(casesDir).filter((name) => existsSync(path.join(casesDir, name, 'expected.json')));

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api.close());

describe('the comparison endpoint on the reference cases', () => {
  it.each(cases)('%s: equals `bygdpuls compare` on the same files', async (name) => {
    const dir = path.join(casesDir, name);
    const ids = await loadCaseThroughApi(api, dir);
    const { comparison } = await compareFiles({ indicators: path.join(dir, 'indicators.json'), baseline: path.join(dir, 'baseline.csv'), followup: path.join(dir, 'followup.csv') });
    const expected = JSON.parse(JSON.stringify(comparison));
    const url = `/api/projects/${ids.projectId}/comparison?baseline=${ids.baseline}&followup=${ids.followup}`;
    // Read path only (nothing folded yet: every response comes from the tail) ...
    const before = await api.call('GET', url);
    expect(before.status).toBe(200);
    expect(mismatches(before.json, expected)).toEqual([]);
    // ... and after the fold (snapshots), the same numbers.
    await foldAll(api.deps.store, { now: Date.now() + 1000, settleMs: 0 });
    const after = await api.call('GET', url);
    expect(mismatches(after.json, expected)).toEqual([]);
    for (const roundId of [ids.baseline, ids.followup]) {
      const round = (await api.deps.store.rounds.get(roundId))!;
      expect((await rebuildRound(api.deps.store, round)).differences).toEqual([]);
    }
  }, 120_000);
});
