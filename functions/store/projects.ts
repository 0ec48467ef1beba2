// Projects: name, areas, settings (alpha, minimum group size, groupBy, weighting).
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { json, readJson, readString, str } from './attributes.ts';
import { PROJECT_LIST_PARTITION, projectIdOfListKey, projectKey, projectListKey } from './keys.ts';
import { queryAll, getItem } from './query.ts';
import type { Project } from './types.ts';
import { createAll } from './writes.ts';

export class ProjectRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new project and its list entry; a failed call leaves neither (see createAll). */
  async create(project: Project): Promise<void> {
    await createAll(this.client, this.tableName, [
      {
        item: {
          pk: str(projectListKey(project.id).pk),
          sk: str(projectListKey(project.id).sk),
          name: str(project.name),
        },
        unique: false,
      },
      {
        item: { pk: str(projectKey(project.id).pk), sk: str(projectKey(project.id).sk), project: json(project) },
        unique: true,
      },
    ]);
  }

  async get(projectId: string): Promise<Project | null> {
    const key = projectKey(projectId);
    const Item = await getItem(this.client, this.tableName, key);
    return Item ? readJson<Project>(Item, 'project') : null;
  }

  async update(project: Project): Promise<void> {
    const key = projectKey(project.id);
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { pk: str(key.pk), sk: str(key.sk), project: json(project) },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }

  async list(): Promise<{ id: string; name: string }[]> {
    const projects: { id: string; name: string }[] = [];
    const items = queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': str(PROJECT_LIST_PARTITION) },
    });
    for await (const item of items)
      projects.push({ id: projectIdOfListKey(readString(item, 'sk')), name: readString(item, 'name') });
    return projects;
  }
}
