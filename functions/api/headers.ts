// The security headers of bygdpuls in one place: the local server, the API and CloudFront all
// send these.

/** Headers of every API response: nothing cached, sniffed, framed or referred. */
export const API_HEADERS: readonly (readonly [string, string])[] = [
  ['Cache-Control', 'no-store'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
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
