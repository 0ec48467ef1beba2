// The OpenAPI document, made from the route table and its zod schemas (one source of truth): the
// request bodies and queries (functions/api/schemas.ts) and every JSON answer (functions/api/contract.ts).
import * as z from 'zod';
import { ANSWERS } from './contract.ts';
import { answerSchemaName, maxBodyBytesOf, sizeInWords, type RouteSpec } from './routeTable.ts';

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

/** A request's schema as a client must send it, an answer's as the API sends it. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

/** The description of each status an operation may answer: its own, then those every route of its kind shares. */
function statusDescriptions(spec: RouteSpec): [string, string][] {
  const own = Object.entries(spec.responses).flatMap(([status, answer]): [string, string][] =>
    answer === undefined ? [] : [[status, typeof answer === 'string' ? answer : answer.description]],
  );
  return Object.entries({
    ...Object.fromEntries(own),
    ...(spec.access.kind === 'public' ? {} : { 401: 'no valid token', 403: 'the token does not allow this' }),
    ...(spec.body
      ? {
          400: typeof spec.responses[400] === 'string' ? spec.responses[400] : 'invalid body',
          413: `body over ${sizeInWords(maxBodyBytesOf(spec))}`,
          415: 'not application/json',
        }
      : {}),
  });
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
    const operations = paths[openApiPath(spec.path)] ?? {};
    paths[openApiPath(spec.path)] = operations;
    operations[spec.method] = {
      summary: spec.summary,
      ...(spec.access.kind === 'public'
        ? { security: [] }
        : { security: [{ bearer: [] }], 'x-roles': roles, 'x-scope': spec.access.kind }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } },
            // The largest body the route takes (larger: 413).
            'x-max-body-bytes': maxBodyBytesOf(spec),
          }
        : {}),
      responses: Object.fromEntries(
        statusDescriptions(spec).map(([status, description]) => {
          const name = answerSchemaName(spec, Number(status));
          const declared = spec.responses[Number(status)];
          const content = name
            ? { 'application/json': { schema: jsonSchema(ANSWERS[name], 'output') } }
            : typeof declared === 'object' && 'mediaType' in declared
              ? { [declared.mediaType]: { schema: { type: 'string', format: 'binary' } } }
              : {};
          return [status, { description, content }];
        }),
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
  const escapeHtml = (text: string) =>
    text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
  const rows: string[] = [];
  for (const [path, methods] of Object.entries(
    document.paths as Record<string, Record<string, { summary: string; 'x-roles'?: string[] }>>,
  )) {
    for (const [method, operation] of Object.entries(methods)) {
      const cells = [
        `<code>${method.toUpperCase()}</code>`,
        `<code>${escapeHtml(path)}</code>`,
        escapeHtml(operation.summary),
        escapeHtml((operation['x-roles'] ?? ['public']).join(', ')),
      ];
      rows.push(`<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>bygdpuls API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}</style></head>
<body><h1>bygdpuls API</h1><p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>. Send tokens as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Who</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}
