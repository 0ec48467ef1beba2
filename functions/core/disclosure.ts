// Secondary (complementary) suppression: a breakdown must not let anyone recover a small group by
// subtracting the published groups from a published total. See docs/METHOD-NOTES.md, "Secondary
// suppression".
//
// One breakdown is a published total and a partition of some of its respondents into groups (the
// values of one background variable). Respondents with no value for the variable ("prefer not to
// say", unanswered) are in the total and in no group: an implicit residual. Whatever is not
// published - suppressed groups plus that implicit residual - can be computed as
// total - sum(published groups). That residual must hold either nobody or at least k respondents;
// while it does not, the smallest published group is suppressed too.

/** The marker of a group suppressed to protect another (it may have k respondents or more). */
export const SECONDARY = 'secondary';
export type SuppressionReason = typeof SECONDARY;

/**
 * One group of a breakdown: its key and its sizes, or null when it is suppressed already.
 * Sizes are one or more counts measured on the same respondents, e.g. [n] for an indicator or
 * [answers other than "dk", all answers] for an answer distribution. The first size orders the
 * candidates, so that outputs over the same respondents choose the same groups.
 */
export interface BreakdownGroup {
  key: string;
  sizes: readonly number[] | null;
}

/** True when a count is safe to reveal by subtraction: nobody, or at least k respondents. */
export function isSafeResidual(count: number, minGroupSize: number): boolean {
  return count === 0 || count >= minGroupSize;
}

/**
 * The keys of published groups that must be suppressed as well (in the order chosen: smallest
 * first, ties by key). `total` is the published total's sizes, or null when the total itself is
 * not published (then nothing can be subtracted from it).
 */
export function complementarySuppressions(
  total: readonly number[] | null,
  groups: readonly BreakdownGroup[],
  minGroupSize: number,
): string[] {
  if (total === null) return [];
  const residual = [...total];
  const published: { key: string; sizes: readonly number[] }[] = [];
  for (const group of groups) {
    if (group.sizes === null) continue;
    published.push({ key: group.key, sizes: group.sizes });
    group.sizes.forEach((n, i) => {
      residual[i]! -= n;
    });
  }
  // Smallest first, so that as little as possible is hidden; ties in key order (deterministic,
  // and the same across outputs that list the same groups).
  published.sort((a, b) => a.sizes[0]! - b.sizes[0]! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const extra: string[] = [];
  for (const candidate of published) {
    if (residual.every((count) => isSafeResidual(count, minGroupSize))) break;
    extra.push(candidate.key);
    candidate.sizes.forEach((n, i) => {
      residual[i]! += n;
    });
  }
  return extra;
}

/**
 * Whether a post-stratified estimate may be published under secondary suppression. It combines
 * the strata's means with known weights, so together with the unweighted total (and a breakdown by
 * the strata variable) it is one more equation in the hidden groups: a stratum of fewer than k
 * respondents with a value could be solved for. Published only when every stratum holds nobody or
 * at least k of them, and so do the respondents left out for an unanswered stratum variable.
 */
export function weightedPublishable(strataCounts: readonly number[], excluded: number, minGroupSize: number): boolean {
  return strataCounts.every((n) => isSafeResidual(n, minGroupSize)) && isSafeResidual(excluded, minGroupSize);
}

/** A group may be published when it holds at least the minimum group size (k). */
export function isPublishable(n: number, minGroupSize: number): boolean {
  return n >= minGroupSize;
}
