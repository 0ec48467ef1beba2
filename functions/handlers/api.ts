// Lambda entry point of the API: the Hono app behind API Gateway (HTTP API), via hono/aws-lambda.
import { handle } from 'hono/aws-lambda';
import { createApp } from '../api/app.ts';
import { apiDepsFromEnv } from './environment.ts';

// Read once per instance (secrets included), at cold start.
const app = createApp(await apiDepsFromEnv());

export const handler = handle(app);
