// When a round's figures are released (../shared/docs/METHOD.md, "Releases, not live figures"): evaluators see
// the latest release, never the live aggregate, so that two reads cannot single out one response.

/** What a view says of the release it shows. */
export interface ReleaseInfo {
  /** When the release was taken (ISO time). */
  at: string;
  /** Responses in it (removed ones excluded). */
  n: number;
  /** Taken after the round closed, with every response the round accepted. */
  final: boolean;
}

/**
 * Closing takes effect on other instances within this time (the API's round cache): a final
 * release waits until the fold has passed it, so that no accepted response is left out.
 */
export const CLOSE_GRACE_MS = 1000;

export interface ReleaseState {
  /** Responses in the live (folded) aggregate now. */
  responses: number;
  /** The latest release, or null before the first. */
  latest: { n: number; at: string; final: boolean } | null;
  /** Project's minimum group size k. */
  minGroupSize: number;
  /** The round as stored now. */
  round: { status: 'open' | 'closed'; updatedAt: string };
  /** The fold's mark in time (now - settle, ms): every event up to it is folded. */
  foldedUpTo: number;
  /** Whether events after foldedUpTo are still waiting in some shard. */
  unfolded: boolean;
}

/**
 * Whether the fold takes a new release, and whether it is final. A release is due when the
 * responses have changed by at least k since the latest one (net of removals, either way), or when
 * the round has closed since its latest release and everything it accepted is folded.
 */
export function releaseDue(state: ReleaseState): { due: false } | { due: true; final: boolean } {
  const { latest, round } = state;
  const closed = round.status === 'closed';
  const closedAt = Date.parse(round.updatedAt);
  const settled = !state.unfolded && state.foldedUpTo >= closedAt + CLOSE_GRACE_MS;
  // A final release counts only if taken after the latest close (a round can be reopened).
  const finalSinceClose = latest?.final === true && Date.parse(latest.at) >= closedAt;
  if (closed && settled && !finalSinceClose) return { due: true, final: true };
  const change = Math.abs(state.responses - (latest?.n ?? 0));
  if (change >= state.minGroupSize && change > 0) return { due: true, final: closed && settled };
  return { due: false };
}
