// Reading: one item by its key, and every page of a query; what the repositories share.
import { GetItemCommand, QueryCommand, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { str, type Item } from './attributes.ts';

/**
 * One item by its key, or null: read consistently, so that what was acknowledged is what is read.
 * `projection` names the only attributes wanted.
 */
export async function getItem(
  client: DynamoDBClient,
  tableName: string,
  key: { pk: string; sk: string },
  projection?: string,
): Promise<Item | null> {
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: str(key.pk), sk: str(key.sk) },
      ConsistentRead: true,
      ...(projection === undefined ? {} : { ProjectionExpression: projection }),
    }),
  );
  return Item ?? null;
}

/** Every page of items a query matches (each page is one request). */
export async function* queryPages(client: DynamoDBClient, input: QueryCommandInput): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every item a query matches, page by page. */
export async function* queryAll(client: DynamoDBClient, input: QueryCommandInput): AsyncGenerator<Item> {
  for await (const page of queryPages(client, input)) yield* page;
}
