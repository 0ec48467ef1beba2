// A deliberately primitive HTTP/1.1 client over a TCP socket: it sends exactly the bytes it is
// given (invalid UTF-8 in the path, lying Content-Length, chunked bodies, odd methods), which
// fetch and node:http would refuse or clean up, and reads back one response.
import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { jsonOrNull } from '../support/json.ts';

export interface RawRequest {
  method: string;
  /** The request target as bytes (a string is sent as latin1: one byte per character). */
  target: Buffer | string;
  headers?: readonly (readonly [string, string | Buffer])[];
  /** Sent as is, after the head; no Content-Length is added unless `contentLength` says so. */
  body?: Buffer;
  /** Adds `Content-Length: <body length>` (or this value, when it is a string: it may lie). */
  contentLength?: boolean | string;
  /** Sent with Transfer-Encoding: chunked, one chunk per buffer. */
  chunks?: readonly Buffer[];
  /** Leaves out the last (empty) chunk that ends a chunked body. */
  unterminated?: boolean;
  /** Ends the sending side after the request: the server sees the end of a body cut short. */
  halfClose?: boolean;
}

export interface RawResponse {
  /** 0 when the server closed the connection without an HTTP answer. */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
  json: any;
}

const CRLF = Buffer.from('\r\n');

function requestBytes(request: RawRequest, host: string): Buffer {
  const lines: Buffer[] = [
    Buffer.from(`${request.method} `, 'latin1'),
    Buffer.isBuffer(request.target) ? request.target : Buffer.from(request.target, 'latin1'),
    Buffer.from(' HTTP/1.1\r\n', 'latin1'),
  ];
  const header = (name: string, value: string | Buffer) =>
    lines.push(Buffer.from(`${name}: `, 'latin1'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1'), CRLF);
  header('Host', host);
  header('Connection', 'close');
  for (const [name, value] of request.headers ?? []) header(name, value);
  if (request.chunks) header('Transfer-Encoding', 'chunked');
  else if (request.contentLength !== undefined && request.contentLength !== false) {
    header(
      'Content-Length',
      typeof request.contentLength === 'string' ? request.contentLength : String(request.body?.length ?? 0),
    );
  }
  lines.push(CRLF);
  if (request.chunks) {
    for (const chunk of request.chunks)
      if (chunk.length > 0) lines.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, CRLF);
    if (!request.unterminated) lines.push(Buffer.from('0\r\n\r\n'));
  } else if (request.body) lines.push(request.body);
  return Buffer.concat(lines);
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', i);
    if (lineEnd === -1) break;
    const size = parseInt(body.toString('latin1', i, lineEnd), 16);
    if (!(size > 0)) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    i = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function parseResponse(raw: Buffer): RawResponse {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd === -1) return { status: 0, headers: {}, body: raw, text: raw.toString('latin1'), json: null };
  const [statusLine, ...headerLines] = raw.toString('latin1', 0, headEnd).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(headEnd + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  else if (headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']));
  if (headers['content-encoding'] === 'gzip' && body.length > 0) body = gunzipSync(body);
  const text = body.toString('utf8');
  return { status, headers, body, text, json: jsonOrNull(text) };
}

/**
 * Sends one request on a new connection (Connection: close) and reads the answer until the
 * server closes. Rejects when no answer comes within `timeoutMs`: a hang is a failure too.
 */
export function sendRaw(host: string, port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const received: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${request.method} ${String(request.target).slice(0, 80)}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    // The server may answer (413, 400) and close before it has read everything we send.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseResponse(Buffer.concat(received)));
    });
    socket.write(requestBytes(request, `${host}:${port}`));
    if (request.halfClose) socket.end();
  });
}
