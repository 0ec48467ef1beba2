// Questionnaires: immutable versions of a SurveyJS document with the indicator definitions.
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { json, readJson, str } from './attributes.ts';
import { projectPartition, QUESTIONNAIRE_PREFIX, questionnaireKey } from './keys.ts';
import { queryAll } from './query.ts';
import type { Questionnaire, Round } from './types.ts';
import { createAll } from './writes.ts';

export class QuestionnaireRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new version; an existing id is never overwritten (versions are immutable). */
  async create(questionnaire: Questionnaire): Promise<void> {
    const key = questionnaireKey(questionnaire.projectId, questionnaire.id);
    await createAll(this.client, this.tableName, [
      { item: { pk: str(key.pk), sk: str(key.sk), questionnaire: json(questionnaire) }, unique: true },
    ]);
  }

  async get(projectId: string, questionnaireId: string): Promise<Questionnaire | null> {
    const key = questionnaireKey(projectId, questionnaireId);
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { pk: str(key.pk), sk: str(key.sk) } }),
    );
    return Item ? readJson<Questionnaire>(Item, 'questionnaire') : null;
  }

  async list(projectId: string): Promise<Questionnaire[]> {
    const result: Questionnaire[] = [];
    const items = queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': str(projectPartition(projectId)), ':prefix': str(QUESTIONNAIRE_PREFIX) },
    });
    for await (const item of items) result.push(readJson<Questionnaire>(item, 'questionnaire'));
    return result;
  }
}

/** A round's questionnaire refers to a version that is not stored: the data is broken, not the request. */
export class MissingQuestionnaireError extends Error {
  override readonly name = 'MissingQuestionnaireError';
  constructor(
    readonly roundId: string,
    readonly questionnaireId: string,
  ) {
    super(`round ${roundId} refers to a missing questionnaire ${questionnaireId}`);
  }
}

/** The round's questionnaire, or a MissingQuestionnaireError: every reader of a round starts here. */
export async function roundQuestionnaire(
  store: { questionnaires: Pick<QuestionnaireRepository, 'get'> },
  round: Pick<Round, 'id' | 'projectId' | 'questionnaireId'>,
): Promise<Questionnaire> {
  const questionnaire = await store.questionnaires.get(round.projectId, round.questionnaireId);
  if (!questionnaire) throw new MissingQuestionnaireError(round.id, round.questionnaireId);
  return questionnaire;
}
