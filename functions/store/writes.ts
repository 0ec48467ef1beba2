// Creating items under server-generated ids so that a failed request leaves nothing behind and a
// write the SDK retried after it was applied (its answer lost) still counts as done.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Item } from './attributes.ts';
import { ConflictError, isPassingStoreFailure } from './errors.ts';

/** Same attributes, same values: how a write recognises its own item. */
function sameItem(a: Item, b: Item): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

const keyOf = (item: Item) => ({ pk: item.pk!, sk: item.sk! });

/**
 * Puts an item whose key must be new. When the key is taken by an identical item, that item is
 * ours: the SDK retried a write whose first attempt was applied but whose answer was lost (a
 * timeout, a 500), and the retry found the key taken. Anything else holding the key is a conflict.
 */
export async function putNew(client: DynamoDBClient, tableName: string, item: Item): Promise<void> {
  try {
    await client.send(
      new PutItemCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const { Item: stored } = await client.send(
    new GetItemCommand({ TableName: tableName, Key: keyOf(item), ConsistentRead: true }),
  );
  if (stored && sameItem(stored, item)) return;
  throw new ConflictError(`the key ${item.pk?.S}/${item.sk?.S} is taken`);
}

/**
 * Writes the items of one new thing (a list entry, then the thing) under ids nobody has seen yet.
 * If the database fails part-way (after the SDK's retries), deletes whatever of them may have been
 * stored before rethrowing: the caller got an error, so nothing of the request should remain, and
 * sending it again creates the thing once. Only when the clean-up fails too (the database still
 * down, or a write that timed out but lands later) can an unreachable copy remain.
 */
export async function createAll(
  client: DynamoDBClient,
  tableName: string,
  writes: { item: Item; unique: boolean }[],
): Promise<void> {
  try {
    for (const { item, unique } of writes) {
      if (unique) await putNew(client, tableName, item);
      else await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    }
  } catch (error) {
    if (isPassingStoreFailure(error))
      await deleteQuietly(
        client,
        tableName,
        writes.map(({ item }) => item),
      );
    throw error;
  }
}

/** Best-effort deletes (a clean-up after a failure): errors are left to the original one. */
async function deleteQuietly(client: DynamoDBClient, tableName: string, items: Item[]): Promise<void> {
  await Promise.all(
    items.map((item) =>
      client.send(new DeleteItemCommand({ TableName: tableName, Key: keyOf(item) })).catch(() => undefined),
    ),
  );
}
