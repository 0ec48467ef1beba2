// What the API loads on first use, in two bundles of its own: what residents' routes need (the
// submission, the questionnaire's reader and validator) and what the office's routes need (every
// administrator's and evaluator's handler, the statistics, tokens' signatures, the OpenAPI
// document). A cold start compiles neither; the first request of a kind loads its bundle once.
// Two bundles, not one per module: each module a cold start imports and a lazy one shares would
// otherwise become a file of its own (a quarter of a millisecond each to load; docs/BENCH.md,
// "Lambda cold import").
import { once } from '../core/once.ts';

export const residents = once(() => import('./residents.ts'));
export const office = once(() => import('./office.ts'));
