// Reading every page of a query: the one loop the repositories share.
import { QueryCommand, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import type { Item } from './attributes.ts';

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
