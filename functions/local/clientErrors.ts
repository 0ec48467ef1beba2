// Requests the local server cannot even parse (bytes that are not HTTP, an unknown method, a
// Content-Length too big to be a number, headers over Node's limit, CONNECT) never reach the app.
// Node answers those with a bare status line; these answer with the API's error shape and
// headers instead, in Swedish (the default language: an unparsable request cannot ask for another).
import type { Server } from 'node:http';
import type { ServerType } from '@hono/node-server';
import type { Duplex } from 'node:stream';
import { API_HEADERS } from '../api/headers.ts';

const SAY = {
  notHttp: 'Begäran är inte giltig HTTP.',
  headersTooLarge: 'Begärans huvuden är för stora.',
  chunkExtensionsTooLarge: 'Begärans chunk-tillägg är för stora.',
  timeout: 'Begäran kom inte fram i tid.',
  noConnect: 'Metoden CONNECT stöds inte.',
} as const;

/** Every message these answers carry (tests tell them from the app's by these). */
export const UNPARSABLE_MESSAGES: ReadonlySet<string> = new Set(Object.values(SAY));

function errorResponse(status: number, reason: string, body: object): string {
  const json = JSON.stringify(body);
  const headers = [
    ...API_HEADERS.map(([name, value]) => `${name}: ${value}`),
    'Content-Type: application/json; charset=UTF-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Connection: close',
  ];
  return `HTTP/1.1 ${status} ${reason}\r\n${headers.join('\r\n')}\r\n\r\n${json}`;
}

/** Node's own choice of status per parser error (lib/_http_server.js), with our body. */
function responseFor(errorCode: string | undefined): string {
  switch (errorCode) {
    case 'HPE_HEADER_OVERFLOW':
      return errorResponse(431, 'Request Header Fields Too Large', {
        error: 'headers_too_large',
        message: SAY.headersTooLarge,
      });
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return errorResponse(413, 'Payload Too Large', {
        error: 'payload_too_large',
        message: SAY.chunkExtensionsTooLarge,
      });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return errorResponse(408, 'Request Timeout', { error: 'request_timeout', message: SAY.timeout });
    default:
      // The API's shape for a 400: field errors.
      return errorResponse(400, 'Bad Request', { errors: [{ field: 'request', message: SAY.notHttp }] });
  }
}

/** Answers unparsable requests and CONNECT on this server with a JSON error, then closes. */
export function answerUnparsableRequests(httpServer: ServerType): void {
  const server = httpServer as Server;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Only when nothing has been written on the connection yet (as Node's default handler does).
    const written = (socket as Duplex & { bytesWritten?: number }).bytesWritten ?? 0;
    if (error.code !== 'ECONNRESET' && socket.writable && written === 0) endWith(socket, responseFor(error.code));
    else socket.destroy();
  });
  // CONNECT asks for a tunnel, which this server never opens (Node would just drop the socket).
  server.on('connect', (_request, socket: Duplex) =>
    endWith(socket, errorResponse(405, 'Method Not Allowed', { error: 'method_not_allowed', message: SAY.noConnect })),
  );
}

/**
 * Sends the answer and half-closes; the client closes in turn. Destroying at once (as Node does)
 * turns the close into a reset when the client's bytes are unread, which can discard the answer
 * before the client reads it. So the rest of the request is read and dropped, and only a client
 * that never closes is cut off, after a second.
 */
function endWith(socket: Duplex, response: string): void {
  socket.on('data', () => {});
  socket.on('error', () => {});
  socket.end(response);
  const timer = setTimeout(() => socket.destroy(), 1000);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
