// The Lambda environment as a contract (functions/handlers/variables.ts): what the handlers accept
// at cold start, and what they refuse, naming the variable and what it should hold.
import { describe, expect, it } from 'vitest';
import {
  ApiEnvironment,
  apiVariables,
  EnvironmentError,
  FoldEnvironment,
  foldVariables,
  readVariables,
  SETTLE_MS,
} from '../../functions/handlers/variables.ts';

const fold = { TABLE_NAME: 'bygdpuls-test', SETTLE_MS: '60000', STAGE: 'test' };

describe('the Lambda environment', () => {
  it('reads numbers as numbers, and the settle window and stage have their defaults', () => {
    expect(readVariables(FoldEnvironment, fold)).toMatchObject({ SETTLE_MS: 60_000, STAGE: 'test' });
    expect(readVariables(FoldEnvironment, { TABLE_NAME: 't' })).toMatchObject({ SETTLE_MS, STAGE: 'dev' });
    expect(readVariables(ApiEnvironment, { ...fold, BYGDPULS_SECRET: 's', SHARDS_PER_ROUND: '4' })).toMatchObject({
      SHARDS_PER_ROUND: 4,
    });
  });

  it('refuses a bad SETTLE_MS, naming it and what it should be, instead of a silent NaN', () => {
    for (const bad of ['soon', '-1', '1.5', '60 s']) {
      expect(() => readVariables(FoldEnvironment, { ...fold, SETTLE_MS: bad })).toThrow(
        new EnvironmentError(
          `the Lambda environment: SETTLE_MS is ${JSON.stringify(bad)}; expected a whole number of milliseconds, such as 60000`,
        ),
      );
    }
  });

  it('names every missing or bad variable at once', () => {
    expect(() => readVariables(ApiEnvironment, { STAGE: 'Not A Stage', PUBLIC_URL: 'enkat.example.se' })).toThrow(
      /TABLE_NAME is not set; expected the name of the DynamoDB table; STAGE is "Not A Stage"; expected the stage.*PUBLIC_URL is "enkat.example.se"; expected the site's own origin/,
    );
  });

  it('wants the signing secret: by ARN on AWS, or the secret itself off AWS', () => {
    expect(() => readVariables(ApiEnvironment, fold)).toThrow(/SIGNING_SECRET_ARN is not set/);
    expect(readVariables(ApiEnvironment, { ...fold, SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:x' })).toBeTruthy();
    expect(() => readVariables(ApiEnvironment, { ...fold, SIGNING_SECRET_ARN: 'signing' })).toThrow(
      /SIGNING_SECRET_ARN is "signing"; expected the ARN of the signing secret/,
    );
  });

  it('accepts what the stack sets, built by the same module', () => {
    const settings = {
      tableName: 't',
      settleMs: SETTLE_MS,
      stage: 'prod',
      signingSecretArn: 'arn:a',
      adminTokenSecretArn: 'arn:b',
    };
    expect(readVariables(FoldEnvironment, foldVariables(settings))).toMatchObject({ TABLE_NAME: 't', SETTLE_MS });
    const api = apiVariables({ ...settings, publicUrl: 'https://enkat.example.se' });
    expect(readVariables(ApiEnvironment, api)).toMatchObject({ PUBLIC_URL: 'https://enkat.example.se' });
    expect(Object.keys(apiVariables(settings))).not.toContain('PUBLIC_URL');
  });
});
