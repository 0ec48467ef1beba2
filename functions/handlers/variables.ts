// The Lambda environment as a contract: one schema names every variable, the stack builds what
// it sets through foldVariables/apiVariables (so no name can drift), and the handlers read it once
// at cold start with readVariables (so a bad value stops the start, naming the variable). `npm
// start` reads its settings with the same reader (functions/local/start.ts).
// zod only, no AWS SDK: infra/ imports this file.
import * as z from 'zod/mini';
import { text, wholeNumber } from '../core/settings.ts';

export { EnvironmentError, readVariables } from '../core/settings.ts';

/** Longer than the API's timeout (10 s) plus clock skew: no response can land behind the mark. */
export const SETTLE_MS = 60_000;
/**
 * Submissions one client address may send to an open round in a minute (the API's own default is
 * the same: functions/api/guessLimit.ts). 0 turns the bound off.
 */
export const SUBMISSIONS_PER_MINUTE_PER_ADDRESS = 20;
/** What the stack gives every Lambda: stack traces that point into the TypeScript. */
const NODE_OPTIONS = '--enable-source-maps';

const arn = (what: string) => text(`the ARN of ${what} (arn:...)`, /^arn:/);
const url = (what: string) => z.url({ error: `${what} (an http(s) URL)`, protocol: /^https?$/ });

/** What the stack sets on both Lambdas. */
export const FoldVariables = z.object({
  NODE_OPTIONS: z.optional(z.string()),
  TABLE_NAME: text('the name of the DynamoDB table'),
  SETTLE_MS: z._default(wholeNumber('a whole number of milliseconds, such as 60000', 0), SETTLE_MS),
  STAGE: z._default(text('the stage: lower-case letters, digits and dashes, at most 32', /^[a-z0-9-]{1,32}$/), 'dev'),
});

/** What the stack sets on the API Lambda: the fold's, the secrets' ARNs and the site's origin. */
export const ApiVariables = z.extend(FoldVariables, {
  SIGNING_SECRET_ARN: z.optional(arn('the signing secret')),
  /** Keys invitation-code hashes; kept when the signing secret rotates (letters stay valid). */
  CODE_SECRET_ARN: z.optional(arn('the invitation-code secret')),
  /** The header CloudFront sends to the API: requests without it are refused. */
  ORIGIN_SECRET_ARN: z.optional(arn('the CloudFront origin secret')),
  ADMIN_TOKEN_SECRET_ARN: z.optional(arn('the first administrator token')),
  PUBLIC_URL: z.optional(url("the site's own origin")),
  SUBMISSIONS_PER_MINUTE_PER_ADDRESS: z._default(
    wholeNumber('a whole number of submissions a minute per address to an open round, such as 20 (0: no limit)', 0),
    SUBMISSIONS_PER_MINUTE_PER_ADDRESS,
  ),
});

/**
 * Read by the handlers, never set by the stack: AWS_REGION comes from the Lambda runtime; the
 * rest only off AWS (the tests and the bench run the bundles against dynalite, with the secret
 * itself instead of its ARN).
 */
export const OffStackVariables = z.object({
  AWS_REGION: z.optional(z.string()),
  DYNAMODB_ENDPOINT: z.optional(url('the DynamoDB endpoint')),
  BYGDPULS_SECRET: z.optional(text('the secret of the code key (and of the signing key without the next)')),
  BYGDPULS_SIGNING_SECRET: z.optional(text('the secret the token signing key derives from')),
  ADMIN_TOKEN: z.optional(
    z.string().check(z.minLength(32, { error: 'at least 32 characters (a static administrator token)' })),
  ),
  SHARDS_PER_ROUND: z._default(wholeNumber('a whole number of shards, 1 or more, such as 8', 1), 8),
});

export const FoldEnvironment = z.extend(FoldVariables, OffStackVariables.shape);
export type FoldEnvironment = z.output<typeof FoldEnvironment>;

export const ApiEnvironment = z.extend(ApiVariables, OffStackVariables.shape).check(
  z.superRefine((values, context) => {
    if (!values.SIGNING_SECRET_ARN && !values.BYGDPULS_SECRET)
      context.addIssue({
        code: 'custom',
        path: ['SIGNING_SECRET_ARN'],
        message: 'the ARN of the signing secret (arn:...), or BYGDPULS_SECRET, the secret itself, off AWS',
      });
  }),
);
export type ApiEnvironment = z.output<typeof ApiEnvironment>;

/** Every variable of a schema by name, each given (as a string) or left out (undefined). */
type VariablesOf<S extends z.ZodMiniObject> = Record<keyof z.input<S>, string | undefined>;

function defined(variables: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export interface FoldSettings {
  tableName: string;
  settleMs: number;
  stage: string;
}

/** The fold Lambda's environment, as the stack sets it (values may be CDK tokens). */
export function foldVariables(settings: FoldSettings): Record<string, string> {
  const variables: VariablesOf<typeof FoldVariables> = {
    NODE_OPTIONS,
    TABLE_NAME: settings.tableName,
    SETTLE_MS: String(settings.settleMs),
    STAGE: settings.stage,
  };
  return defined(variables);
}

export interface ApiSettings extends FoldSettings {
  signingSecretArn: string;
  /** Without it the signing secret keys the codes too (stacks before the split). */
  codeSecretArn?: string | undefined;
  originSecretArn?: string | undefined;
  adminTokenSecretArn: string;
  /** https://example.org when the site has its own domain. */
  publicUrl?: string | undefined;
  /** Per address and open round; 0 for no limit (default SUBMISSIONS_PER_MINUTE_PER_ADDRESS). */
  submissionsPerMinutePerAddress?: number | undefined;
}

/** The API Lambda's environment, as the stack sets it (values may be CDK tokens). */
export function apiVariables(settings: ApiSettings): Record<string, string> {
  const variables: VariablesOf<typeof ApiVariables> = {
    NODE_OPTIONS,
    TABLE_NAME: settings.tableName,
    SETTLE_MS: String(settings.settleMs),
    STAGE: settings.stage,
    SIGNING_SECRET_ARN: settings.signingSecretArn,
    CODE_SECRET_ARN: settings.codeSecretArn,
    ORIGIN_SECRET_ARN: settings.originSecretArn,
    ADMIN_TOKEN_SECRET_ARN: settings.adminTokenSecretArn,
    PUBLIC_URL: settings.publicUrl,
    SUBMISSIONS_PER_MINUTE_PER_ADDRESS: String(
      settings.submissionsPerMinutePerAddress ?? SUBMISSIONS_PER_MINUTE_PER_ADDRESS,
    ),
  };
  return defined(variables);
}
