// Whether two rounds may be compared: only when their indicator definitions are identical
// (../shared/docs/METHOD.md). The API's comparison and the command line's export both ask here.
import type { Indicator } from './schemas.ts';

export function comparableIndicators(baseline: readonly Indicator[], followup: readonly Indicator[]): boolean {
  return JSON.stringify(baseline) === JSON.stringify(followup);
}

export const NOT_COMPARABLE_MESSAGE = 'the two rounds have different indicator definitions, so they cannot be compared';
