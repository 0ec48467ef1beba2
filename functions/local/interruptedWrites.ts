// dynalite writes a put's index entries and then the item itself, as separate LevelDB writes;
// DynamoDB writes both at once. A local server killed between the two (SIGKILL, a power cut) leaves
// a time-index entry whose item was never written (or still holds its older version). The fold
// reads the index and would count that response, and count it again when the resident, who never
// got an answer, sends it once more. Before the local server takes requests or folds, this
// completes every such interrupted write from the entry's copy (the index projects every
// attribute), as if it had landed just before the stop, and drops index entries an item left behind.
import { ConditionalCheckFailedException, PutItemCommand, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { Item } from '../store/attributes.ts';
import type { Store } from '../store/index.ts';
import { shardPartition } from '../store/keys.ts';
import { queryAll } from '../store/query.ts';
import { BY_TIME_INDEX } from '../store/table.ts';

export interface RepairReport {
  /** Writes completed from their index entry (the item was missing or older). */
  completed: number;
  /** Index entries left behind by an item that has since moved on, removed. */
  dropped: number;
}

async function putIf(store: Store, input: Omit<PutItemCommandInput, 'TableName'>): Promise<boolean> {
  try {
    await store.client.send(new PutItemCommand({ TableName: store.tableName, ...input }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function repairPartition(store: Store, pk: string, report: RepairReport): Promise<void> {
  const partition = { ':pk': { S: pk } };
  const items = new Map<string, Item>();
  for await (const item of queryAll(store.client, {
    TableName: store.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: partition,
    ConsistentRead: true,
  })) {
    items.set(item.sk!.S!, item);
  }
  const entries: Item[] = [];
  for await (const entry of queryAll(store.client, {
    TableName: store.tableName,
    IndexName: BY_TIME_INDEX,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: partition,
    ConsistentRead: true,
  })) {
    entries.push(entry);
  }
  for (const entry of entries) {
    const item = items.get(entry.sk!.S!);
    const entryTime = entry.tsKey!.S!;
    const itemTime = item?.tsKey?.S;
    if (itemTime === entryTime) {
      // Same place, but the entry is the newer write when it marks the response removed and the
      // item does not yet (a removal cut short between the index and the item).
      if (entry.removed?.BOOL === true && item?.removed?.BOOL !== true) {
        if (
          await putIf(store, {
            Item: entry,
            ConditionExpression: 'tsKey = :t AND attribute_not_exists(removed)',
            ExpressionAttributeValues: { ':t': { S: itemTime } },
          })
        )
          report.completed++;
        items.set(entry.sk!.S!, entry);
      }
      continue;
    }
    if (item === undefined) {
      if (await putIf(store, { Item: entry, ConditionExpression: 'attribute_not_exists(pk)' })) report.completed++;
    } else if (itemTime === undefined || itemTime < entryTime) {
      // The item is older than its newest entry: that later write was cut short.
      if (
        await putIf(store, {
          Item: entry,
          ConditionExpression: 'tsKey = :t',
          ExpressionAttributeValues: { ':t': { S: itemTime ?? '' } },
        })
      )
        report.completed++;
      items.set(entry.sk!.S!, entry);
    } else {
      // An older entry the item left behind. The index cannot be written directly: putting the
      // item at the entry's time moves its own entry there (replacing the stale one), and
      // putting it back moves it home.
      const moved = await putIf(store, {
        Item: { ...item, tsKey: { S: entryTime } },
        ConditionExpression: 'tsKey = :t',
        ExpressionAttributeValues: { ':t': { S: itemTime } },
      });
      if (
        moved &&
        (await putIf(store, {
          Item: item,
          ConditionExpression: 'tsKey = :t',
          ExpressionAttributeValues: { ':t': { S: entryTime } },
        }))
      )
        report.dropped++;
    }
  }
}

/** Checks every shard of every round; cheap next to a start (a read of each round's items). */
export async function completeInterruptedWrites(store: Store): Promise<RepairReport> {
  const report: RepairReport = { completed: 0, dropped: 0 };
  for (const project of await store.projects.list()) {
    for (const round of await store.rounds.listByProject(project.id)) {
      for (let shard = 0; shard < round.shards; shard++)
        await repairPartition(store, shardPartition(round.id, shard), report);
    }
  }
  return report;
}
