// What a Lambda instance reads once, at the edge: the table, the secrets (Secrets Manager, read
// once per instance), the settle window. Tests point it at dynalite and give secrets by env.
import { createHmac } from 'node:crypto';
import { createTokenIssuer } from '../api/auth.ts';
import type { ApiDeps } from '../api/routeTable.ts';
import { createDynamoClient } from '../store/client.ts';
import { createStore, type Store } from '../store/index.ts';

export interface LambdaEnvironment {
  store: Store;
  settleMs: number;
  stage: string;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`the ${name} environment variable is not set`);
  return value;
}

export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): LambdaEnvironment {
  const tableName = required(env, 'TABLE_NAME');
  const client = createDynamoClient({
    tableName,
    endpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION,
  });
  return {
    store: createStore(client, tableName),
    settleMs: Number(env.SETTLE_MS ?? 60_000),
    stage: env.STAGE ?? 'dev',
  };
}

async function readSecret(arn: string): Promise<string> {
  // Loaded only where secrets come from Secrets Manager (not in tests and benchmarks).
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString) throw new Error(`secret ${arn} has no value`);
    return SecretString;
  } finally {
    client.destroy();
  }
}

/** Both keys derive from one generated secret, so that one secret is all there is to keep. */
function deriveKeys(secret: string): { signingSecret: string; codeSecret: string } {
  const derive = (label: string) => createHmac('sha256', secret).update(label).digest('base64url');
  return { signingSecret: derive('bygdpuls token signing'), codeSecret: derive('bygdpuls invitation codes') };
}

export async function apiDepsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<ApiDeps> {
  const { store, settleMs } = storeFromEnv(env);
  const [secret, adminToken] = await Promise.all([
    env.SIGNING_SECRET_ARN ? readSecret(env.SIGNING_SECRET_ARN) : Promise.resolve(required(env, 'BYGDPULS_SECRET')),
    env.ADMIN_TOKEN_SECRET_ARN ? readSecret(env.ADMIN_TOKEN_SECRET_ARN) : Promise.resolve(env.ADMIN_TOKEN),
  ]);
  const keys = deriveKeys(secret);
  return {
    store,
    tokens: createTokenIssuer(keys.signingSecret, { staticAdminToken: adminToken || undefined }),
    codeSecret: keys.codeSecret,
    now: () => Date.now(),
    shardsPerRound: Number(env.SHARDS_PER_ROUND ?? 8),
    settleMs,
    publicUrl: env.PUBLIC_URL || undefined,
    log: (entry) => console.log(JSON.stringify(entry)),
  };
}
