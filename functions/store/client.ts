// The DynamoDB client: real DynamoDB on AWS, dynalite's endpoint on one machine.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface StoreConfig {
  tableName: string;
  /** http://127.0.0.1:PORT for dynalite; unset on AWS. */
  endpoint?: string | undefined;
  region?: string | undefined;
}

/** Attempts per call, the SDK's retries included (throttling, timeouts, 5xx, network errors). */
export const MAX_ATTEMPTS = 5;

export function createDynamoClient(config: StoreConfig): DynamoDBClient {
  const client = newClient(config);
  // The SDK's logger middleware filters every input and output for a logger that logs nothing
  // here: measured at 15 % of the fold's CPU (it walks every item of every page). We log ourselves.
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

function newClient(config: StoreConfig): DynamoDBClient {
  if (config.endpoint) {
    return new DynamoDBClient({
      endpoint: config.endpoint,
      region: config.region ?? 'local',
      // dynalite accepts any credentials; these never leave the machine.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: MAX_ATTEMPTS,
    });
  }
  return new DynamoDBClient({ region: config.region, maxAttempts: MAX_ATTEMPTS });
}
