// The API's answer when the database fails for a while (throttling, timeouts, 5xx after the SDK's
// own retries): 503 with Retry-After and a message the caller can act on, never a bare 500. What
// the request wrote is then either not stored or stored once: sending it again is safe.
import type { Language } from '../core/language.ts';
import { isPassingStoreFailure } from '../store/errors.ts';

/**
 * The client stopped sending its body (closed or reset the connection while it was being read).
 * Classified before the store check: its socket error (ECONNRESET) is no outage of the database,
 * and logging it as store_unavailable raised false alarms. Logged as client_aborted.
 */
export class ClientAbortedError extends Error {
  override readonly name = 'ClientAbortedError';
  constructor(options?: { cause?: unknown }) {
    super('the client stopped sending the request body', options);
  }
}

/** Seconds a client should wait before sending the request again. */
export const RETRY_AFTER_SECONDS = 1;

const MESSAGES = {
  sv: 'Databasen svarar inte just nu. Försök igen om en liten stund – det som redan har kommit fram sparas bara en gång.',
  en: 'The database is not answering just now. Try again in a moment – whatever already arrived is stored only once.',
} as const;

export interface StoreUnavailableAnswer {
  status: 503;
  retryAfter: string;
  body: { error: 'store_unavailable'; message: string };
}

/** The 503 for a passing store failure, or null for any other error (a bug: a 500 and a log line). */
export function storeUnavailableAnswer(error: unknown, lang: Language): StoreUnavailableAnswer | null {
  if (!isPassingStoreFailure(error)) return null;
  return {
    status: 503,
    retryAfter: String(RETRY_AFTER_SECONDS),
    body: { error: 'store_unavailable', message: MESSAGES[lang] },
  };
}
