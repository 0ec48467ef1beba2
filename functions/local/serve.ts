// The local server's HTTP layer: @hono/node-server on Node's HTTP server, with the API's security
// headers set on Node's own response object before the app runs (createApp's headersFromServer).
// A plain setHeader costs next to nothing, where the same headers set through Hono take a web
// Headers object per answer; whatever the app sets itself still wins. They go on every answer,
// whatever the request target looks like (an encoded /%61pi/ or an absolute URL reaches the API
// too): the pages replace them with their own (functions/local/web.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from '../api/app.ts';
import { API_HEADERS } from '../api/headers.ts';
import type { ApiDeps } from '../api/routeTable.ts';
import { portError } from './port.ts';
import { mountWeb } from './web.ts';

export interface ServeOptions {
  port: number;
  hostname: string;
}

function withApiHeaders(listener: (request: IncomingMessage, response: ServerResponse) => void) {
  return (request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of API_HEADERS) response.setHeader(name, value);
    listener(request, response);
  };
}

/**
 * The local server's app, as `npm start` serves it and the bench measures it: the API (gzip for
 * reads, security headers from serveApp) and the web pages from `webDir`.
 */
export function createLocalApp(deps: ApiDeps, webDir: string): Hono {
  const app = createApp(deps, { compress: true, headersFromServer: true });
  mountWeb(app, webDir);
  return app;
}

/**
 * Serves `app` (made with headersFromServer) on port and hostname; resolves once it listens,
 * rejects with a PortUnavailableError when it cannot (the port taken since it was checked).
 */
export function serveApp(app: Hono, options: ServeOptions): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => reject(portError(error, options.port, options.hostname));
    const server: ServerType = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.hostname,
        createServer: ((
          serverOptions: object,
          listener: (request: IncomingMessage, response: ServerResponse) => void,
        ) => createServer(serverOptions, withApiHeaders(listener))) as typeof createServer,
      },
      () => {
        server.off('error', refused);
        resolve(server);
      },
    );
    server.once('error', refused);
  });
}
