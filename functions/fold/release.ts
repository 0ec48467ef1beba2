// Taking a round's release after its fold (../shared/docs/METHOD.md, "Releases, not live figures"): the sum of the
// shards' snapshots, frozen, when the rule in core/releases.ts says one is due.
import { addRoundInto, type RoundAggregate } from '../core/aggregates.ts';
import { releaseDue } from '../core/releases.ts';
import type { Store } from '../store/index.ts';
import type { Release } from '../store/releases.ts';
import type { Round } from '../store/types.ts';

export interface ReleaseOptions {
  /** Server time now, in ms. */
  now: number;
  settleMs: number;
  /** Whether the fold left events unfolded (still settling, or lost to a concurrent fold). */
  unfolded: boolean;
}

const respondents = (aggregate: RoundAggregate) =>
  Object.values(aggregate.cells).reduce((sum, cell) => sum + cell.respondents, 0);

/** Takes a new release of the round if one is due; returns it, or null when none was taken. */
export async function releaseRound(store: Store, round: Round, options: ReleaseOptions): Promise<Release | null> {
  const project = await store.projects.get(round.projectId);
  if (!project) return null;
  // The latest release first, then the snapshots: they are at least as new as what it was taken from.
  const latest = await store.releases.latest(round.id);
  const snapshots = await Promise.all(
    Array.from({ length: round.shards }, (_, shard) => store.snapshots.get(round.id, shard)),
  );
  const hwms = snapshots.map((s) => s?.hwm ?? '');
  // Never a release older than the latest (a slower fold racing a faster one).
  if (latest && hwms.some((hwm, shard) => hwm < (latest.hwms[shard] ?? ''))) return null;
  let aggregate: RoundAggregate = { cells: Object.create(null) };
  for (const snapshot of snapshots) if (snapshot) aggregate = addRoundInto(aggregate, snapshot.aggregate);
  const n = respondents(aggregate);
  const decision = releaseDue({
    responses: n,
    latest,
    minGroupSize: project.settings.minGroupSize,
    round,
    foldedUpTo: options.now - options.settleMs,
    unfolded: options.unfolded,
  });
  if (!decision.due) return null;
  const release: Release = {
    seq: (latest?.seq ?? 0) + 1,
    at: new Date(options.now).toISOString(),
    n,
    final: decision.final,
    hwms,
    aggregate,
  };
  return (await store.releases.put(round.id, release)) ? release : null;
}
