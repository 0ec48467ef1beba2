// The names of the states, kinds and verdicts that request bodies are checked against: apart from
// the logic that uses them (core/ideas.ts, core/goals.ts), so that the API's cold start, which
// declares every route's body, does not compile that logic.

export const IDEA_STATES = [
  'received',
  'published',
  'rejected',
  'prioritised',
  'not_prioritised',
  'merged',
  'planned',
  'in_progress',
  'carried_out',
  'withdrawn',
] as const;
export type IdeaState = (typeof IDEA_STATES)[number];

export const GOAL_VERDICTS = ['achieved', 'partly', 'not_achieved', 'not_assessable'] as const;
export type GoalVerdict = (typeof GOAL_VERDICTS)[number];

export const GOAL_KINDS = ['count', 'indicator', 'milestone', 'qualitative'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export const IDEA_COUNTS = ['identified', 'prioritised', 'carried_out'] as const;
export type IdeaCountName = (typeof IDEA_COUNTS)[number];
