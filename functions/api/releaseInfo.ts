// What every view of released figures says of the release it shows, or why it shows none. Apart
// from results.ts so that the response counts (counts.ts) need not load the statistics.
import type { Release as StoredRelease } from '../store/releases.ts';
import type { Release, Withheld } from './contract.ts';

/** What a view says of the release it shows. */
export const releaseInfo = (release: StoredRelease): Release => ({
  at: release.at,
  n: release.n,
  final: release.final,
});

export const NO_RELEASE: Withheld = {
  reason: 'no_release',
  message:
    'No figures yet: a round is released when at least the minimum group size of responses has come in, and when it closes.',
};
