// The admin pages' session: the token, API calls with it, and what a 401 or 403 means here.
import { api, ApiError } from '../common/api.ts';
import {
  exchangeSignInCode,
  setToken,
  signOut as forgetToken,
  storedToken,
  takeFromAddress,
} from '../common/session.ts';
import { getLang, tx } from './i18n.ts';

let token: string | null = null;
let onSignedOut: (message: string) => void = () => {};

/**
 * Takes the token (or one-time sign-in code) from the address, wiping it at once, then exchanges a
 * code for a token. Resolves to a message for the sign-in form when a code did not work.
 */
export async function initSession(signedOut: (message: string) => void): Promise<string | null> {
  const fromAddress = takeFromAddress(); // synchronously, before anything else reads the address
  onSignedOut = signedOut;
  token = fromAddress.token ?? storedToken();
  if (!fromAddress.signInCode) return null;
  const exchanged = await exchangeSignInCode(fromAddress.signInCode);
  if (exchanged) token = exchanged;
  return exchanged ? null : tx().signInLinkSpent;
}

export function currentToken(): string | null {
  return token;
}

export function signIn(newToken: string): void {
  token = newToken;
  setToken(newToken);
}

export function signOut(): void {
  token = null;
  forgetToken();
}

/** Thrown after a 401 has been handled (the page is back at the sign-in form). */
export class SignedOutError extends Error {
  override readonly name = 'SignedOutError';
}

/** An API call with the session's token; a 401 signs out and shows the sign-in form. */
export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  try {
    return await api<T>(method, path, { token, lang: getLang(), ...(body === undefined ? {} : { body }) });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut();
      onSignedOut(tx().sessionExpired);
      throw new SignedOutError('signed out');
    }
    throw error;
  }
}

/** A message for a failed call, in the page's language (field errors are shown at the fields). */
export function describeError(error: unknown): string {
  const t = tx();
  if (error instanceof ApiError) {
    if (error.status === 401) return t.sessionExpired;
    if (error.status === 403) return t.forbidden;
    if (error.status === 404) return t.notFound;
    if (error.status === 409) return t.conflict(error.body?.message ?? '');
    if (error.status === 400)
      return (
        error.body?.errors?.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join(' ') ?? error.message
      );
    if (error.status >= 500) return t.serverError(error.status);
    return error.body?.message ?? error.message;
  }
  if (error instanceof TypeError) return t.networkError;
  return error instanceof Error ? error.message : String(error);
}
