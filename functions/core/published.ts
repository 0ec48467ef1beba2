// The shapes of two published figures that the API answers and the pages show: per-area response
// counts (GET /api/rounds/:roundId, functions/api/counts.ts) and free-text answers (GET
// /api/rounds/:roundId/texts, functions/api/results.ts). Types only, shared by both sides.
import type { SuppressionReason } from './disclosure.ts';

export interface AreaCount {
  area: string;
  name: string;
  /** Null when suppressed (under the minimum group size, or to protect a smaller area). */
  responses: number | null;
  underMinimum: boolean;
  invited: number | null;
  /** responses / invited, when both are known and published. */
  rate: number | null;
  /** Set when the count is hidden to protect a smaller area (secondary suppression). */
  reason?: SuppressionReason;
}

/** The answers to one free-text question, or nothing when fewer than k answered it. */
export interface TextAnswers {
  question: string;
  title: string;
  /** Answers listed; null when suppressed. */
  n: number | null;
  suppressed: boolean;
  /** The answers alone, in a random order: no background, no response id, no time. */
  answers: string[];
}
