// Lambda entry point of the API: the Hono app behind API Gateway (HTTP API), via hono/aws-lambda.
import { handle } from 'hono/aws-lambda';
import { createApp } from '../api/app.ts';
import { apiDepsOf, apiVariablesFromEnv, originSecretOf } from './environment.ts';
import { requireOriginHeader } from './originCheck.ts';

// Read once per instance (secrets included), at cold start.
const variables = apiVariablesFromEnv();
const [deps, originSecret] = await Promise.all([apiDepsOf(variables), originSecretOf(variables)]);
const app = requireOriginHeader(createApp(deps), originSecret);

export const handler = handle(app);
