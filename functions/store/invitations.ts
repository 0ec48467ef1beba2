// Invitation codes of invited rounds, stored only as keyed hashes.
import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { readOptionalString, readString, str, type Item } from './attributes.ts';
import { INVITATION_PREFIX, invitationKey, roundPartition } from './keys.ts';
import { queryAll, getItem } from './query.ts';
import type { Invitation } from './types.ts';
import { isPassingStoreFailure, StoreUnavailableError } from './errors.ts';

/** Tries of one batch whose items the database leaves unprocessed (throttling). */
const UNPROCESSED_ATTEMPTS = 8;

export class InvitationRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores invitation codes, all or none: items the database leaves unprocessed are sent again a
   * few times, and if they still do not go in (or a batch fails after the SDK's retries), every
   * code of this call is deleted again before the error is passed on. Codes that are not shown to
   * anyone must not be counted as issued (they are the denominator of response rates).
   */
  async createMany(invitations: Invitation[]): Promise<void> {
    const puts: WriteRequest[] = invitations.map((invitation) => {
      const key = invitationKey(invitation.roundId, invitation.codeHash);
      const item: Item = { pk: str(key.pk), sk: str(key.sk), createdAt: str(invitation.createdAt) };
      if (invitation.area !== null) item.area = str(invitation.area);
      return { PutRequest: { Item: item } };
    });
    try {
      await this.writeAll(puts);
    } catch (error) {
      if (isPassingStoreFailure(error)) {
        const deletes = puts.map(({ PutRequest }) => ({
          DeleteRequest: { Key: { pk: PutRequest!.Item!.pk!, sk: PutRequest!.Item!.sk! } },
        }));
        await this.writeAll(deletes).catch(() => undefined);
      }
      throw error;
    }
  }

  /** BatchWriteItem in batches of 25, sending unprocessed items again with growing waits (about 2 s in all). */
  private async writeAll(requests: WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let batch = requests.slice(i, i + 25);
      for (let attempt = 0; batch.length > 0; attempt++) {
        if (attempt === UNPROCESSED_ATTEMPTS)
          throw new StoreUnavailableError(
            `the database left ${batch.length} invitation codes unprocessed ${UNPROCESSED_ATTEMPTS} times`,
          );
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(500, 25 * 2 ** attempt)));
        const result = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: batch } }));
        batch = result.UnprocessedItems?.[this.tableName] ?? [];
      }
    }
  }

  async get(roundId: string, codeHash: string): Promise<Invitation | null> {
    const key = invitationKey(roundId, codeHash);
    const Item = await getItem(this.client, this.tableName, key);
    if (!Item) return null;
    return {
      roundId,
      codeHash,
      area: readOptionalString(Item, 'area') ?? null,
      createdAt: readString(Item, 'createdAt'),
    };
  }

  /** Codes issued per area (null: codes without an area), for response rates. */
  async countByArea(roundId: string): Promise<Map<string | null, number>> {
    const counts = new Map<string | null, number>();
    const items = queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': str(roundPartition(roundId)), ':prefix': str(INVITATION_PREFIX) },
      ProjectionExpression: 'area',
    });
    for await (const item of items) {
      const area = readOptionalString(item, 'area') ?? null;
      counts.set(area, (counts.get(area) ?? 0) + 1);
    }
    return counts;
  }
}
