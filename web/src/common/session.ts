// The signed-in token of the admin pages and the dashboard. A printed or shared link carries a
// one-time sign-in code (#signin=...), which the page exchanges for a short-lived token
// (POST /api/public/signin); an older link may carry the token itself (#token=...). Either is wiped
// from the address bar before anything else happens (history.replaceState, so no history entry
// keeps it, and the code is spent besides), and the token is kept in sessionStorage (this tab).
import type { SignedIn } from '../../../functions/api/contract.ts';

const KEY = 'bygdpuls.token';

export interface FromAddress {
  token: string | null;
  signInCode: string | null;
}

/** Takes #token= or #signin= from the address and wipes it at once: call before anything else. */
export function takeFromAddress(): FromAddress {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  const signInCode = params.get('signin');
  if (token === null && signInCode === null) return { token: null, signInCode: null };
  params.delete('token');
  params.delete('signin');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  if (token) sessionStorage.setItem(KEY, token);
  return { token: token || null, signInCode: signInCode || null };
}

/** The token kept for this tab, if any. */
export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

/**
 * Exchanges a one-time sign-in code for a token and keeps it; null when the code is spent,
 * expired or unknown (the API answers 401), or the network fails.
 */
export async function exchangeSignInCode(code: string): Promise<string | null> {
  try {
    const response = await fetch('/api/public/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
    });
    if (!response.ok) return null;
    const { token } = (await response.json()) as SignedIn;
    sessionStorage.setItem(KEY, token);
    return token;
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}
