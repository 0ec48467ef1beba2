// Folding events into an accumulator: responses add, removals subtract what was added before.
import type { RoundAccumulator } from '../core/aggregates.ts';
import type { Answer } from '../core/schemas.ts';
import type { Scorer } from '../core/scoring.ts';
import type { RoundEvent } from '../store/types.ts';

/**
 * Applies events (in time order, all after `hwm`) to an accumulator that starts from the snapshot
 * at `hwm`. A removal subtracts its response only if that response is counted: folded before
 * (at or under the mark) or added earlier in these same events. A response deleted before it was
 * ever read was never counted, and its removal must not subtract it.
 */
export class EventFolder {
  private readonly added = new Set<string>();
  lastTimeKey: string;
  count = 0;
  /** Server time of the first event applied (null before any). */
  firstTs: number | null = null;

  constructor(
    private readonly scorer: Scorer,
    private readonly accumulator: RoundAccumulator,
    private readonly hwm: string,
  ) {
    this.lastTimeKey = hwm;
    this.answers = new Array<Answer>(scorer.questions.length).fill(null);
  }

  /** Reused for every event: the answers in the scorer's question order. */
  private readonly answers: Answer[];

  apply(event: RoundEvent): void {
    const answers = this.answers;
    const questions = this.scorer.questions;
    for (let q = 0; q < questions.length; q++) answers[q] = event.answers[questions[q]!] ?? null;
    if (event.type === 'response') {
      this.accumulator.add(event.background, answers, 1);
      this.added.add(event.key);
    } else if (event.responseTsKey <= this.hwm || this.added.has(event.key)) {
      this.accumulator.add(event.background, answers, -1);
    }
    this.lastTimeKey = event.tsKey;
    this.firstTs ??= event.ts;
    this.count++;
  }
}
