// Public routes: health, the questionnaire of a round for the survey page, and submissions.
import type { Context } from 'hono';
import * as z from 'zod';
import type { Language } from '../../core/language.ts';
import type { CodeCheck } from '../contract.ts';
import { residents } from '../lazy.ts';
import { HttpError } from '../errors.ts';
import { addressHash, clientAddress } from '../guessLimit.ts';
import { route, type RouteSpec } from '../routeTable.ts';
import { SubmitResponseBody } from '../schemas.ts';
import type { ReadCache } from '../readCache.ts';
import type { ApiInstance } from '../instance.ts';
import { MissingQuestionnaireError } from '../../store/questionnaires.ts';
import type { Questionnaire, Round } from '../../store/types.ts';

/**
 * Submitting and checking codes, loaded when this instance first serves one (with the
 * questionnaire's validation): an administrator's instance never compiles them.
 */
const submissions = residents;

/**
 * The round, if it is open. Answered from the instance's cache without a trip through the event
 * loop when it can be: every submission asks.
 */
async function openRound(cache: ReadCache, roundId: string, lang: Language): Promise<Round> {
  const cached = cache.peekRound(roundId);
  return checkOpen(cached !== undefined ? cached : await cache.round(roundId), lang);
}

function checkOpen(round: Round | null, lang: Language): Round {
  if (!round) throw new HttpError(404, 'not_found', lang === 'sv' ? 'Enkäten finns inte.' : 'There is no such survey.');
  if (round.status !== 'open')
    throw new HttpError(410, 'round_closed', lang === 'sv' ? 'Enkäten är stängd.' : 'The survey is closed.');
  return round;
}

async function questionnaireOf(cache: ReadCache, round: Round): Promise<Questionnaire> {
  const questionnaire =
    cache.peekQuestionnaire(round.projectId, round.questionnaireId) ??
    (await cache.questionnaire(round.projectId, round.questionnaireId));
  if (!questionnaire) throw new MissingQuestionnaireError(round.id, round.questionnaireId);
  return questionnaire;
}

function tooManyGuesses(seconds: number, lang: Language): HttpError {
  const message =
    lang === 'sv'
      ? `För många felaktiga koder har skickats. Försök igen om ${seconds} sekunder.`
      : `Too many wrong codes have been sent. Try again in ${seconds} seconds.`;
  return new HttpError(429, 'too_many_guesses', message);
}

function tooManySubmissions(seconds: number, lang: Language): HttpError {
  const message =
    lang === 'sv'
      ? `För många svar har skickats från din adress. Försök igen om ${seconds} sekunder.`
      : `Too many responses have been sent from your address. Try again in ${seconds} seconds.`;
  return new HttpError(429, 'too_many_submissions', message);
}

/**
 * Runs `attempt` under the invited rounds' guess limit: past it, 429 and no code is even looked up;
 * a wrong code or a used one (a 409 answers a guess at a resident's answers) counts. The check of a
 * code and a submission share the count, so checking gives no extra guesses.
 */
async function guarded<T>(
  c: Context,
  instance: ApiInstance,
  roundId: string,
  lang: Language,
  attempt: () => Promise<T>,
): Promise<T> {
  const client = clientAddress(c);
  const wait = instance.guesses.retryAfterSeconds(client, roundId);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    throw tooManyGuesses(wait, lang);
  }
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof HttpError && (error.code === 'invalid_code' || error.code === 'code_used'))
      instance.guesses.recordFailure(client, roundId);
    throw error;
  }
}

const CheckCodeBody = z.lazy(() => z.strictObject({ code: z.string().min(1).max(64) }));

export const publicRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness check',
    access: { kind: 'public' },
    responses: { 200: { description: 'the API is up', schema: 'Health' } },
    handler: async ({ c }) => c.json({ ok: true }),
  }),
  route({
    method: 'get',
    path: '/api/public/rounds/:roundId',
    summary: 'The questionnaire of an open round, for the survey page',
    access: { kind: 'public' },
    responses: {
      200: { description: 'the round, its project and its SurveyJS document', schema: 'PublicRound' },
      404: 'no such round',
      410: 'the round is closed',
    },
    handler: async ({ c, deps, lang, instance }) => {
      const round = await openRound(instance.reads, c.req.param('roundId')!, lang);
      const [questionnaire, project] = await Promise.all([
        questionnaireOf(instance.reads, round),
        deps.store.projects.get(round.projectId),
      ]);
      await instance.reads.parsedSurvey(questionnaire); // fails loudly if a stored questionnaire no longer parses
      return c.json({
        round: { id: round.id, name: round.name, kind: round.kind, access: round.access },
        project: { id: round.projectId, name: project?.name ?? '', demo: project?.demo ?? false },
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
      201: { description: 'stored', schema: 'SubmissionReceipt' },
      200: {
        description: 'a retry of a stored submission (same responseId and answers): the first answer again',
        schema: 'SubmissionReceipt',
      },
      400: 'invalid answers: {errors:[{field, message}]}',
      403: 'unknown invitation code',
      404: 'no such round',
      409: 'the code is used (a retry needs the same responseId), or a different submission has the same id',
      410: 'the round is closed',
      429: 'too many wrong or used codes (invited rounds) or submissions (open rounds) from this client: wait Retry-After seconds',
    },
    handler: async ({ c, deps, body, lang, instance }) => {
      const round = await openRound(instance.reads, c.req.param('roundId')!, lang);
      const questionnaire = await questionnaireOf(instance.reads, round);
      const survey =
        instance.reads.peekParsedSurvey(questionnaire) ?? (await instance.reads.parsedSurvey(questionnaire));
      const { submitResponse } = await submissions();
      const client = clientAddress(c);
      if (round.access !== 'invite') {
        // Open rounds: submissions per address are counted, and past the limit none is stored.
        const wait = instance.submissions.admit(client, round.id);
        if (wait > 0) {
          c.header('Retry-After', String(wait));
          throw tooManySubmissions(wait, lang);
        }
        const hash = client === null ? undefined : addressHash(deps.codeSecret, round.id, client);
        const result = await submitResponse(deps, round, questionnaire, survey, body, lang, hash);
        return c.json(result.body, result.status);
      }
      // Invited rounds: wrong and used codes are counted (guarded).
      const result = await guarded(c, instance, round.id, lang, () =>
        submitResponse(deps, round, questionnaire, survey, body, lang),
      );
      return c.json(result.body, result.status);
    },
  }),
  route({
    method: 'post',
    path: '/api/public/rounds/:roundId/codes/check',
    summary: 'Check an invitation code before answering (the same guess limit as submitting)',
    access: { kind: 'public' },
    body: CheckCodeBody,
    responses: {
      200: { description: 'the code is valid for the round and unused', schema: 'CodeCheck' },
      400: 'no code, a code of the wrong form, or a round that uses no codes: {errors:[{field, message}]}',
      403: 'unknown invitation code',
      404: 'no such round',
      409: 'the code is used',
      410: 'the round is closed',
      429: 'too many wrong or used codes from this client (checks and submissions together): wait Retry-After seconds',
    },
    handler: async ({ c, deps, body, lang, instance }) => {
      const round = await openRound(instance.reads, c.req.param('roundId')!, lang);
      const { checkCode } = await submissions();
      await guarded(c, instance, round.id, lang, () => checkCode(deps, round, body.code, lang));
      return c.json({ status: 'ok' } satisfies CodeCheck);
    },
  }),
];
