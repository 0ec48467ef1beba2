// Slow and greedy clients cannot hold the local server's connections: a body that trickles in is
// cut off at the request time limit, a connection that sends nothing at the headers' limit, and
// one address holds only so many connections at once. Raw sockets, so that nothing is cleaned up.
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTION_LIMITS, type ConnectionLimits, serveApp } from '../../functions/local/serve.ts';

const servers: ServerType[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    (server as Server).closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A server like the local one (serveApp), on a free port, with these limits. */
async function serve(limits: Partial<ConnectionLimits> = {}): Promise<number> {
  const app = new Hono();
  app.get('/ok', (c) => c.text('ok'));
  app.post('/echo', async (c) => c.text(await c.req.text()));
  app.onError((_error, c) => c.text('cut off', 400)); // the body the server cut off
  const server = await serveApp(app, { port: 0, hostname: '127.0.0.1', limits });
  servers.push(server);
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

interface Watched {
  socket: Socket;
  received: () => string;
  /** Resolves with the milliseconds from opening to the server's close, or null after `withinMs`. */
  closedWithin: (withinMs: number) => Promise<number | null>;
}

async function open(port: number): Promise<Watched> {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  let closedAt: number | null = null;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  void closed.then(() => (closedAt = Date.now()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    received: () => received,
    async closedWithin(withinMs) {
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, withinMs))]);
      return closedAt === null ? null : closedAt - started;
    },
  };
}

/** A GET on an open connection: the status line, or '' when the server closed it instead. */
async function get(watched: Watched): Promise<string> {
  const before = watched.received().length;
  watched.socket.write('GET /ok HTTP/1.1\r\nHost: localhost\r\n\r\n');
  for (let waited = 0; waited < 2_000; waited += 20) {
    const answer = watched.received().slice(before);
    if (answer.includes('\r\n\r\nok')) return answer.split('\r\n')[0]!;
    if (watched.socket.destroyed || watched.socket.readableEnded) return '';
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return '';
}

describe('the local server and slow clients', () => {
  it('holds no request longer than 30 s, no silent connection longer than 20 s, no idle keep-alive long', async () => {
    expect(CONNECTION_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(CONNECTION_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(20_000);
    expect(CONNECTION_LIMITS.keepAliveTimeoutMs).toBeLessThanOrEqual(10_000);
    await serve();
    const server = servers[0] as Server;
    expect(server.requestTimeout).toBe(CONNECTION_LIMITS.requestTimeoutMs);
    expect(server.headersTimeout).toBe(CONNECTION_LIMITS.headersTimeoutMs);
    expect(server.keepAliveTimeout).toBe(CONNECTION_LIMITS.keepAliveTimeoutMs);
    expect(server.maxConnections).toBe(CONNECTION_LIMITS.maxConnections);
  });

  it('cuts off a body that trickles in at the request time limit', async () => {
    const port = await serve({ requestTimeoutMs: 1_000, headersTimeoutMs: 800 });
    const slow = await open(port);
    slow.socket.write(
      'POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n',
    );
    const trickle = setInterval(() => slow.socket.writable && slow.socket.write('x'), 100);
    try {
      const closedAfter = await slow.closedWithin(5_000);
      expect(closedAfter, 'the connection was still open after 5 s').not.toBeNull();
      expect(closedAfter!).toBeLessThan(2_500);
      expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it('closes a connection that sends nothing at the headers time limit', async () => {
    const port = await serve({ requestTimeoutMs: 1_000, headersTimeoutMs: 800 });
    const silent = await open(port);
    const closedAfter = await silent.closedWithin(5_000);
    expect(closedAfter, 'the connection was still open after 5 s').not.toBeNull();
    expect(closedAfter!).toBeLessThan(2_000);
  });

  it('closes an idle keep-alive connection after its timeout', async () => {
    const port = await serve({ keepAliveTimeoutMs: 300 });
    const idle = await open(port);
    expect(await get(idle)).toBe('HTTP/1.1 200 OK');
    const closedAfter = await idle.closedWithin(3_000);
    expect(closedAfter, 'the connection was still open after 3 s').not.toBeNull();
  });

  it('closes connections from an address beyond its cap, and takes them again once one closes', async () => {
    const port = await serve({ maxConnectionsPerAddress: 3 });
    const held = [await open(port), await open(port), await open(port)];
    for (const connection of held) expect(await get(connection)).toBe('HTTP/1.1 200 OK');
    const fourth = await open(port);
    expect(await get(fourth)).toBe('');
    expect(await fourth.closedWithin(1_000)).not.toBeNull();
    // The three still work; one closes and its place is free again.
    expect(await get(held[0]!)).toBe('HTTP/1.1 200 OK');
    held[2]!.socket.destroy();
    await held[2]!.closedWithin(1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await get(await open(port))).toBe('HTTP/1.1 200 OK');
  });
});
