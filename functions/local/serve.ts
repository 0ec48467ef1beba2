// The local server's HTTP layer: @hono/node-server on Node's HTTP server, with the API's security
// headers set on Node's own response object before the app runs (createApp's headersFromServer).
// A plain setHeader costs next to nothing, where the same headers set through Hono take a web
// Headers object per answer; whatever the app sets itself still wins. They go on every answer,
// whatever the request target looks like (an encoded /%61pi/ or an absolute URL reaches the API
// too): the pages replace them with their own (functions/local/web.ts). Connections are held only
// as long as an honest client needs: a request must arrive whole within a time limit, an idle
// keep-alive connection is closed soon, and one address may hold only so many at once.
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createApp } from '../api/app.ts';
import { API_HEADERS } from '../api/headers.ts';
import type { ApiDeps } from '../api/routeTable.ts';
import { portError } from './port.ts';
import { mountWeb } from './web.ts';

export interface ConnectionLimits {
  /** The whole request, headers and body, must have arrived within this (Node's default: 300 s). */
  requestTimeoutMs: number;
  /** The headers must have arrived within this from the connection's start or the last request (Node: 60 s). */
  headersTimeoutMs: number;
  /** A keep-alive connection with no request under way is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections open at once, from everyone; more are closed as they come. */
  maxConnections: number;
  /** Connections open at once from one address; more are closed as they come. */
  maxConnectionsPerAddress: number;
}

/**
 * Enough for a resident on a slow phone line (a submission is a few kB) and for a village hall
 * where every phone shares one address (a browser opens up to 6 connections per host), not enough
 * for one client to hold the server's connections with bodies that never end.
 */
export const CONNECTION_LIMITS: ConnectionLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_024,
  maxConnectionsPerAddress: 64,
};

export interface ServeOptions {
  port: number;
  hostname: string;
  /** Shorter limits for tests; CONNECTION_LIMITS otherwise. */
  limits?: Partial<ConnectionLimits> | undefined;
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
  const app = createApp(deps, { compress: compress({ encoding: 'gzip' }), headersFromServer: true });
  mountWeb(app, webDir);
  return app;
}

/** Closes a connection as it comes when its address already holds `max` (counted until each closes). */
function capConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** Node's HTTP server with the limits: its timeouts are checked often enough to be kept. */
function limitedServer(limits: ConnectionLimits) {
  return (serverOptions: ServerOptions, listener: (request: IncomingMessage, response: ServerResponse) => void) => {
    const server = createServer(
      {
        ...serverOptions,
        requestTimeout: limits.requestTimeoutMs,
        headersTimeout: limits.headersTimeoutMs,
        // Node checks both timeouts every 30 s by default: a 20 s limit would hold for up to 50 s.
        connectionsCheckingInterval: Math.min(1_000, Math.ceil(limits.headersTimeoutMs / 4)),
      },
      withApiHeaders(listener),
    );
    server.keepAliveTimeout = limits.keepAliveTimeoutMs;
    server.maxConnections = limits.maxConnections;
    capConnectionsPerAddress(server, limits.maxConnectionsPerAddress);
    return server;
  };
}

/**
 * Serves `app` (made with headersFromServer) on port and hostname; resolves once it listens,
 * rejects with a PortUnavailableError when it cannot (the port taken since it was checked).
 */
export function serveApp(app: Hono, options: ServeOptions): Promise<ServerType> {
  const limits = { ...CONNECTION_LIMITS, ...options.limits };
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => reject(portError(error, options.port, options.hostname));
    const server: ServerType = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.hostname,
        createServer: limitedServer(limits) as typeof createServer,
      },
      () => {
        server.off('error', refused);
        resolve(server);
      },
    );
    server.once('error', refused);
  });
}
