// The shapes of the API answers the admin pages read (a subset of what the API sends).
import type { AreaCount } from '../common/counts.ts';
export type { AreaCount };

export interface Area {
  id: string;
  name: string;
}

export interface ProjectSettings {
  alpha: number;
  minGroupSize: number;
  groupBy: string[];
  weighting: { strata: string[]; population: Record<string, string | number>[] } | null;
}

export interface Project {
  id: string;
  name: string;
  areas: Area[];
  settings: ProjectSettings;
  demo: boolean;
  createdAt: string;
}

export interface ProjectListEntry {
  id: string;
  name: string;
}

export interface RoundSummary {
  id: string;
  name: string;
  kind: 'baseline' | 'followup';
  access: 'open' | 'invite';
  status: 'open' | 'closed';
  questionnaireId: string;
  createdAt: string;
}

export interface QuestionnaireSummary {
  id: string;
  createdAt: string;
  indicators: { id: string; label?: string; kind: string }[];
  background: Record<string, string>;
}

export interface ProjectDetails {
  project: Project;
  rounds: RoundSummary[];
  questionnaires: QuestionnaireSummary[];
}

export interface RoundCounts {
  round: RoundSummary;
  responses: number;
  areas: AreaCount[];
  invited: number | null;
}

export type { FieldError } from '../../../functions/core/language.ts';
