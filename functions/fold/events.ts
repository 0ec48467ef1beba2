// Folding events into an accumulator: responses add, removals subtract what was added before.
import { addRoundInto, RoundAccumulator, subtractRounds, type RoundAggregate } from '../core/aggregates.ts';
import type { Answer } from '../core/schemas.ts';
import type { Scorer } from '../core/scoring.ts';
import type { RoundEvent } from '../store/types.ts';

/**
 * Applies events (in time order, all after `hwm`) to an accumulator that starts from the snapshot
 * at `hwm`. A response adds; its removal, an event later in the same shard, subtracts. A response
 * stays in the time index when it is removed, so the fold always meets it first: every removal
 * subtracts exactly what its response added, however the events are cut into batches.
 *
 * Tombstones of the first format replaced their response in the index; one subtracts only if its
 * response was counted: folded before (at or under the mark) or added earlier in these events.
 * That guess is wrong when the response was removed before any fold read it and the mark later
 * passed its old place; the second format exists for that reason.
 */
export class EventFolder {
  /**
   * Keys of the responses added, for first-format tombstones only: listed (cheap), and put in a
   * set the first time such a tombstone asks (most rounds never hold one).
   */
  private readonly addedKeys: string[] = [];
  private added: Set<string> | null = null;
  /** Responses added and removals subtracted, kept apart (see result()). */
  private readonly adds: RoundAccumulator;
  private readonly removals: RoundAccumulator;
  private subtracted = 0;
  lastTimeKey: string;
  count = 0;
  /** Server time of the first event applied (null before any). */
  firstTs: number | null = null;

  constructor(
    private readonly scorer: Scorer,
    private readonly hwm: string,
  ) {
    this.adds = new RoundAccumulator(scorer);
    this.removals = new RoundAccumulator(scorer);
    this.lastTimeKey = hwm;
    this.answers = new Array<Answer>(scorer.questions.length).fill(null);
  }

  /** Reused for every event: the answers to the scorer's items, in its order (a matrix row's read out of its matrix). */
  private readonly answers: Answer[];

  apply(event: RoundEvent): void {
    const answers = this.scorer.read(event.answers, this.answers);
    if (event.type === 'response') {
      this.adds.add(event.background, answers);
      if (this.added) this.added.add(event.key);
      else this.addedKeys.push(event.key);
    } else if (!event.replacedResponse || event.responseTsKey <= this.hwm || this.wasAdded(event.key)) {
      this.removals.add(event.background, answers);
      this.subtracted++;
    }
    this.lastTimeKey = event.tsKey;
    this.firstTs ??= event.ts;
    this.count++;
  }

  private wasAdded(key: string): boolean {
    this.added ??= new Set(this.addedKeys);
    return this.added.has(key);
  }

  /**
   * The aggregate at lastTimeKey: `base` (the aggregate at hwm, null for none) plus the responses,
   * minus the removals. Added and subtracted separately, never netted in one accumulator: a cell
   * where one response comes and another goes nets to zero respondents but not to zero answers,
   * and an accumulator drops a cell with no respondents.
   */
  result(base: RoundAggregate | null): RoundAggregate {
    // `base` is changed in place: callers pass a snapshot they have just read and use no more.
    const aggregate = base ? addRoundInto(base, this.adds.toAggregate()) : this.adds.toAggregate();
    return this.subtracted === 0 ? aggregate : subtractRounds(aggregate, this.removals.toAggregate());
  }
}
