// On AWS the API answers only requests that came through CloudFront: the execute-api endpoint,
// called directly, lacks the secret header CloudFront adds (infra/constructs/web.ts).
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ORIGIN_HEADER, requireOriginHeader } from '../../functions/handlers/originCheck.ts';

const secret = 'o'.repeat(48); // not a real secret: what the stack would generate
const api = () => {
  const app = new Hono();
  app.get('/api/health', (c) => c.json({ ok: true }));
  return app;
};

describe('the origin header', () => {
  it('refuses a request without it, or with another value, with 403', async () => {
    const app = requireOriginHeader(api(), secret);
    expect((await app.request('/api/health')).status).toBe(403);
    const wrong = await app.request('/api/health', { headers: { [ORIGIN_HEADER]: 'x'.repeat(48) } });
    expect(wrong.status).toBe(403);
    expect((await app.request('/api/health', { headers: { [ORIGIN_HEADER]: 'short' } })).status).toBe(403);
  });

  it('lets a request through CloudFront (with the header) reach the API', async () => {
    const app = requireOriginHeader(api(), secret);
    const answer = await app.request('/api/health', { headers: { [ORIGIN_HEADER]: secret } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
  });

  it('is not required off AWS (no secret configured)', async () => {
    expect((await requireOriginHeader(api(), undefined).request('/api/health')).status).toBe(200);
  });
});
