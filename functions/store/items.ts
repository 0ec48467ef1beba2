// Items by key: the key attributes of an item or a command, and the items of a partition whose
// sort keys start with a prefix (a project's rounds, its questionnaires, its tokens).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { str, type Item } from './attributes.ts';
import { queryAll } from './query.ts';

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
