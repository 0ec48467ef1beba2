// What repositories share: the table they work on, the key attributes of an item or a command, and
// the items of a partition whose sort keys start with a prefix (a project's rounds, questionnaires, tokens).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { str, type Item } from './attributes.ts';
import { queryAll } from './query.ts';

/** What a repository reads and writes through: the client and the table's name. */
export abstract class TableRepository {
  constructor(
    protected readonly client: DynamoDBClient,
    protected readonly tableName: string,
  ) {}
}

/** An item's key as attributes: a command's Key, or the start of an item written under it. */
export function keyAttributes(key: { pk: string; sk: string }): Item {
  return { pk: str(key.pk), sk: str(key.sk) };
}

/** Every item of partition `pk` whose sort key starts with `prefix`, page by page. */
export function queryPrefix(
  client: DynamoDBClient,
  tableName: string,
  pk: string,
  prefix: string,
): AsyncGenerator<Item> {
  return queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': str(pk), ':prefix': str(prefix) },
  });
}
