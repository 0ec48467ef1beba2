// The security headers of bygdpuls in one place: the local server, the API and CloudFront all
// send these.

/**
 * The Content-Security-Policy of API answers: JSON runs nothing; the one HTML answer (/api/docs)
 * has an inline stylesheet and no script.
 */
export const API_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * HSTS everywhere, the local server included: a browser ignores it over plain http (RFC 6797,
 * 8.1), so on http://127.0.0.1 it is harmless, and behind a TLS proxy it is what production sends.
 */
const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers of every API response: nothing cached, sniffed, framed or referred. */
export const API_HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', API_CSP],
  ['Cache-Control', 'no-store'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Strict-Transport-Security', HSTS],
];

/** The Content-Security-Policy of every page: nothing from elsewhere, no inline scripts. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // SurveyJS and Chart.js set style attributes; styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every page, asset and other answer of the local server outside /api (CloudFront sends the same). */
export const PAGE_HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', PAGE_CSP],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Strict-Transport-Security', HSTS],
];
