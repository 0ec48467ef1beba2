// What the store holds, as plain types.
import type { ActivityType } from '../core/goals.ts';
import type { IdeaSettings } from '../core/ideas.ts';
import type { Answer, Background, BackgroundVariable, Indicator, ProjectSettings } from '../core/schemas.ts';

export interface Area {
  id: string;
  name: string;
}

export interface Project {
  id: string;
  name: string;
  areas: Area[];
  settings: ProjectSettings;
  /** Demo data is marked as such wherever it is shown. */
  demo: boolean;
  createdAt: string;
  /** Residents' ideas: collection open, pre-moderated (DEFAULT_IDEA_SETTINGS when absent). */
  ideas?: IdeaSettings | undefined;
  /** The project's own activity types (DEFAULT_ACTIVITY_TYPES when absent). */
  activityTypes?: ActivityType[] | undefined;
}

export type BackgroundMapping = Partial<Record<BackgroundVariable, string>>;

export interface Questionnaire {
  id: string;
  projectId: string;
  /** The SurveyJS JSON document, as given. */
  survey: unknown;
  indicators: Indicator[];
  /** Which survey question holds each background variable. */
  background: BackgroundMapping;
  createdAt: string;
}

export type RoundKind = 'baseline' | 'followup';
export type RoundAccess = 'open' | 'invite';

export interface Round {
  id: string;
  projectId: string;
  kind: RoundKind;
  name: string;
  questionnaireId: string;
  access: RoundAccess;
  status: 'open' | 'closed';
  /** Number of write shards (fixed for the round's life). */
  shards: number;
  createdAt: string;
  updatedAt: string;
}

export interface Invitation {
  roundId: string;
  codeHash: string;
  area: string | null;
  createdAt: string;
}

/** A stored response, as the fold and the read path see it. */
export interface StoredResponse {
  type: 'response';
  key: string;
  /** Client-generated id (open rounds), echoed on retries. */
  responseId: string;
  ts: number;
  tsKey: string;
  background: Background;
  answers: Record<string, Answer>;
}

/**
 * A removal: folds as the negative contribution of its response. It keeps only what that takes
 * (background and the answers to indicator items). Since the second format it is an event of its
 * own beside the response, which stays in place with the same reduced content and a removed mark:
 * the fold always meets the response before its removal, so it adds it once and subtracts it once.
 */
export interface StoredRemoval {
  type: 'removal';
  key: string;
  ts: number;
  tsKey: string;
  responseTsKey: string;
  background: Background;
  answers: Record<string, Answer>;
  /**
   * A tombstone of the first format, which replaced its response in the time index: it subtracts
   * only a response the fold had counted (an approximation: see EventFolder). New removals are false.
   */
  replacedResponse: boolean;
}

export type RoundEvent = StoredResponse | StoredRemoval;
