// A resident's submission: validate against the round's questionnaire, then one conditional write
// keyed by the invitation code's hash (invited rounds) or the client's response id (open rounds).
// A retry (same response id, same answers) answers as the first did; anything else with a used key
// is 409.
import type { Language } from '../core/language.ts';
import { randomUUID } from 'node:crypto';
import type { Answer, Background } from '../core/schemas.ts';
import { NONE_VALUE, validateResponse, type ParsedSurvey } from '../core/questionnaire/index.ts';
import { timeKey } from '../store/keys.ts';
import type { Questionnaire, Round, StoredResponse } from '../store/types.ts';
import { hashCode, normalizeCode } from './codes.ts';
import { HttpError, ValidationError } from './errors.ts';
import type { SubmissionReceipt } from './contract.ts';
import type { ApiDeps } from './routeTable.ts';

export interface SubmissionBody {
  responseId?: string | undefined;
  code?: string | undefined;
  answers: Record<string, unknown>;
}

export interface SubmissionResult {
  status: 200 | 201;
  body: SubmissionReceipt;
}

const MESSAGES = {
  sv: {
    codeRequired: 'Den här enkäten kräver en inbjudningskod.',
    codeNotExpected: 'Den här enkäten använder inga inbjudningskoder.',
    codeInvalid: 'Koden är inte giltig för den här enkäten.',
    codeUsed: 'Koden har redan använts för att svara.',
    conflict: 'Ett annat svar har redan skickats med samma id.',
    areaMismatch: 'Koden hör till ett annat område.',
  },
  en: {
    codeRequired: 'This survey needs an invitation code.',
    codeNotExpected: 'This survey does not use invitation codes.',
    codeInvalid: 'The code is not valid for this survey.',
    codeUsed: 'The code has already been used to answer.',
    conflict: 'A different response has already been sent with the same id.',
    areaMismatch: 'The code belongs to another area.',
  },
} as const;

/**
 * What was submitted, in one canonical form: tells an exact retry from a different submission.
 * Only a taken key needs it, so the common case (a first submission) never pays for it.
 */
function canonicalSubmission(answers: Record<string, Answer>, background: Background): string {
  return JSON.stringify([
    Object.keys(answers)
      .sort()
      .map((key) => [key, answers[key]]),
    [background.area, background.age_band, background.gender],
  ]);
}

/** The invitation a code names (looked up by its HMAC), or the 400/403 a submission gets for it. */
async function invitationOf(deps: ApiDeps, round: Round, given: string | undefined, lang: Language) {
  const text = MESSAGES[lang];
  if (!given) throw new ValidationError([{ field: 'code', message: text.codeRequired }]);
  const code = normalizeCode(given);
  if (!code) throw new ValidationError([{ field: 'code', message: text.codeInvalid }]);
  const invitation = await deps.store.invitations.get(round.id, hashCode(deps.codeSecret, code));
  if (!invitation) throw new HttpError(403, 'invalid_code', text.codeInvalid);
  return invitation;
}

/**
 * A code checked before the resident starts answering: the errors a submission with it would get
 * for the code (400, 403, 409 code_used for a used one, a removed response's included), or nothing.
 */
export async function checkCode(deps: ApiDeps, round: Round, given: string | undefined, lang: Language) {
  if (round.status !== 'open')
    throw new HttpError(410, 'round_closed', lang === 'sv' ? 'Enkäten är stängd.' : 'The survey is closed.');
  if (round.access !== 'invite')
    throw new ValidationError([{ field: 'code', message: MESSAGES[lang].codeNotExpected }]);
  const { codeHash } = await invitationOf(deps, round, given, lang);
  if (await deps.store.responses.get(round.id, round.shards, `C.${codeHash}`))
    throw new HttpError(409, 'code_used', MESSAGES[lang].codeUsed);
}

export async function submitResponse(
  deps: ApiDeps,
  round: Round,
  questionnaire: Questionnaire,
  /** The questionnaire's survey, parsed (the instance's read cache keeps it). */
  survey: ParsedSurvey,
  body: SubmissionBody,
  lang: Language,
  /** The client's address, salted and hashed (open rounds): stored beside the response. */
  addressHash?: string,
): Promise<SubmissionResult> {
  const text = MESSAGES[lang];
  if (round.status !== 'open')
    throw new HttpError(410, 'round_closed', lang === 'sv' ? 'Enkäten är stängd.' : 'The survey is closed.');

  let key: string;
  const responseId = body.responseId ?? randomUUID();
  let codeArea: string | null = null;
  if (round.access === 'invite') {
    const invitation = await invitationOf(deps, round, body.code, lang);
    codeArea = invitation.area;
    key = `C.${invitation.codeHash}`;
  } else {
    if (body.code !== undefined) throw new ValidationError([{ field: 'code', message: text.codeNotExpected }]);
    key = `I.${responseId}`;
  }

  const validation = validateResponse(survey, questionnaire.background, body.answers, lang);
  if (!validation.ok) throw new ValidationError(validation.errors);
  const { answers } = validation;
  const background = { ...validation.background };
  // "Prefer not to say" (SurveyJS's none item) puts the resident in no group, like no answer.
  for (const variable of ['area', 'age_band', 'gender'] as const)
    if (background[variable] === NONE_VALUE) background[variable] = null;
  if (codeArea !== null) {
    if (background.area !== null && background.area !== codeArea) {
      throw new ValidationError([{ field: questionnaire.background.area ?? 'area', message: text.areaMismatch }]);
    }
    background.area = codeArea;
  }

  const ts = deps.now();
  const stored: StoredResponse = {
    type: 'response',
    key,
    responseId,
    ts,
    tsKey: timeKey(ts, key),
    background,
    answers,
  };
  const result = await deps.store.responses.put(round.id, round.shards, stored, addressHash);
  if (result.stored) return { status: 201, body: { id: responseId, receivedAt: new Date(ts).toISOString() } };
  // A removed response's key stays used; an exact retry of a stored one answers as the first time.
  // A retry is the same response id with the same answers: with an invitation code, answers alone
  // would let whoever holds the letter test guesses of what its resident answered.
  const { existing } = result;
  if (
    existing.type === 'response' &&
    existing.responseId === body.responseId &&
    canonicalSubmission(existing.answers, existing.background) === canonicalSubmission(answers, background)
  ) {
    return { status: 200, body: { id: existing.responseId, receivedAt: new Date(existing.ts).toISOString() } };
  }
  throw new HttpError(
    409,
    round.access === 'invite' ? 'code_used' : 'conflict',
    round.access === 'invite' ? text.codeUsed : text.conflict,
  );
}
