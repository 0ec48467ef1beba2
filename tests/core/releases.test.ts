// The release rule (../shared/docs/METHOD.md, "Releases, not live figures"): when the fold takes a new release.
import { describe, expect, it } from 'vitest';
import { CLOSE_GRACE_MS, releaseDue, type ReleaseState } from '../../functions/core/releases.ts';

const closedAt = Date.parse('2026-12-03T12:00:00.000Z');
const state = (over: Partial<ReleaseState>): ReleaseState => ({
  responses: 0,
  latest: null,
  minGroupSize: 5,
  round: { status: 'open', updatedAt: new Date(closedAt).toISOString() },
  foldedUpTo: closedAt + 60_000,
  unfolded: false,
  ...over,
});
const released = (n: number, final = false, at = closedAt - 60_000) => ({ n, final, at: new Date(at).toISOString() });

describe('releaseDue', () => {
  it('takes the first release at k responses, not before', () => {
    expect(releaseDue(state({ responses: 4 })).due).toBe(false);
    expect(releaseDue(state({ responses: 5 }))).toEqual({ due: true, final: false });
  });

  it('takes the next one when the responses have changed by k, net of removals, either way', () => {
    expect(releaseDue(state({ responses: 9, latest: released(5) })).due).toBe(false);
    expect(releaseDue(state({ responses: 10, latest: released(5) })).due).toBe(true);
    expect(releaseDue(state({ responses: 1, latest: released(5) })).due).toBe(false);
    expect(releaseDue(state({ responses: 0, latest: released(5) })).due).toBe(true);
  });

  it('takes a final release once a closed round is folded past its close, whatever the change', () => {
    const closed = { status: 'closed' as const, updatedAt: new Date(closedAt).toISOString() };
    expect(releaseDue(state({ responses: 6, latest: released(5), round: closed }))).toEqual({ due: true, final: true });
    expect(releaseDue(state({ responses: 2, round: closed }))).toEqual({ due: true, final: true });
    // Not while something may still land: events unfolded, or the fold not past the close's grace.
    expect(releaseDue(state({ responses: 6, latest: released(5), round: closed, unfolded: true })).due).toBe(false);
    expect(
      releaseDue(state({ responses: 6, latest: released(5), round: closed, foldedUpTo: closedAt + CLOSE_GRACE_MS - 1 }))
        .due,
    ).toBe(false);
    // Once taken, a removal after the close waits for k changes like any other.
    const final = released(6, true, closedAt + 5000);
    expect(releaseDue(state({ responses: 5, latest: final, round: closed })).due).toBe(false);
    expect(releaseDue(state({ responses: 1, latest: final, round: closed }))).toEqual({ due: true, final: true });
  });

  it('takes a new final release when a reopened round closes again', () => {
    const reclosed = { status: 'closed' as const, updatedAt: new Date(closedAt + 3_600_000).toISOString() };
    const earlierFinal = released(6, true, closedAt + 5000);
    expect(
      releaseDue(state({ responses: 7, latest: earlierFinal, round: reclosed, foldedUpTo: closedAt + 4_000_000 })),
    ).toEqual({ due: true, final: true });
  });
});
