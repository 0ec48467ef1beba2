// Questionnaires: immutable versions of a SurveyJS document with the indicator definitions.
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { json, readJson, str } from './attributes.ts';
import { questionnaireKey } from './keys.ts';
import { queryAll } from './query.ts';
import type { Questionnaire } from './types.ts';
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
      ExpressionAttributeValues: { ':pk': str(`PROJECT#${projectId}`), ':prefix': str('QUESTIONNAIRE#') },
    });
    for await (const item of items) result.push(readJson<Questionnaire>(item, 'questionnaire'));
    return result;
  }
}
