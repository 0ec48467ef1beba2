// Only requests that came through CloudFront reach the API on AWS: CloudFront adds a secret header
// to every request it sends to the API's origin (infra/constructs/web.ts), and the Lambda refuses
// any request without it, so the execute-api endpoint cannot be used to bypass CloudFront (its
// logs, its HTTPS-only rule, and whatever is later attached to the distribution).
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';

/** The header CloudFront sets on requests to the API origin. */
export const ORIGIN_HEADER = 'x-bygdpuls-origin';

/** The app behind a check of the origin header; without a secret (off AWS), the app itself. */
export function requireOriginHeader(app: Hono, secret: string | undefined): Hono {
  if (!secret) return app;
  const expected = Buffer.from(secret);
  const outer = new Hono();
  outer.use('*', async (c, next) => {
    const given = Buffer.from(c.req.header(ORIGIN_HEADER) ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return c.json({ error: 'forbidden', message: 'use the site address, not the API endpoint' }, 403);
    return next();
  });
  outer.route('/', app);
  return outer;
}
