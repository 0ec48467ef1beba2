// The handlers of the flood routes (declared in routes/bursts.ts): responses grouped by the salted
// hash of their address and a time window (counts only, never answers), and removal of many
// responses at once, each folded as a negative contribution like any removal.
import type { Answer } from '../../core/schemas.ts';
import { indicatorAnswers } from '../../core/scoring.ts';
import type { Store } from '../../store/index.ts';
import { roundQuestionnaire } from '../../store/questionnaires.ts';
import type { Round } from '../../store/types.ts';
import type { RoundBursts } from '../contract.ts';
import type { RoundContext } from '../routeTable.ts';
import type { BulkRemovalBody, BurstsQuery } from '../schemas.ts';

/** Bursts listed at most, largest first. */
const MAX_BURSTS = 200;
/** Removals under way at once. */
const PARALLEL_REMOVALS = 8;

/** What a removal keeps of a response: the answers its indicators need, nothing else. */
export async function indicatorAnswersOf(
  store: Store,
  round: Round,
): Promise<(answers: Record<string, Answer>) => Record<string, Answer>> {
  // A matrix row's item (`attitudes.future`) keeps the matrix's answer, narrowed to the rows read.
  return indicatorAnswers((await roundQuestionnaire(store, round)).indicators);
}

async function listBursts(store: Store, round: Round, windowMinutes: number, minCount: number): Promise<RoundBursts> {
  const windowMs = windowMinutes * 60_000;
  const groups = new Map<string, { addressHash: string; start: number; count: number }>();
  let hashed = 0;
  for (let shard = 0; shard < round.shards; shard++) {
    for await (const { ts, addressHash } of store.responses.addressTimes(round.id, shard)) {
      hashed += 1;
      // Windows aligned to the clock: a burst across a boundary shows as two (listed side by side).
      const start = Math.floor(ts / windowMs) * windowMs;
      const key = `${addressHash} ${start}`;
      const group = groups.get(key);
      if (group) group.count += 1;
      else groups.set(key, { addressHash, start, count: 1 });
    }
  }
  const bursts = [...groups.values()]
    .filter((group) => group.count >= minCount)
    .sort((a, b) => b.count - a.count || a.start - b.start)
    .slice(0, MAX_BURSTS)
    .map((group) => ({
      addressHash: group.addressHash,
      from: new Date(group.start).toISOString(),
      to: new Date(group.start + windowMs).toISOString(),
      count: group.count,
    }));
  return { windowMinutes, minCount, hashed, bursts };
}

/** Keys of the live responses a bulk removal names: by hash (and window), or by window alone. */
async function keysToRemove(store: Store, round: Round, body: BulkRemovalBody): Promise<string[]> {
  const from = body.from === undefined ? -Infinity : Date.parse(body.from);
  const to = body.to === undefined ? Infinity : Date.parse(body.to);
  const keys: string[] = [];
  for (let shard = 0; shard < round.shards; shard++) {
    if (body.addressHash !== undefined) {
      for await (const { key, ts, addressHash } of store.responses.addressTimes(round.id, shard))
        if (addressHash === body.addressHash && ts >= from && ts < to) keys.push(key);
    } else {
      for await (const { key, ts } of store.responses.responses(round.id, shard))
        if (ts >= from && ts < to) keys.push(key);
    }
  }
  return keys;
}

/** GET /api/rounds/:roundId/bursts */
export async function roundBursts({ c, deps, query, round }: RoundContext<undefined, BurstsQuery>): Promise<Response> {
  return c.json(await listBursts(deps.store, round, query.windowMinutes, query.minCount));
}

/** POST /api/rounds/:roundId/removals/bulk */
export async function removeInBulk({ c, deps, body, round }: RoundContext<BulkRemovalBody>): Promise<Response> {
  const keep = await indicatorAnswersOf(deps.store, round);
  const keys = await keysToRemove(deps.store, round, body);
  let removed = 0;
  for (let i = 0; i < keys.length; i += PARALLEL_REMOVALS) {
    const results = await Promise.all(
      keys
        .slice(i, i + PARALLEL_REMOVALS)
        .map((key) => deps.store.responses.remove(round.id, round.shards, key, deps.now(), keep)),
    );
    removed += results.filter((result) => result === 'removed').length;
  }
  deps.log({ event: 'responses_removed', roundId: round.id, count: removed });
  return c.json({ removed });
}
