// What a Lambda instance reads once, at the edge: the table, the secrets (Secrets Manager, read
// once per instance), the settle window. Tests point it at dynalite and give secrets by env. The
// variables and what each must hold are in variables.ts; a bad one stops the cold start.
import { createHmac } from 'node:crypto';
import { createTokenIssuer } from '../api/auth.ts';
import type { ApiDeps } from '../api/routeTable.ts';
import { storeFrom } from './storeEnvironment.ts';
import { ApiEnvironment, readVariables } from './variables.ts';

export { storeFromEnv, type LambdaEnvironment } from './storeEnvironment.ts';

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

/**
 * The signing and code keys derive from two secrets, so that the signing one can rotate (voiding
 * tokens) while the code one, which every printed letter depends on, stays. A stack from before the
 * split has one secret, and both keys derive from it as they always did.
 */
function deriveKeys(signing: string, codes: string): { signingSecret: string; codeSecret: string } {
  const derive = (secret: string, label: string) => createHmac('sha256', secret).update(label).digest('base64url');
  return {
    signingSecret: derive(signing, 'bygdpuls token signing'),
    codeSecret: derive(codes, 'bygdpuls invitation codes'),
  };
}

/** The secret CloudFront sends the API in a header (originCheck.ts); none off AWS. */
export async function originSecretFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return originSecretOf(readVariables(ApiEnvironment, env));
}

export async function originSecretOf(variables: ApiEnvironment): Promise<string | undefined> {
  return variables.ORIGIN_SECRET_ARN ? readSecret(variables.ORIGIN_SECRET_ARN) : undefined;
}

/** The API Lambda's variables, checked once; throws an EnvironmentError naming any bad one. */
export function apiVariablesFromEnv(env: NodeJS.ProcessEnv = process.env): ApiEnvironment {
  return readVariables(ApiEnvironment, env);
}

/** The API's dependencies; throws an EnvironmentError naming any bad variable. */
export async function apiDepsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<ApiDeps> {
  return apiDepsOf(readVariables(ApiEnvironment, env));
}

export async function apiDepsOf(variables: ApiEnvironment): Promise<ApiDeps> {
  const { store, settleMs } = storeFrom(variables);
  const [secret, codeRoot, adminToken] = await Promise.all([
    // ApiEnvironment holds one of the two.
    variables.SIGNING_SECRET_ARN
      ? readSecret(variables.SIGNING_SECRET_ARN)
      : (variables.BYGDPULS_SIGNING_SECRET ?? variables.BYGDPULS_SECRET!),
    variables.CODE_SECRET_ARN ? readSecret(variables.CODE_SECRET_ARN) : undefined,
    variables.ADMIN_TOKEN_SECRET_ARN ? readSecret(variables.ADMIN_TOKEN_SECRET_ARN) : variables.ADMIN_TOKEN,
  ]);
  const keys = deriveKeys(secret, codeRoot ?? variables.BYGDPULS_SECRET ?? secret);
  return {
    store,
    tokens: createTokenIssuer(keys.signingSecret, {
      staticAdminToken: adminToken || undefined,
      isRevoked: (tokenId) => store.tokens.isRevoked(tokenId),
    }),
    codeSecret: keys.codeSecret,
    now: () => Date.now(),
    shardsPerRound: variables.SHARDS_PER_ROUND,
    settleMs,
    publicUrl: variables.PUBLIC_URL,
    submissionsPerMinutePerAddress: variables.SUBMISSIONS_PER_MINUTE_PER_ADDRESS,
    log: (entry) => console.log(JSON.stringify(entry)),
  };
}
