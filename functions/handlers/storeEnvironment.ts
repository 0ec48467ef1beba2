// The table and the settle window, as every Lambda reads them at cold start: all the fold needs.
// Apart from environment.ts (the API's secrets and tokens), so that the fold's bundle holds none
// of the API.
import { createDynamoClient } from '../store/client.ts';
import { createStore, type Store } from '../store/index.ts';
import { FoldEnvironment, readVariables } from './variables.ts';

export interface LambdaEnvironment {
  store: Store;
  settleMs: number;
  stage: string;
}

export function storeFrom(variables: FoldEnvironment): LambdaEnvironment {
  const client = createDynamoClient({
    tableName: variables.TABLE_NAME,
    endpoint: variables.DYNAMODB_ENDPOINT,
    region: variables.AWS_REGION,
  });
  return { store: createStore(client, variables.TABLE_NAME), settleMs: variables.SETTLE_MS, stage: variables.STAGE };
}

/** The fold's environment; throws an EnvironmentError naming any bad variable. */
export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): LambdaEnvironment {
  return storeFrom(readVariables(FoldEnvironment, env));
}
