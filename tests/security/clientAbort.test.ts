// A client that drops its request body is no outage of the database: the API logs it as
// client_aborted, never as store_unavailable, and answers no 503 (nobody is there to read it).
import { describe, expect, it } from 'vitest';
import { startTestApi } from '../support/api.ts';
import { createApp } from '../../functions/api/app.ts';

/** A body stream that sends a few bytes, then fails as a reset connection does. */
function droppedBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"answers":{"q_nki'));
      controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    },
  });
}

describe('a client that drops its body', () => {
  it('is logged as client_aborted, not store_unavailable, with or without a Content-Length', async () => {
    const logs: Record<string, unknown>[] = [];
    const api = await startTestApi({ log: (entry) => logs.push(entry) });
    try {
      const app = createApp(api.deps);
      for (const headers of [
        { 'content-type': 'application/json' },
        { 'content-type': 'application/json', 'content-length': '200' },
      ]) {
        const init = { method: 'POST', headers, body: droppedBody(), duplex: 'half' } as RequestInit;
        const response = await app.request('/api/public/rounds/abc/responses', init);
        expect(response.status).not.toBe(503);
        expect(response.status).toBe(400);
      }
      expect(logs.filter((entry) => entry.event === 'store_unavailable')).toEqual([]);
      expect(logs.filter((entry) => entry.event === 'client_aborted')).toHaveLength(2);
    } finally {
      await api.close();
    }
  });
});
