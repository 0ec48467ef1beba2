// The API tests' API with the contract check on (AppOptions.checkResponses): every JSON answer a
// route gives must fit the schema it declares, or the call answers 500 and the test fails.
import { createApp } from '../../functions/api/app.ts';
import type { ApiDeps } from '../../functions/api/routeTable.ts';
import { jsonOrNull } from '../support/json.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

export async function startCheckedApi(overrides: Partial<ApiDeps> = {}): Promise<TestApi> {
  const api = await startTestApi(overrides);
  const app = createApp(api.deps, { checkResponses: true });
  return {
    ...api,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const token = options.token === undefined ? api.adminToken : options.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      return { status: response.status, json: jsonOrNull(text), text, headers: response.headers };
    },
  };
}
