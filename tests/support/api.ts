// The API on a real dynalite, called in-process through Hono's request(): what the API tests use.
import type { Hono } from 'hono';
import { type AppOptions, createApp } from '../../functions/api/app.ts';
import { createTokenIssuer } from '../../functions/api/auth.ts';
import type { ApiDeps } from '../../functions/api/routeTable.ts';
import { startTestStore } from './dynamo.ts';
import { jsonOrNull } from './json.ts';

export const TEST_SECRET = 'test-signing-secret-that-is-long-enough-0123456789';

export interface TestApi {
  deps: ApiDeps;
  /** The app itself (what createDemoProject drives). */
  app: Hono;
  adminToken: string;
  call(
    method: string,
    path: string,
    options?: {
      token?: string | null;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
      /** The client's address, as the Node server passes it (none: an in-process call, never rate-limited). */
      from?: string;
    },
  ): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestApi(overrides: Partial<ApiDeps> = {}, appOptions: AppOptions = {}): Promise<TestApi> {
  const { store, close } = await startTestStore();
  const tokens = createTokenIssuer(TEST_SECRET, { isRevoked: (tokenId) => store.tokens.isRevoked(tokenId) });
  const logs: Record<string, unknown>[] = [];
  const deps: ApiDeps = {
    store,
    tokens,
    codeSecret: 'test-code-secret',
    now: () => Date.now(),
    shardsPerRound: 3,
    settleMs: 0,
    submissionsPerMinutePerAddress: 0,
    publicUrl: 'http://bygdpuls.test',
    log: (entry) => logs.push(entry),
    ...overrides,
  };
  const app = createApp(deps, appOptions);
  const adminToken = await tokens.issue('admin', '*');
  return {
    deps,
    app,
    adminToken,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const token = options.token === undefined ? adminToken : options.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const env = options.from === undefined ? undefined : { incoming: { socket: { remoteAddress: options.from } } };
      const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) }, env);
      const text = await response.text();
      const json = jsonOrNull(text);
      return { status: response.status, json, text, headers: response.headers };
    },
    close,
  };
}

/**
 * The API with the contract check on (AppOptions.checkResponses): every JSON answer a route gives
 * must fit the schema it declares, or the call answers 500 and the test fails.
 */
export function startCheckedApi(overrides: Partial<ApiDeps> = {}): Promise<TestApi> {
  return startTestApi(overrides, { checkResponses: true });
}
