// The handlers of the administrators' routes (declared in routes/projects.ts): projects,
// questionnaires, rounds, invitations, removals. Loaded by the first call of any of them.
import type * as z from 'zod';
import { ProjectSettings, type BackgroundVariable, type Weighting } from '../../core/schemas.ts';
import { DEFAULT_IDEA_SETTINGS } from '../../core/ideas.ts';
import { backgroundByName, checkQuestionnaire } from '../../core/questionnaire/check.ts';
import { parseSurvey } from '../../core/questionnaire/parse.ts';
import type { Project, Questionnaire, Round } from '../../store/types.ts';
import { hashCode, newInvitationCode, normalizeCode } from '../codes.ts';
import { readRoundCounts } from '../counts.ts';
import type { RoundListing } from '../contract.ts';
import { HttpError, ValidationError, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { GlobalContext, ProjectContext, RoundContext } from '../routeTable.ts';
import type {
  CreateInvitationsBody,
  CreateProjectBody,
  CreateQuestionnaireBody,
  CreateRoundBody,
  RemoveResponseBody,
} from '../schemas.ts';
import { indicatorAnswersOf } from './bursts.ts';

/** Population figures are counts of people: whole numbers under a billion. */
const MAX_POPULATION = 1_000_000_000;

function zodErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** Project settings from the request, with the population checked against the areas. */
function settingsOf(body: CreateProjectBody): ProjectSettings {
  let weighting: ProjectSettings['weighting'] = null;
  if (body.weighting) {
    const { strata } = body.weighting;
    const errors: FieldError[] = [];
    const population = body.weighting.population.map((row, i) => {
      const out: Record<string, string | number> = {};
      for (const variable of strata) {
        const value = row[variable];
        if (typeof value !== 'string' || value === '')
          errors.push({
            field: `weighting.population.${i}.${variable}`,
            message: `give the ${variable} of this stratum`,
          });
        else out[variable] = value;
      }
      const count = row.population;
      if (typeof count !== 'number' || !(count > 0))
        errors.push({ field: `weighting.population.${i}.population`, message: 'population must be a positive number' });
      else if (!Number.isInteger(count) || count >= MAX_POPULATION)
        // 1e308 passed "positive", and the weights it made underflowed to an estimate of 0 in [0, 0].
        errors.push({
          field: `weighting.population.${i}.population`,
          message: `population must be a whole number of people under ${MAX_POPULATION}`,
        });
      else out.population = count;
      for (const key of Object.keys(row)) {
        if (key !== 'population' && !strata.includes(key as BackgroundVariable))
          errors.push({ field: `weighting.population.${i}.${key}`, message: 'not a stratum variable' });
      }
      return out;
    });
    if (strata.includes('area')) {
      const areaIds = new Set(body.areas.map((a) => a.id));
      population.forEach((row, i) => {
        if (typeof row.area === 'string' && !areaIds.has(row.area))
          errors.push({
            field: `weighting.population.${i}.area`,
            message: `"${row.area}" is not one of the project's areas`,
          });
      });
      if (strata.length === 1) {
        const covered = new Set(population.map((row) => row.area));
        for (const area of areaIds)
          if (!covered.has(area))
            errors.push({ field: 'weighting.population', message: `no population figure for area "${area}"` });
      }
    }
    if (errors.length > 0) throw new ValidationError(errors);
    weighting = {
      strata,
      population: population as Weighting['population'],
      ...(body.weighting.minStratumSize === undefined ? {} : { minStratumSize: body.weighting.minStratumSize }),
    };
  }
  const parsed = ProjectSettings.safeParse({
    alpha: body.alpha,
    minGroupSize: body.minGroupSize,
    groupBy: body.groupBy,
    weighting,
  });
  if (!parsed.success) throw new ValidationError(zodErrors(parsed.error, ''));
  return parsed.data;
}

function roundSummary(round: Round): RoundListing {
  return {
    id: round.id,
    name: round.name,
    kind: round.kind,
    access: round.access,
    status: round.status,
    questionnaireId: round.questionnaireId,
    createdAt: round.createdAt,
  };
}

function surveyUrl(publicUrl: string, roundId: string): string {
  return `${publicUrl}/s/${encodeURIComponent(roundId)}`;
}

/** POST /api/projects */
export async function createProject({ c, deps, body }: GlobalContext<CreateProjectBody>): Promise<Response> {
  const project: Project = {
    id: newId(),
    name: body.name,
    areas: body.areas,
    settings: settingsOf(body),
    demo: false,
    createdAt: new Date(deps.now()).toISOString(),
    ...(body.ideas ? { ideas: { ...DEFAULT_IDEA_SETTINGS, ...body.ideas } } : {}),
  };
  await deps.store.projects.create(project);
  deps.log({ event: 'project_created', projectId: project.id });
  return c.json({ id: project.id }, 201);
}

/** GET /api/projects */
export async function listProjects({ c, deps }: GlobalContext): Promise<Response> {
  return c.json({ projects: await deps.store.projects.list() });
}

/** GET /api/projects/:projectId */
export async function projectDetails({ c, deps, project }: ProjectContext): Promise<Response> {
  const [rounds, questionnaires] = await Promise.all([
    deps.store.rounds.listByProject(project.id),
    deps.store.questionnaires.list(project.id),
  ]);
  return c.json({
    project: project,
    rounds: rounds.map(roundSummary),
    questionnaires: questionnaires.map((q) => ({
      id: q.id,
      createdAt: q.createdAt,
      indicators: q.indicators,
      background: q.background,
    })),
  });
}

/** POST /api/projects/:projectId/questionnaires */
export async function createQuestionnaire({
  c,
  deps,
  body,
  project,
}: ProjectContext<CreateQuestionnaireBody>): Promise<Response> {
  const parsed = parseSurvey(body.survey);
  if (!parsed.ok)
    throw new ValidationError(parsed.errors.map((e) => ({ field: `survey.${e.field}`, message: e.message })));
  // Without a mapping, each background variable is the question of its name, if there is one;
  // a mapping that lacks a variable the project groups or weights by is refused.
  const background = body.background ?? backgroundByName(parsed.survey);
  const problems = checkQuestionnaire(
    parsed.survey,
    body.indicators,
    background,
    project.areas.map((a) => a.id),
    project.settings,
  );
  if (problems.length > 0) throw new ValidationError(problems);
  const questionnaire: Questionnaire = {
    id: newId(),
    projectId: project.id,
    survey: body.survey,
    indicators: body.indicators,
    background,
    createdAt: new Date(deps.now()).toISOString(),
  };
  await deps.store.questionnaires.create(questionnaire);
  return c.json({ id: questionnaire.id }, 201);
}

/** GET /api/projects/:projectId/questionnaires/:questionnaireId */
export async function questionnaireVersion({ c, deps, project }: ProjectContext): Promise<Response> {
  const questionnaire = await deps.store.questionnaires.get(project.id, c.req.param('questionnaireId')!);
  if (!questionnaire) throw new HttpError(404, 'not_found', 'no such questionnaire in this project');
  return c.json(questionnaire);
}

/** POST /api/projects/:projectId/rounds */
export async function createRound({ c, deps, body, project }: ProjectContext<CreateRoundBody>): Promise<Response> {
  const questionnaire = await deps.store.questionnaires.get(project.id, body.questionnaireId);
  if (!questionnaire)
    throw new ValidationError([{ field: 'questionnaireId', message: 'no such questionnaire in this project' }]);
  // A version stored before the project's settings needed a background variable cannot feed them.
  const parsed = parseSurvey(questionnaire.survey);
  const unmet = parsed.ok
    ? checkQuestionnaire(
        parsed.survey,
        questionnaire.indicators,
        questionnaire.background,
        project.areas.map((a) => a.id),
        project.settings,
      ).filter((problem) => problem.field.startsWith('background.'))
    : [];
  if (unmet.length > 0)
    throw new ValidationError(
      unmet.map((problem) => ({
        field: 'questionnaireId',
        message: `the questionnaire's ${problem.field}: ${problem.message}`,
      })),
    );
  const now = new Date(deps.now()).toISOString();
  const round: Round = {
    id: newId(),
    projectId: project.id,
    kind: body.kind,
    name: body.name,
    questionnaireId: body.questionnaireId,
    access: body.access,
    status: 'open',
    shards: deps.shardsPerRound,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.rounds.create(round);
  return c.json({ id: round.id, surveyUrl: surveyUrl(deps.publicUrl ?? new URL(c.req.url).origin, round.id) }, 201);
}

/** GET /api/rounds/:roundId */
export async function roundCounts({ c, deps, round, project, claims }: RoundContext): Promise<Response> {
  // Administrators count live; evaluators see the release (METHOD.md, "Releases, not live figures").
  const live = claims.role === 'admin';
  return c.json({
    round: roundSummary(round),
    ...(await readRoundCounts(deps.store, project, round, { live })),
  });
}

/** POST /api/rounds/:roundId/invitations */
export async function createInvitations({
  c,
  deps,
  body,
  round,
  project,
}: RoundContext<CreateInvitationsBody>): Promise<Response> {
  if (round.access !== 'invite')
    throw new HttpError(409, 'not_invited', 'this round is open to everyone with the link; it takes no codes');
  const area = body.area ?? null;
  if (area !== null && !project.areas.some((a) => a.id === area))
    throw new ValidationError([{ field: 'area', message: `"${area}" is not one of the project's areas` }]);
  const codes = Array.from({ length: body.count }, newInvitationCode);
  const createdAt = new Date(deps.now()).toISOString();
  await deps.store.invitations.createMany(
    codes.map((code) => ({
      roundId: round.id,
      codeHash: hashCode(deps.codeSecret, normalizeCode(code)!),
      area,
      createdAt,
    })),
  );
  return c.json({ codes }, 201);
}

/** POST /api/rounds/:roundId/removals */
export async function removeResponse({ c, deps, body, round }: RoundContext<RemoveResponseBody>): Promise<Response> {
  let key: string;
  if (body.code) {
    const code = normalizeCode(body.code);
    if (!code) throw new ValidationError([{ field: 'code', message: 'not a valid code' }]);
    key = `C.${hashCode(deps.codeSecret, code)}`;
  } else if (body.responseId) {
    key = `I.${body.responseId}`;
  } else {
    throw new ValidationError([
      { field: 'responseId', message: 'give the responseId or the code of the response to remove' },
    ]);
  }
  const keep = await indicatorAnswersOf(deps.store, round);
  const result = await deps.store.responses.remove(round.id, round.shards, key, deps.now(), keep);
  if (result === 'not-found') {
    // A retry of a removal that went through (its answer lost) must be told so, not "no such".
    const stored = await deps.store.responses.get(round.id, round.shards, key);
    if (stored?.type === 'removal')
      throw new HttpError(404, 'already_removed', 'this response has already been removed');
    throw new HttpError(404, 'not_found', 'no such response in this round');
  }
  deps.log({ event: 'response_removed', roundId: round.id });
  return c.json({ removed: true });
}

/** POST /api/rounds/:roundId/close and /open */
function roundStatusChange(action: 'close' | 'open') {
  return async ({ c, deps, round, instance }: RoundContext): Promise<Response> => {
    const updated = await deps.store.rounds.setStatus(
      round,
      action === 'close' ? 'closed' : 'open',
      new Date(deps.now()).toISOString(),
    );
    instance.reads.forgetRound(round.id);
    if (action === 'close') {
      // The address hashes kept against floods go with the open round (closing again finishes
      // a drop cut short).
      const dropped = await deps.store.responses.forgetAddresses(round.id, round.shards);
      deps.log({ event: 'address_hashes_dropped', roundId: round.id, count: dropped });
    }
    return c.json({ round: roundSummary(updated) });
  };
}

export const closeRound = roundStatusChange('close');
export const openRound = roundStatusChange('open');
