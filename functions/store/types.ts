// What the store holds, as plain types.
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
  /** A hash of the canonical submission: tells an exact retry from a conflicting one. */
  fingerprint: string;
}

/**
 * A removal (the tombstone that replaces a removed response): folds as the negative contribution
 * of that response. It keeps only what that takes (background and the answers to indicator
 * items); everything else of the response is gone.
 */
export interface StoredRemoval {
  type: 'removal';
  key: string;
  ts: number;
  tsKey: string;
  responseTsKey: string;
  background: Background;
  answers: Record<string, Answer>;
}

export type RoundEvent = StoredResponse | StoredRemoval;
