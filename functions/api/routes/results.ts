// Evaluators' routes: a round's indicators, its free-text answers and the baseline-versus-follow-up
// comparison, all from the rounds' releases (administrators read the same: figures are released,
// never live; their live view is the response counts of GET /api/rounds/:roundId, routes/projects.ts).
import { HttpError } from '../errors.ts';
import { once } from '../../core/once.ts';
import { office } from '../lazy.ts';
import { route, type RouteSpec } from '../routeTable.ts';
import { ComparisonQuery } from '../schemas.ts';

const READERS = ['admin', 'evaluator'] as const;

/**
 * The statistics (results.ts and the core it calls) load on an instance's first read of figures,
 * not at its cold start: a submission, the hot path, never needs them.
 */
const results = once(() => office().then((m) => m.results));

export const resultRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/rounds/:roundId/indicators',
    summary: "A round's indicators: whole round, groups, weighted figures, answer distributions",
    access: { kind: 'round', roles: READERS },
    responses: {
      200: {
        description: "the indicators of the round's latest release (small groups suppressed); none before the first",
        schema: 'RoundReading',
      },
    },
    handler: async ({ c, deps, project, round }) =>
      c.json(await (await results()).readRound(deps.store, project, round)),
  }),
  route({
    method: 'get',
    path: '/api/rounds/:roundId/texts',
    summary: "A round's free-text answers per question: the texts only (no background, ids or times), shuffled",
    access: { kind: 'round', roles: READERS },
    responses: {
      200: {
        description:
          "the answers per free-text question of the round's final release (nothing before it, nothing for a question with fewer than the minimum group size)",
        schema: 'RoundTexts',
      },
    },
    handler: async ({ c, deps, project, round, lang }) =>
      c.json(await (await results()).readRoundTexts(deps.store, project, round, lang)),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/comparison',
    summary: 'Baseline versus follow-up, in the shape of `bygdpuls compare`',
    access: { kind: 'project', roles: READERS },
    query: ComparisonQuery,
    responses: {
      200: { description: "the comparison of the two rounds' latest releases", schema: 'ComparisonReading' },
      400: 'missing round ids',
      404: 'no such round in this project',
      409: 'the rounds are not comparable',
    },
    handler: async ({ c, deps, project, query }) => {
      const [baseline, followup] = await Promise.all([
        deps.store.rounds.get(query.baseline),
        deps.store.rounds.get(query.followup),
      ]);
      if (!baseline || baseline.projectId !== project.id)
        throw new HttpError(404, 'not_found', 'no such baseline round in this project');
      if (!followup || followup.projectId !== project.id)
        throw new HttpError(404, 'not_found', 'no such follow-up round in this project');
      return c.json(await (await results()).compareProjectRounds(deps.store, project, baseline, followup));
    },
  }),
];
