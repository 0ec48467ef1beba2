// Floods of an open round, found and undone by administrators. Declarations only: the handlers are
// in actions/bursts.ts, loaded by the first call of either.
import { once } from '../../core/once.ts';
import { office } from '../lazy.ts';
import { lazy, route, type RouteSpec } from '../routeTable.ts';
import { BulkRemovalBody, BurstsQuery } from '../schemas.ts';

const ADMIN = ['admin'] as const;
const actions = once(() => office().then((m) => m.burstActions));

export const burstRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/rounds/:roundId/bursts',
    summary:
      'Responses of a round grouped by salted address hash and time window, counts only (hashes are dropped when the round closes)',
    access: { kind: 'round', roles: ADMIN },
    query: BurstsQuery,
    responses: { 200: { description: 'groups of at least minCount responses, largest first', schema: 'RoundBursts' } },
    handler: lazy(actions, 'roundBursts'),
  }),
  route({
    method: 'post',
    path: '/api/rounds/:roundId/removals/bulk',
    summary:
      'Remove every response of an address hash, of a time window [from, to), or both: each folds as a negative contribution',
    access: { kind: 'round', roles: ADMIN },
    body: BulkRemovalBody,
    responses: {
      200: { description: 'how many responses were removed', schema: 'BulkRemoved' },
      400: 'invalid request',
    },
    handler: lazy(actions, 'removeInBulk'),
  }),
];
