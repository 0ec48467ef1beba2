// The store: one table, a repository per kind of item.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GoalRepository } from './goals.ts';
import { IdeaRepository } from './ideas.ts';
import { InvitationRepository } from './invitations.ts';
import { ProjectRepository } from './projects.ts';
import { QuestionnaireRepository } from './questionnaires.ts';
import { ReleaseRepository } from './releases.ts';
import { ResponseRepository } from './responses.ts';
import { RoundRepository } from './rounds.ts';
import { SnapshotRepository } from './snapshots.ts';
import { TokenRepository } from './tokens.ts';

export interface Store {
  client: DynamoDBClient;
  tableName: string;
  projects: ProjectRepository;
  questionnaires: QuestionnaireRepository;
  rounds: RoundRepository;
  invitations: InvitationRepository;
  responses: ResponseRepository;
  snapshots: SnapshotRepository;
  releases: ReleaseRepository;
  tokens: TokenRepository;
  ideas: IdeaRepository;
  goals: GoalRepository;
}

export function createStore(client: DynamoDBClient, tableName: string): Store {
  return {
    client,
    tableName,
    projects: new ProjectRepository(client, tableName),
    questionnaires: new QuestionnaireRepository(client, tableName),
    rounds: new RoundRepository(client, tableName),
    invitations: new InvitationRepository(client, tableName),
    responses: new ResponseRepository(client, tableName),
    snapshots: new SnapshotRepository(client, tableName),
    tokens: new TokenRepository(client, tableName),
    releases: new ReleaseRepository(client, tableName),
    ideas: new IdeaRepository(client, tableName),
    goals: new GoalRepository(client, tableName),
  };
}

export type * from './types.ts';
