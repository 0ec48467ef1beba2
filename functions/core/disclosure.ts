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

/** One cell of a published weighted estimate as the breakdown by its stratum variable sees it. */
export interface WeightingCell {
  /** The groups (values of the stratum variable) merged in the cell. */
  members: readonly string[];
}

/**
 * Groups of the stratum variable's breakdown to withhold as well, because a published weighted
 * estimate (collapsed strata) adds equations to the breakdown. The estimate is a known
 * combination of the cells' means, so a cell whose member groups are all published but one can be
 * solved for; in turn:
 * - within a merged cell, the members not published must hold nobody or at least k (else the
 *   smallest published member is withheld too), as in a breakdown of the cell;
 * - when exactly one cell has members that are not published, its mean follows from the estimate
 *   and the published groups, and what is left of the round beyond the cells (the respondents
 *   who left the stratum variable unanswered, `excluded`) would be isolated: while they are
 *   between 1 and k - 1, the smallest published group of another cell is withheld, so that no
 *   cell can be solved for alone.
 * `sizes` holds each group's true count with a value; `published` the groups shown. Returns the
 * keys in the order chosen, and whether the estimate itself must be withheld (one cell is left
 * to solve for and no other group can be withheld).
 */
export function cellSuppressions(
  cells: readonly WeightingCell[],
  sizes: ReadonlyMap<string, number>,
  published: ReadonlySet<string>,
  excluded: number,
  minGroupSize: number,
): { groups: string[]; withholdEstimate: boolean } {
  const shown = new Set(published);
  const extra: string[] = [];
  const withhold = (key: string) => {
    shown.delete(key);
    extra.push(key);
  };
  const bySize = (keys: readonly string[]) =>
    [...keys].sort((a, b) => sizes.get(a)! - sizes.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  for (;;) {
    let changed = false;
    for (const cell of cells) {
      if (cell.members.length < 2) continue;
      const total = cell.members.reduce((sum, key) => sum + sizes.get(key)!, 0);
      const publishedMembers = cell.members.filter((key) => shown.has(key));
      const hidden = total - publishedMembers.reduce((sum, key) => sum + sizes.get(key)!, 0);
      if (!isSafeResidual(hidden, minGroupSize)) {
        withhold(bySize(publishedMembers)[0]!);
        changed = true;
      }
    }
    if (changed) continue;
    const unknown = cells.filter((cell) => cell.members.some((key) => !shown.has(key)));
    if (unknown.length === 1 && !isSafeResidual(excluded, minGroupSize)) {
      const candidates = cells.filter((cell) => cell !== unknown[0]).flatMap((cell) => [...cell.members]);
      const next = bySize(candidates.filter((key) => shown.has(key)))[0];
      if (next === undefined) return { groups: extra, withholdEstimate: true };
      withhold(next);
      continue;
    }
    return { groups: extra, withholdEstimate: false };
  }
}
