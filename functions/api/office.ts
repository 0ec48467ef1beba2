// The office's bundle (lazy.ts): the handlers of the administrators' and evaluators' routes, the
// statistics they read, tokens' signatures and the published contract.
export * as projectActions from './actions/projects.ts';
export * as burstActions from './actions/bursts.ts';
export * as tokenActions from './actions/tokens.ts';
export * as ideaActions from './actions/ideas.ts';
export * as goalActions from './actions/goals.ts';
export * as reportActions from './actions/reports.ts';
export * as results from './results.ts';
export * as openapi from './openapi.ts';
export { ANSWERS } from './contract.ts';
export { sign, verify } from 'hono/jwt';
