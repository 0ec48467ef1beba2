// Administrators' routes: projects, questionnaires, rounds, invitations (evaluator access:
// routes/tokens.ts). Declarations only: the handlers are in actions/projects.ts, loaded by the
// first call of any of them.
import { once } from '../../core/once.ts';
import { office } from '../lazy.ts';
import { lazy, route, type RouteSpec } from '../routeTable.ts';
import {
  CreateInvitationsBody,
  CreateProjectBody,
  CreateQuestionnaireBody,
  CreateRoundBody,
  RemoveResponseBody,
} from '../schemas.ts';

const ADMIN = ['admin'] as const;
const READERS = ['admin', 'evaluator'] as const;
const actions = once(() => office().then((m) => m.projectActions));

export const projectRoutes: RouteSpec[] = [
  route({
    method: 'post',
    path: '/api/projects',
    summary: 'Create a project with its areas, settings and population figures',
    access: { kind: 'global', roles: ADMIN },
    body: CreateProjectBody,
    responses: { 201: { description: 'the new project', schema: 'Created' }, 400: 'invalid project' },
    handler: lazy(actions, 'createProject'),
  }),
  route({
    method: 'get',
    path: '/api/projects',
    summary: 'List the projects',
    access: { kind: 'global', roles: ADMIN },
    responses: { 200: { description: 'every project, by id and name', schema: 'ProjectList' } },
    handler: lazy(actions, 'listProjects'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId',
    summary: 'A project with its rounds and questionnaires',
    access: { kind: 'project', roles: READERS },
    responses: {
      200: { description: 'the project, its rounds and questionnaire versions', schema: 'ProjectDetails' },
      404: 'no such project',
    },
    handler: lazy(actions, 'projectDetails'),
  }),
  route({
    method: 'post',
    path: '/api/projects/:projectId/questionnaires',
    summary: "Add a questionnaire version (SurveyJS JSON and the project's indicator definitions)",
    access: { kind: 'project', roles: ADMIN },
    body: CreateQuestionnaireBody,
    maxBodyBytes: 1024 * 1024,
    responses: {
      201: { description: 'the new questionnaire version', schema: 'Created' },
      400: 'invalid survey or indicators',
    },
    handler: lazy(actions, 'createQuestionnaire'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/questionnaires/:questionnaireId',
    summary: 'One questionnaire version',
    access: { kind: 'project', roles: READERS },
    responses: {
      200: { description: 'the questionnaire version', schema: 'QuestionnaireVersion' },
      404: 'no such questionnaire',
    },
    handler: lazy(actions, 'questionnaireVersion'),
  }),
  route({
    method: 'post',
    path: '/api/projects/:projectId/rounds',
    summary: 'Create a baseline or follow-up round (it starts open)',
    access: { kind: 'project', roles: ADMIN },
    body: CreateRoundBody,
    responses: { 201: { description: 'the new round and its survey link', schema: 'NewRound' }, 400: 'invalid round' },
    handler: lazy(actions, 'createRound'),
  }),
  route({
    method: 'get',
    path: '/api/rounds/:roundId',
    summary:
      "A round with its response counts per area (and response rates for invited rounds): live for administrators, the latest release's for evaluators",
    access: { kind: 'round', roles: READERS },
    responses: { 200: { description: 'the round and its responses per area', schema: 'RoundCounts' } },
    handler: lazy(actions, 'roundCounts'),
  }),
  ...(['close', 'open'] as const).map((action) =>
    route({
      method: 'post',
      path: `/api/rounds/:roundId/${action}`,
      summary:
        action === 'close'
          ? 'Close a round: no more answers; the address hashes of its responses are dropped'
          : 'Open a round for answers',
      access: { kind: 'round', roles: ADMIN },
      responses: { 200: { description: 'the round as it is now', schema: 'RoundChange' } },
      handler: lazy(actions, action === 'close' ? 'closeRound' : 'openRound'),
    }),
  ),
  route({
    method: 'post',
    path: '/api/rounds/:roundId/invitations',
    summary: 'Issue invitation codes for an invited round (shown once; stored hashed)',
    access: { kind: 'round', roles: ADMIN },
    body: CreateInvitationsBody,
    responses: {
      201: { description: 'the codes, shown this once', schema: 'InvitationCodes' },
      400: 'invalid request',
      409: 'the round is open to all, not invited',
    },
    handler: lazy(actions, 'createInvitations'),
  }),
  route({
    method: 'post',
    path: '/api/rounds/:roundId/removals',
    summary: "Remove a response (spam, a resident's erasure request): it folds as a negative contribution",
    access: { kind: 'round', roles: ADMIN },
    body: RemoveResponseBody,
    responses: { 200: { description: 'the response is removed', schema: 'Removed' }, 404: 'no such response' },
    handler: lazy(actions, 'removeResponse'),
  }),
];
