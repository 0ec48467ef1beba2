// Public routes: health, the questionnaire of a round for the survey page, and submissions.
import { parsedSurveyOf, submitResponse } from '../submissions.ts';
import { HttpError } from '../errors.ts';
import { route, type RouteSpec } from '../routeTable.ts';
import { SubmitResponseBody } from '../schemas.ts';
import type { ReadCache } from '../readCache.ts';
import type { Questionnaire, Round } from '../../store/types.ts';

async function openRound(cache: ReadCache, roundId: string, lang: 'sv' | 'en') {
  const round = await cache.round(roundId);
  if (!round) throw new HttpError(404, 'not_found', lang === 'sv' ? 'Enkäten finns inte.' : 'There is no such survey.');
  if (round.status !== 'open') throw new HttpError(410, 'round_closed', lang === 'sv' ? 'Enkäten är stängd.' : 'The survey is closed.');
  return round;
}

async function questionnaireOf(cache: ReadCache, round: Round): Promise<Questionnaire> {
  const questionnaire = await cache.questionnaire(round.projectId, round.questionnaireId);
  if (!questionnaire) throw new Error(`round ${round.id} refers to a missing questionnaire`);
  return questionnaire;
}

export const publicRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness check',
    access: { kind: 'public' },
    responses: { 200: '{"ok":true}' },
    handler: async ({ c }) => c.json({ ok: true }),
  }),
  route({
    method: 'get',
    path: '/api/public/rounds/:roundId',
    summary: 'The questionnaire of an open round, for the survey page',
    access: { kind: 'public' },
    responses: { 200: 'round, project name and SurveyJS document', 404: 'no such round', 410: 'the round is closed' },
    handler: async ({ c, deps, lang, cache }) => {
      const round = await openRound(cache, c.req.param('roundId')!, lang);
      const [questionnaire, project] = await Promise.all([questionnaireOf(cache, round), deps.store.projects.get(round.projectId)]);
      parsedSurveyOf(questionnaire); // fails loudly if a stored questionnaire no longer parses
      return c.json({
        round: { id: round.id, name: round.name, kind: round.kind, access: round.access },
        project: { name: project?.name ?? '', demo: project?.demo ?? false },
        survey: questionnaire.survey,
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/public/rounds/:roundId/responses',
    summary: "Submit a resident's answers",
    access: { kind: 'public' },
    body: SubmitResponseBody,
    responses: {
      201: 'stored',
      200: 'an exact retry of a stored submission (same body as the first answer)',
      400: 'invalid answers: {errors:[{field, message}]}',
      403: 'unknown invitation code',
      404: 'no such round',
      409: 'the code is used, or a different submission has the same id',
      410: 'the round is closed',
    },
    handler: async ({ c, deps, body, lang, cache }) => {
      const round = await openRound(cache, c.req.param('roundId')!, lang);
      const questionnaire = await questionnaireOf(cache, round);
      const result = await submitResponse(deps, round, questionnaire, body, lang);
      return c.json(result.body, result.status);
    },
  }),
];
