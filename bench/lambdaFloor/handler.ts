// The benchmark's floor for a Lambda: Hono + the DynamoDB document client + zod, one route,
// bundled like ours. What any handler of this stack costs before our own code adds to it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import * as z from 'zod';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const Params = z.object({ id: z.string().min(1).max(64) });
const app = new Hono();

app.get('/items/:id', async (c) => {
  const { id } = Params.parse(c.req.param());
  const { Item } = await documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: id, sk: id } }));
  return c.json(Item ?? null);
});

export const handler = handle(app);
