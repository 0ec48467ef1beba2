// Responses per area as GET /api/rounds/:roundId answers them (functions/api/counts.ts): the
// admin pages and the dashboard both show them.

export interface AreaCount {
  area: string;
  name: string;
  /** Null when suppressed (under the minimum group size, or to protect a smaller area). */
  responses: number | null;
  underMinimum: boolean;
  invited: number | null;
  rate: number | null;
  /** 'secondary' when the count is hidden to protect a smaller area (total minus the others). */
  reason?: 'secondary';
}
