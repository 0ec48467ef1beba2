// The read path: a round's aggregate = every shard's snapshot + the events after its mark, folded
// in memory. Exact and fresh; its cost follows the unfolded tail, not the number of responses.
import { addRoundInto, type RoundAggregate } from '../core/aggregates.ts';
import { createScorer, type Scorer } from '../core/scoring.ts';
import type { Store } from '../store/index.ts';
import type { Questionnaire, Round } from '../store/types.ts';
import { EventFolder } from './events.ts';

export interface RoundView {
  aggregate: RoundAggregate;
  /** Responses counted (stored minus removed). */
  responses: number;
  /** Events read after the snapshots' marks (the tail folded at read time). */
  tail: number;
}

export async function readRoundAggregate(store: Store, round: Round, scorer: Scorer): Promise<RoundView> {
  const shards = await Promise.all(
    Array.from({ length: round.shards }, async (_, shard) => {
      const snapshot = await store.snapshots.get(round.id, shard);
      const hwm = snapshot?.hwm ?? '';
      const folder = new EventFolder(scorer, hwm);
      for await (const page of store.responses.eventPagesAfter(round.id, shard, hwm))
        for (const event of page) folder.apply(event);
      return {
        aggregate: folder.count === 0 ? (snapshot?.aggregate ?? null) : folder.result(snapshot?.aggregate ?? null),
        tail: folder.count,
      };
    }),
  );
  // One mutable sum: the aggregates just read or made are ours to change, and nothing is copied twice.
  let aggregate: RoundAggregate | null = null;
  let tail = 0;
  for (const shard of shards) {
    if (shard.aggregate) aggregate = aggregate ? addRoundInto(aggregate, shard.aggregate) : shard.aggregate;
    tail += shard.tail;
  }
  aggregate ??= { cells: Object.create(null) };
  const responses = Object.values(aggregate.cells).reduce((sum, cell) => sum + cell.respondents, 0);
  return { aggregate, responses, tail };
}

/** The scorer of a questionnaire's indicators. */
export function scorerOf(questionnaire: Questionnaire): Scorer {
  return createScorer(questionnaire.indicators);
}
