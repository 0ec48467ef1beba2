// Calls to the bygdpuls API from the pages: JSON in and out, the bearer token when signed in.
import type { ErrorAnswer, ValidationErrorAnswer } from '../../../functions/api/contract.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    /** The API's error shape: `{error, message}`, or `{errors}` for a 400. */
    readonly body: Partial<ErrorAnswer & ValidationErrorAnswer> | null,
  ) {
    super(body?.message ?? body?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') ?? `HTTP ${status}`);
  }
}

export async function api<T>(
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; lang?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.lang) headers['accept-language'] = options.lang;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) throw new ApiError(response.status, json as ApiError['body']);
  return json as T;
}
