// Everything one API instance keeps in memory between requests, in one place. An instance is one
// app (createApp): one per Lambda instance, one per local server, one per test. Nothing else of
// the API holds state across requests: no module-level caches, so two apps never share anything.
import type { Store } from '../store/index.ts';
import { GuessLimiter, SubmissionLimiter } from './guessLimit.ts';
import { ReadCache } from './readCache.ts';

export interface ApiInstance {
  /** Rounds, questionnaire versions and their parsed surveys, as the hot public routes read them. */
  reads: ReadCache;
  /** Wrong invitation codes per client and per round (the submit route's bound on guessing). */
  guesses: GuessLimiter;
  /** Submissions per address and round (the submit route's bound on flooding an open round). */
  submissions: SubmissionLimiter;
}

/** `submissionsPerMinute`: per address and open round; 0 for no bound, undefined for the default. */
export function createApiInstance(store: Store, now: () => number, submissionsPerMinute?: number): ApiInstance {
  return {
    reads: new ReadCache(store, now),
    guesses: new GuessLimiter(undefined, now),
    submissions: new SubmissionLimiter(submissionsPerMinute, now),
  };
}
