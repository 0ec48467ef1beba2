// Per-shard snapshots: the aggregate of every event up to the high-water mark, and the mark.
import { ConditionalCheckFailedException, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RoundAggregate } from '../core/aggregates.ts';
import { gzipJson, num, readGzipJson, readNumber, readString, str } from './attributes.ts';
import { getItem } from './query.ts';
import { shardPartition, SNAPSHOT_SORT_KEY } from './keys.ts';

export interface Snapshot {
  /** Time key of the last folded event ('' before the first fold). */
  hwm: string;
  aggregate: RoundAggregate;
  /** Events folded into this snapshot so far. */
  folded: number;
  updatedAt: string;
}

export class SnapshotRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async get(roundId: string, shard: number): Promise<Snapshot | null> {
    const Item = await getItem(this.client, this.tableName, {
      pk: shardPartition(roundId, shard),
      sk: SNAPSHOT_SORT_KEY,
    });
    if (!Item) return null;
    return {
      hwm: readString(Item, 'hwm'),
      aggregate: readGzipJson(Item, 'aggregate'),
      folded: readNumber(Item, 'folded'),
      updatedAt: readString(Item, 'updatedAt'),
    };
  }

  /**
   * Writes a snapshot only if the stored one still has `previousHwm` (null: none stored yet):
   * of two folds that started from the same snapshot, exactly one wins. Returns whether it won.
   */
  async put(roundId: string, shard: number, snapshot: Snapshot, previousHwm: string | null): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            pk: str(shardPartition(roundId, shard)),
            sk: str(SNAPSHOT_SORT_KEY),
            hwm: str(snapshot.hwm),
            aggregate: gzipJson(snapshot.aggregate),
            folded: num(snapshot.folded),
            updatedAt: str(snapshot.updatedAt),
          },
          ...(previousHwm === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'hwm = :previous', ExpressionAttributeValues: { ':previous': str(previousHwm) } }),
        }),
      );
      return true;
    } catch (error) {
      // Also when the SDK retried a write whose first attempt was applied (its answer lost): the
      // retry finds a newer mark and this fold stops as if it had lost. Nothing is counted twice:
      // the snapshot went in once, and the next fold starts from it.
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
