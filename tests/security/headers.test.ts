// The security headers a browser enforces, on everything the local server answers (pages,
// assets, redirects, 404s, API answers and API errors) and on everything CloudFront answers (the
// response headers policy of the synthesized stack, on the site's and the API's behaviour).
//
// Decided: the local server sends HSTS as well. Over plain http a browser ignores it (RFC 6797,
// 8.1), so on http://127.0.0.1 it changes nothing; behind a TLS proxy it is what production sends.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../functions/local/start.ts';
import { createApp as createCdkApp } from '../../infra/app.ts';
import { ADMIN_TOKEN, root, startServer } from '../browser/harness.ts';

/** The directives of a Content-Security-Policy, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** What every answer must carry; `where` names the answer in failure messages. */
function expectSecurityHeaders(headers: Headers, where: string): void {
  const csp = headers.get('content-security-policy');
  expect(csp, `${where}: Content-Security-Policy`).toBeTruthy();
  const policy = directives(csp!);
  // Scripts fall back to default-src when there is no script-src.
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  expect(scripts, `${where}: script-src or default-src`).toBeDefined();
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'http:', 'https:']) {
    expect(scripts, `${where}: scripts from ${unsafe}`).not.toContain(unsafe);
  }
  expect(policy.get('frame-ancestors'), `${where}: frame-ancestors`).toEqual(["'none'"]);
  expect(policy.get('object-src') ?? policy.get('default-src'), `${where}: object-src`).toEqual(["'none'"]);
  const hsts = headers.get('strict-transport-security') ?? '';
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1]), `${where}: HSTS max-age`).toBeGreaterThanOrEqual(31_536_000);
  expect(hsts, `${where}: HSTS includeSubDomains`).toMatch(/includeSubDomains/i);
  expect(headers.get('x-content-type-options'), `${where}: nosniff`).toBe('nosniff');
  expect(headers.get('referrer-policy'), `${where}: Referrer-Policy`).toBe('no-referrer');
  expect(headers.get('x-frame-options'), `${where}: X-Frame-Options`).toBe('DENY');
}

describe('the local server', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer({ demo: false });
  }, 120_000);
  afterAll(async () => server?.close());

  const fetchPlain = (pathname: string, init: RequestInit = {}) =>
    fetch(`${server.url}${pathname}`, { redirect: 'manual', ...init });

  it('sends them with every page, redirect and 404 outside the API', async () => {
    for (const pathname of [
      '/s/some-round',
      '/admin',
      '/dashboard/some-project',
      '/report/some-project',
      '/',
      '/no-such-page',
      '/assets/no-such-file.js',
    ]) {
      const response = await fetchPlain(pathname);
      expect(response.status, pathname).toBeLessThan(500);
      expectSecurityHeaders(response.headers, pathname);
    }
  });

  it('sends them with every asset', async () => {
    const assets = [...readdirSync(path.join(root, 'web/dist')), ...readdirSync(path.join(root, 'web/styles'))].filter(
      (name) => /\.(js|css)$/.test(name),
    );
    expect(assets.length).toBeGreaterThan(3);
    for (const name of assets) {
      const response = await fetchPlain(`/assets/${name}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status, name).toBe(200);
      expectSecurityHeaders(response.headers, `/assets/${name}`);
    }
  });

  it('sends them with API answers and API errors alike', async () => {
    const calls: [string, RequestInit, number][] = [
      ['/api/health', {}, 200],
      ['/api/docs', {}, 200],
      ['/api/openapi.json', {}, 200],
      ['/api/projects', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }, 200],
      ['/api/projects', {}, 401],
      ['/api/public/rounds/no-such-round', {}, 404],
      [
        '/api/public/rounds/no-such-round/responses',
        { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' },
        415,
      ],
      [
        '/api/projects',
        {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: '{',
        },
        400,
      ],
      [
        '/api/projects',
        {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/plain' },
          body: '{}',
        },
        415,
      ],
      ['/api/no-such-route', {}, 404],
    ];
    for (const [pathname, init, status] of calls) {
      const response = await fetchPlain(pathname, init);
      expect(response.status, pathname).toBe(status);
      expectSecurityHeaders(response.headers, `${init.method ?? 'GET'} ${pathname} (${status})`);
      expect(response.headers.get('cache-control'), pathname).toBe('no-store');
    }
  });

  it('serves pages that need nothing the policy forbids: no inline script, no inline event handler', async () => {
    for (const name of ['survey', 'admin', 'dashboard']) {
      const html = readFileSync(path.join(root, `web/${name}.html`), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, name).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes, `${name}: a script with a src`).toMatch(/\bsrc=/);
        expect(body!.trim(), `${name}: an inline script`).toBe('');
      }
      expect(html, `${name}: an inline event handler`).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, `${name}: a javascript: URL`).not.toMatch(/javascript:/i);
    }
  });
});

describe('CloudFront', () => {
  let template: Template;
  beforeAll(async () => {
    const { app } = await createCdkApp(new App({ context: { stage: 'headers' } }), { buildWeb: false });
    template = Template.fromStack(app.node.findChild('bygdpuls-headers') as Stack);
  }, 120_000);

  it("sends the pages' security headers, overriding any origin, on the site, and leaves the API's own on /api/*", () => {
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const [policyId, policy] =
      Object.entries(policies).find(
        ([, resource]) => resource.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig,
      ) ?? [];
    expect(policyId).toBeTruthy();
    const security = policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const headers = new Headers({
      'content-security-policy': security.ContentSecurityPolicy.ContentSecurityPolicy,
      'strict-transport-security': `max-age=${security.StrictTransportSecurity.AccessControlMaxAgeSec}${security.StrictTransportSecurity.IncludeSubdomains ? '; includeSubDomains' : ''}`,
      'x-content-type-options': security.ContentTypeOptions ? 'nosniff' : '',
      'referrer-policy': security.ReferrerPolicy.ReferrerPolicy,
      'x-frame-options': security.FrameOptions.FrameOption,
    });
    expectSecurityHeaders(headers, 'CloudFront');
    for (const header of [
      'ContentSecurityPolicy',
      'StrictTransportSecurity',
      'ContentTypeOptions',
      'ReferrerPolicy',
      'FrameOptions',
    ]) {
      expect(security[header].Override, `${header} overrides the origin's`).toBe(true);
    }

    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = distribution!.Properties.DistributionConfig;
    const behaviours = [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])];
    expect(behaviours.map((b: { PathPattern?: string }) => b.PathPattern ?? '*')).toContain('/api/*');
    for (const behaviour of behaviours) {
      // The API sets its own, stricter headers (API_HEADERS, checked above on the local server).
      const expected = behaviour.PathPattern === '/api/*' ? undefined : { Ref: policyId };
      expect(behaviour.ResponseHeadersPolicyId, behaviour.PathPattern ?? 'default').toEqual(expected);
      expect(behaviour.ViewerProtocolPolicy, behaviour.PathPattern ?? 'default').toMatch(
        /^(redirect-to-https|https-only)$/,
      );
    }
  });
});
