// Issued access tokens (named, listed by project, revocable) and one-time sign-in codes. A token
// whose record carries revokedAt is refused (the API checks on every request, cached briefly).
import {
  ConditionalCheckFailedException,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { readOptionalString, readString, str, type Item } from './attributes.ts';
import { signInKey, TOKEN_PREFIX, tokenKey, tokenListKey, tokenListPartition } from './keys.ts';
import { keyAttributes, queryPrefix, TableRepository } from './items.ts';
import { getItem } from './query.ts';
import { putNew } from './writes.ts';

export interface IssuedToken {
  id: string;
  name: string;
  role: 'admin' | 'evaluator';
  /** A project id, or '*' for every project. */
  project: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** What a one-time sign-in code grants: a short-lived token of this role and scope. */
export interface SignInGrant {
  role: 'admin' | 'evaluator';
  project: string;
  name: string;
  /** When the code itself stops working (unused). */
  expiresAt: string;
}

function tokenItem(key: { pk: string; sk: string }, token: IssuedToken): Item {
  const item: Item = {
    ...keyAttributes(key),
    id: str(token.id),
    name: str(token.name),
    role: str(token.role),
    project: str(token.project),
    createdAt: str(token.createdAt),
    expiresAt: str(token.expiresAt),
  };
  if (token.revokedAt) item.revokedAt = str(token.revokedAt);
  return item;
}

/** Updates an item on a condition and returns it as it now is; null when the condition does not hold. */
async function updateIf(
  client: DynamoDBClient,
  tableName: string,
  key: { pk: string; sk: string },
  update: Pick<UpdateItemCommandInput, 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeValues'>,
): Promise<Item | null> {
  try {
    const { Attributes } = await client.send(
      new UpdateItemCommand({ TableName: tableName, Key: keyAttributes(key), ...update, ReturnValues: 'ALL_NEW' }),
    );
    return Attributes!;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return null;
    throw error;
  }
}

function readToken(item: Item): IssuedToken {
  return {
    id: readString(item, 'id'),
    name: readString(item, 'name'),
    role: readString(item, 'role') === 'admin' ? 'admin' : 'evaluator',
    project: readString(item, 'project'),
    createdAt: readString(item, 'createdAt'),
    expiresAt: readString(item, 'expiresAt'),
    revokedAt: readOptionalString(item, 'revokedAt') ?? null,
  };
}

export class TokenRepository extends TableRepository {
  /** Records an issued token: its record (by id) and its entry in its project's list. */
  async record(token: IssuedToken): Promise<void> {
    await putNew(this.client, this.tableName, tokenItem(tokenKey(token.id), token));
    await this.client.send(
      new PutItemCommand({ TableName: this.tableName, Item: tokenItem(tokenListKey(token.project, token.id), token) }),
    );
  }

  async get(tokenId: string): Promise<IssuedToken | null> {
    const key = tokenKey(tokenId);
    const Item = await getItem(this.client, this.tableName, key);
    return Item ? readToken(Item) : null;
  }

  /** The tokens issued for a project ('*': the every-project ones), newest first. */
  async listByProject(project: string): Promise<IssuedToken[]> {
    const tokens: IssuedToken[] = [];
    const items = queryPrefix(this.client, this.tableName, tokenListPartition(project), TOKEN_PREFIX);
    for await (const item of items) tokens.push(readToken(item));
    return tokens.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Revokes a recorded token (again: keeps the first time); null when there is no such token. */
  async revoke(tokenId: string, at: string): Promise<IssuedToken | null> {
    const updated = await updateIf(this.client, this.tableName, tokenKey(tokenId), {
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': str(at) },
    });
    if (!updated) return null;
    const revoked = readToken(updated);
    const entry = tokenListKey(revoked.project, tokenId);
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: keyAttributes(entry),
        UpdateExpression: 'SET revokedAt = :at',
        ExpressionAttributeValues: { ':at': str(revoked.revokedAt!) },
      }),
    );
    return revoked;
  }

  /** Whether a token id is on the revocation list (a token without a record is not). */
  async isRevoked(tokenId: string): Promise<boolean> {
    const key = tokenKey(tokenId);
    const Item = await getItem(this.client, this.tableName, key, 'revokedAt');
    return Item?.revokedAt !== undefined;
  }

  async createSignIn(codeHash: string, grant: SignInGrant): Promise<void> {
    const key = signInKey(codeHash);
    await putNew(this.client, this.tableName, {
      ...keyAttributes(key),
      role: str(grant.role),
      project: str(grant.project),
      name: str(grant.name),
      expiresAt: str(grant.expiresAt),
    });
  }

  /**
   * Uses a one-time sign-in code: a conditional write marks it used, so of two requests with the
   * same code only one gets the grant. Null when the code is unknown, used or expired.
   */
  async consumeSignIn(codeHash: string, at: string): Promise<SignInGrant | null> {
    const item = await updateIf(this.client, this.tableName, signInKey(codeHash), {
      UpdateExpression: 'SET usedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :at',
      ExpressionAttributeValues: { ':at': str(at) },
    });
    if (!item) return null;
    return {
      role: readString(item, 'role') === 'admin' ? 'admin' : 'evaluator',
      project: readString(item, 'project'),
      name: readString(item, 'name'),
      expiresAt: readString(item, 'expiresAt'),
    };
  }
}
