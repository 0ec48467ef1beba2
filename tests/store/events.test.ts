// EventFolder with tombstones of the first format (which replaced their response in the time
// index): one subtracts only a response that was counted, folded before the mark or added earlier
// in the same events; a removal event of the present format always subtracts.
import { describe, expect, it } from 'vitest';
import { aggregateResponses } from '../../functions/core/aggregates.ts';
import type { Answer, Background, Indicator } from '../../functions/core/schemas.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { EventFolder } from '../../functions/fold/events.ts';
import { timeKey } from '../../functions/store/keys.ts';
import type { StoredRemoval, StoredResponse } from '../../functions/store/types.ts';

const indicators: Indicator[] = [{ id: 'nki', kind: 'index', items: ['q1'], scale: [1, 10] }];
const scorer = createScorer(indicators);
const background: Background = { area: 'A', age_band: null, gender: null };

function response(i: number, ts: number): StoredResponse {
  const key = `resp-${i}`;
  const answers: Record<string, Answer> = { q1: (i % 10) + 1 };
  return { type: 'response', key, responseId: key, ts, tsKey: timeKey(ts, key), background, answers };
}

/** A first-format tombstone of `of`, at a later time, naming where its response stood. */
function tombstone(of: StoredResponse, ts: number): StoredRemoval {
  return {
    type: 'removal',
    key: of.key,
    ts,
    tsKey: timeKey(ts, of.key),
    responseTsKey: of.tsKey,
    background: of.background,
    answers: of.answers,
    replacedResponse: true,
  };
}

const respondents = (folder: EventFolder) =>
  Object.values(folder.result(null).cells).reduce((sum, cell) => sum + cell.respondents, 0);

describe('EventFolder and first-format tombstones', () => {
  it('subtracts a response added earlier in the same events, also one added after the first tombstone asked', () => {
    const folder = new EventFolder(scorer, '');
    const [a, b, c] = [response(1, 1000), response(2, 1001), response(3, 1002)];
    folder.apply(a);
    folder.apply(b);
    folder.apply(tombstone(a, 2000)); // the first tombstone: the added keys become a set here
    folder.apply(c); // added after that
    folder.apply(tombstone(c, 2001));
    expect(respondents(folder)).toBe(1);
    expect(folder.result(null)).toEqual(aggregateResponses(scorer, [b]));
  });

  it('subtracts nothing for a response neither folded before nor met in these events', () => {
    const folder = new EventFolder(scorer, timeKey(500, 'x'));
    const [gone, kept] = [response(1, 1000), response(2, 1001)];
    folder.apply(kept);
    folder.apply(tombstone(gone, 2000)); // its response was replaced before any fold read it
    expect(folder.result(null)).toEqual(aggregateResponses(scorer, [kept]));
  });

  it('subtracts a response folded before the mark', () => {
    const early = response(1, 100);
    const base = aggregateResponses(scorer, [early, response(2, 101)]);
    const folder = new EventFolder(scorer, timeKey(200, 'z'));
    folder.apply(tombstone(early, 2000));
    expect(folder.result(structuredClone(base))).toEqual(aggregateResponses(scorer, [response(2, 101)]));
  });
});
