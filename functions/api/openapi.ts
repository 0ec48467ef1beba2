// The OpenAPI document, made from the route table and its zod schemas (one source of truth).
import * as z from 'zod';
import type { RouteSpec } from './routeTable.ts';

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

export function openApiDocument(routes: readonly RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const parameters: unknown[] = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (spec.query) {
      const schema = jsonSchema(spec.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property });
      }
    }
    const roles = spec.access.kind === 'public' ? [] : spec.access.roles;
    (paths[openApiPath(spec.path)] ??= {})[spec.method] = {
      summary: spec.summary,
      ...(spec.access.kind === 'public'
        ? { security: [] }
        : { security: [{ bearer: [] }], 'x-roles': roles, 'x-scope': spec.access.kind }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } } }
        : {}),
      responses: Object.fromEntries(
        Object.entries({
          ...spec.responses,
          ...(spec.access.kind === 'public' ? {} : { 401: 'no valid token', 403: 'the token does not allow this' }),
          ...(spec.body
            ? { 400: spec.responses[400] ?? 'invalid body', 413: 'body over 64 KB', 415: 'not application/json' }
            : {}),
        }).map(([status, description]) => [status, { description }]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'bygdpuls API',
      version: '1',
      description: 'Surveys and indicators for local development projects.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

/** A self-contained page listing the routes (no third-party scripts or styles). */
export function docsPage(document: Record<string, unknown>): string {
  const escape = (text: string) =>
    text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
  const rows: string[] = [];
  for (const [path, methods] of Object.entries(
    document.paths as Record<string, Record<string, { summary: string; 'x-roles'?: string[] }>>,
  )) {
    for (const [method, operation] of Object.entries(methods)) {
      rows.push(
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(operation.summary)}</td><td>${escape((operation['x-roles'] ?? ['public']).join(', '))}</td></tr>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>bygdpuls API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}</style></head>
<body><h1>bygdpuls API</h1><p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>. Send tokens as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Who</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}
