// Invitation codes of invited rounds, stored only as keyed hashes.
import { BatchWriteItemCommand, GetItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { readOptionalString, readString, str, type Item } from './attributes.ts';
import { invitationKey } from './keys.ts';
import { queryAll } from './query.ts';
import type { Invitation } from './types.ts';

export class InvitationRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async createMany(invitations: Invitation[]): Promise<void> {
    for (let i = 0; i < invitations.length; i += 25) {
      let requests: WriteRequest[] = invitations.slice(i, i + 25).map((invitation) => {
        const key = invitationKey(invitation.roundId, invitation.codeHash);
        const item: Item = { pk: str(key.pk), sk: str(key.sk), createdAt: str(invitation.createdAt) };
        if (invitation.area !== null) item.area = str(invitation.area);
        return { PutRequest: { Item: item } };
      });
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 10) throw new Error('could not store invitation codes (throttled)');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = result.UnprocessedItems?.[this.tableName] ?? [];
      }
    }
  }

  async get(roundId: string, codeHash: string): Promise<Invitation | null> {
    const key = invitationKey(roundId, codeHash);
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { pk: str(key.pk), sk: str(key.sk) }, ConsistentRead: true }));
    if (!Item) return null;
    return { roundId, codeHash, area: readOptionalString(Item, 'area') ?? null, createdAt: readString(Item, 'createdAt') };
  }

  /** Codes issued per area (null: codes without an area), for response rates. */
  async countByArea(roundId: string): Promise<Map<string | null, number>> {
    const counts = new Map<string | null, number>();
    const items = queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': str(`ROUND#${roundId}`), ':prefix': str('CODE#') },
      ProjectionExpression: 'area',
    });
    for await (const item of items) {
      const area = readOptionalString(item, 'area') ?? null;
      counts.set(area, (counts.get(area) ?? 0) + 1);
    }
    return counts;
  }
}
