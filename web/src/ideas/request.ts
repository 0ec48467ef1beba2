// The idea page's calls to the public API: one try each (an idea has no id of the resident's to
// make a repeat harmless, so the resident decides whether to send again), in the page's language.
import type { Lang } from '../common/lang.ts';

export interface Outcome<T = unknown> {
  /** 0: no answer at all (network failure). */
  status: number;
  body: (T & { error?: string; message?: string; errors?: { field: string; message: string }[] }) | null;
  /** Seconds from Retry-After (a 429), when given. */
  retryAfter: number | null;
}

export async function send<T>(method: 'GET' | 'POST', url: string, lang: Lang, body?: unknown): Promise<Outcome<T>> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers,
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    text = await response.text();
  } catch {
    return { status: 0, body: null, retryAfter: null };
  }
  let json: Outcome<T>['body'] = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  const wait = Number(response.headers.get('retry-after'));
  return { status: response.status, body: json, retryAfter: Number.isFinite(wait) && wait > 0 ? wait : null };
}
