// Residents' ideas: submitted without an account, pre-moderated by default, moderated by the
// project's administrators (every change an event; an undo of one's own last change too), read on
// a public board, counted for the goals. Declarations only: the handlers are in actions/ideas.ts.
import { once } from '../../core/once.ts';
import { office } from '../lazy.ts';
import { lazy, route, type RouteSpec } from '../routeTable.ts';
import {
  IdeaCountsQuery,
  IdeaListQuery,
  IdeaSettingsBody,
  IdeaSubmissionBody,
  IdeaTransitionBody,
} from '../schemas.ts';

const ADMIN = ['admin'] as const;
const READERS = ['admin', 'evaluator'] as const;
const actions = once(() => office().then((m) => m.ideaActions));

export const ideaRoutes: RouteSpec[] = [
  route({
    method: 'post',
    path: '/api/public/projects/:projectId/ideas',
    summary: "Submit a resident's idea (no account; contact details only with consent)",
    access: { kind: 'public' },
    body: IdeaSubmissionBody,
    responses: {
      201: { description: 'received (or published, where the project does not pre-moderate)', schema: 'IdeaReceipt' },
      400: "invalid idea: {errors:[{field, message}]} in the caller's language",
      404: 'no such project',
      410: 'the project does not take ideas now',
      429: 'too many submissions from this address: wait Retry-After seconds',
    },
    handler: lazy(actions, 'submitIdea'),
  }),
  route({
    method: 'get',
    path: '/api/public/projects/:projectId/ideas',
    summary:
      'The public board: published ideas and all that followed (never contact details, reasons or unpublished ideas)',
    access: { kind: 'public' },
    responses: {
      200: { description: 'the project and its public ideas', schema: 'IdeaBoard' },
      404: 'no such project',
    },
    handler: lazy(actions, 'ideaBoard'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/ideas',
    summary:
      'Every idea of the project with its state, counts per state and area (contact details for administrators only)',
    access: { kind: 'project', roles: READERS },
    query: IdeaListQuery,
    responses: { 200: { description: 'the ideas, oldest first', schema: 'IdeaList' } },
    handler: lazy(actions, 'listIdeas'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/ideas/counts',
    summary: 'Ideas identified, prioritised and carried out as of the end of a day (Swedish time), in all and per area',
    access: { kind: 'project', roles: READERS },
    query: IdeaCountsQuery,
    responses: { 200: { description: 'the counts', schema: 'IdeaCountsAnswer' } },
    handler: lazy(actions, 'countIdeas'),
  }),
  route({
    method: 'post',
    path: '/api/projects/:projectId/ideas/settings',
    summary: "Open or close the project's idea collection; pre-moderation on or off",
    access: { kind: 'project', roles: ADMIN },
    body: IdeaSettingsBody,
    responses: { 200: { description: 'the settings now', schema: 'IdeaSettingsAnswer' } },
    handler: lazy(actions, 'setIdeaSettings'),
  }),
  route({
    method: 'post',
    path: '/api/ideas/:ideaId/transitions',
    summary:
      'Move an idea to its next state (publish, reject, merge, prioritise, ...): an event with who, when and why',
    access: { kind: 'idea', roles: ADMIN },
    body: IdeaTransitionBody,
    responses: {
      200: { description: 'the idea as it is now', schema: 'IdeaChanged' },
      400: 'a reason or mergedInto missing or wrong',
      404: 'no such idea',
      409: 'not a change its state allows (the message names the allowed ones), or the idea changed meanwhile',
    },
    handler: lazy(actions, 'transitionIdea'),
  }),
  route({
    method: 'post',
    path: '/api/ideas/:ideaId/undo',
    summary: "Take back the caller's own last change of the idea (an event too)",
    access: { kind: 'idea', roles: ADMIN },
    responses: {
      200: { description: 'the idea as it is now', schema: 'IdeaChanged' },
      404: 'no such idea',
      409: "no change to undo, or the last change is another moderator's",
    },
    handler: lazy(actions, 'undoIdeaChange'),
  }),
  route({
    method: 'get',
    path: '/api/ideas/:ideaId/events',
    summary: 'The audit trail of an idea: its submission and every change, with who, when and why',
    access: { kind: 'idea', roles: ADMIN },
    responses: { 200: { description: 'the events, oldest first', schema: 'IdeaEvents' }, 404: 'no such idea' },
    handler: lazy(actions, 'ideaEvents'),
  }),
  route({
    method: 'delete',
    path: '/api/ideas/:ideaId/contact',
    summary:
      "Delete the contact details of an idea's author (on request); the deletion is recorded, the details are not",
    access: { kind: 'idea', roles: ADMIN },
    responses: { 200: { description: 'whether there were details to delete', schema: 'ContactDeleted' } },
    handler: lazy(actions, 'deleteIdeaContact'),
  }),
];
