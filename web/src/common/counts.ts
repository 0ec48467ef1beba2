// Responses per area as GET /api/rounds/:roundId answers them: the admin pages and the dashboard
// both show them. The shape is the API's own (functions/core/published.ts).
export type { AreaCount } from '../../../functions/core/published.ts';
