// rebuild: recompute a round from its stored responses and report where the folded aggregates
// (snapshots + tail) disagree. The check that aggregates and raw data agree.
import { aggregateDifferences, RoundAccumulator } from '../core/aggregates.ts';
import type { Store } from '../store/index.ts';
import { roundQuestionnaire } from '../store/questionnaires.ts';
import type { Round } from '../store/types.ts';
import { readRoundAggregate, scorerOf } from './read.ts';

export interface RebuildReport {
  roundId: string;
  /** Stored responses that count (removed ones excluded). */
  responses: number;
  /** Responses counted by the folded aggregates. */
  folded: number;
  differences: string[];
}

export async function rebuildRound(store: Store, round: Round): Promise<RebuildReport> {
  const questionnaire = await roundQuestionnaire(store, round);
  const scorer = scorerOf(questionnaire);
  const accumulator = new RoundAccumulator(scorer);
  let responses = 0;
  for (let shard = 0; shard < round.shards; shard++) {
    for await (const response of store.responses.responses(round.id, shard)) {
      accumulator.add(response.background, scorer.read(response.answers));
      responses++;
    }
  }
  const view = await readRoundAggregate(store, round, scorer);
  return {
    roundId: round.id,
    responses,
    folded: view.responses,
    differences: aggregateDifferences(accumulator.toAggregate(), view.aggregate),
  };
}
