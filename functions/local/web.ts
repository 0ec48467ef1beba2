// Serves the front end on the local server: the pages by their paths, the built bundles and
// stylesheets under /assets, gzip for what compresses, and the headers a browser should enforce.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { PAGE_HEADERS } from '../api/headers.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/**
 * The admin page's chunks carry a hash of their content in their names (web/build.ts), so a name
 * always means the same file: cached for good. Pages and the page bundles keep their names from
 * build to build and are revalidated every time.
 */
const HASHED = /^[\w-]+-[A-Z0-9]{8}\.js$/;

export function mountWeb(app: Hono, webDir: string): void {
  // Pages, assets, redirects and 404s outside /api alike (the API sets its own).
  // Not async: every API request passes here too, and an async layer costs each one a promise.
  app.use('*', (c, next) => {
    if (!c.req.path.startsWith('/api/')) for (const [name, value] of PAGE_HEADERS) c.header(name, value);
    return next();
  });
  const dist = path.join(webDir, 'dist');
  const styles = path.join(webDir, 'styles');
  const page = (name: string) => (c: Context) => {
    const file = path.join(webDir, `${name}.html`);
    c.header('Cache-Control', 'no-cache');
    return c.body(readFileSync(file, 'utf8'), 200, { 'Content-Type': TYPES['.html']! });
  };

  app.use('/assets/*', compress({ encoding: 'gzip' }));
  app.get('/assets/:file', (c) => {
    const name = c.req.param('file');
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return c.notFound();
    const file = [path.join(dist, name), path.join(styles, name)].find((candidate) => existsSync(candidate));
    const type = TYPES[path.extname(name)];
    if (!file || !type) return c.notFound();
    c.header('Cache-Control', HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(readFileSync(file), 200, { 'Content-Type': type });
  });
  app.get('/', (c) => c.redirect('/admin'));
  app.get('/s/:roundId', page('survey'));
  app.get('/i/:projectId', page('ideas'));
  app.get('/i/:projectId/board', page('ideas'));
  app.get('/admin', page('admin'));
  app.get('/dashboard/:projectId', page('dashboard'));
  app.get('/report/:projectId', page('dashboard'));
  app.get('/funder-report/:reportId', page('funder-report'));
}
