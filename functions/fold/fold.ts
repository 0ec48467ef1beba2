// The fold (../shared/docs/ARCHITECTURE.md, "Fold"): per shard, add the events between the snapshot's mark and
// now - settle into the snapshot, and write it back on the condition that the mark is unchanged.
// A fold killed at any point loses nothing; two folds at once cannot both win. After the shards,
// the round's release is taken when one is due (release.ts).
import type { Scorer } from '../core/scoring.ts';
import type { Store } from '../store/index.ts';
import { roundQuestionnaire } from '../store/questionnaires.ts';
import type { Release } from '../store/releases.ts';
import type { Round } from '../store/types.ts';
import { EventFolder } from './events.ts';
import { scorerOf } from './read.ts';
import { releaseRound } from './release.ts';

export interface FoldOptions {
  /** Server time now, in ms. */
  now: number;
  /** Events younger than this are left for a later fold: a write still in flight could land behind them. */
  settleMs: number;
  /** Events per snapshot write. */
  batchSize?: number;
  /** Called between reading and writing (tests use it to interrupt a fold there). */
  beforeWrite?: () => Promise<void> | void;
}

export interface ShardFoldResult {
  folded: number;
  /** Snapshot writes that lost to a concurrent fold (their work is discarded, nothing is lost). */
  lost: number;
  /** Server time of the oldest event left unfolded (still settling), or null when none is left. */
  oldestUnfoldedTs: number | null;
}

const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

export async function foldShard(
  store: Store,
  round: Round,
  scorer: Scorer,
  shard: number,
  options: FoldOptions,
): Promise<ShardFoldResult> {
  const batchSize = options.batchSize ?? 5000;
  const cutoff = options.now - options.settleMs;
  let folded = 0;
  let lost = 0;
  let oldestUnfoldedTs: number | null = null;
  for (;;) {
    const snapshot = await store.snapshots.get(round.id, shard);
    const hwm = snapshot?.hwm ?? '';
    const folder = new EventFolder(scorer, hwm);
    let more = false;
    read: for await (const page of store.responses.eventPagesAfter(round.id, shard, hwm, Math.min(batchSize, 1000))) {
      for (const event of page) {
        if (event.ts > cutoff) {
          oldestUnfoldedTs = event.ts;
          break read;
        }
        folder.apply(event);
        // Stop at a full batch before asking for another page (it would be read for nothing).
        if (folder.count === batchSize) {
          more = true;
          break read;
        }
      }
    }
    if (folder.count === 0) return { folded, lost, oldestUnfoldedTs };
    await options.beforeWrite?.();
    const won = await store.snapshots.put(
      round.id,
      shard,
      {
        hwm: folder.lastTimeKey,
        aggregate: folder.result(snapshot?.aggregate ?? null),
        folded: (snapshot?.folded ?? 0) + folder.count,
        updatedAt: new Date(options.now).toISOString(),
      },
      snapshot ? hwm : null,
    );
    if (!won) {
      lost++;
      return { folded, lost, oldestUnfoldedTs: earliest(oldestUnfoldedTs, folder.firstTs) };
    }
    folded += folder.count;
    if (!more) return { folded, lost, oldestUnfoldedTs };
  }
}

export interface RoundFoldResult extends ShardFoldResult {
  /** The release this fold took, if one was due. */
  released: Release | null;
}

export async function foldRound(store: Store, round: Round, options: FoldOptions): Promise<RoundFoldResult> {
  const questionnaire = await roundQuestionnaire(store, round);
  const scorer = scorerOf(questionnaire);
  const results = await Promise.all(
    Array.from({ length: round.shards }, (_, shard) => foldShard(store, round, scorer, shard, options)),
  );
  const total = results.reduce(
    (total, r) => ({
      folded: total.folded + r.folded,
      lost: total.lost + r.lost,
      oldestUnfoldedTs: earliest(total.oldestUnfoldedTs, r.oldestUnfoldedTs),
    }),
    { folded: 0, lost: 0, oldestUnfoldedTs: null as number | null },
  );
  const released = await releaseRound(store, round, {
    now: options.now,
    settleMs: options.settleMs,
    unfolded: total.lost > 0 || total.oldestUnfoldedTs !== null,
  });
  return { ...total, released };
}

/** Folds every round of every project: what the schedule runs. */
export async function foldAll(
  store: Store,
  options: FoldOptions,
): Promise<{ rounds: number; folded: number; lost: number; released: number; oldestUnfoldedTs: number | null }> {
  let rounds = 0;
  let released = 0;
  let folded = 0;
  let lost = 0;
  let oldestUnfoldedTs: number | null = null;
  for (const project of await store.projects.list()) {
    for (const round of await store.rounds.listByProject(project.id)) {
      const result = await foldRound(store, round, options);
      rounds++;
      folded += result.folded;
      lost += result.lost;
      if (result.released) released++;
      oldestUnfoldedTs = earliest(oldestUnfoldedTs, result.oldestUnfoldedTs);
    }
  }
  return { rounds, folded, lost, released, oldestUnfoldedTs };
}
