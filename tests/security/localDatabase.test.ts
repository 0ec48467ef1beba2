// The local database is bygdpuls's alone: dynalite on 127.0.0.1 answers only requests that carry
// the secret of its start, never a request a browser sends (and so never with CORS headers), and
// the data folder with the files that name the database and its secret are the owner's alone.
// The command line still reaches the running server's database.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { DATABASE_GUARD_FILE, ENDPOINT_FILE, RUNNING_MARKER, TABLE_NAME } from '../../functions/local/dataDir.ts';
import { type LocalServer, optionsFromEnv, startLocal } from '../../functions/local/start.ts';

const parent = mkdtempSync(path.join(tmpdir(), 'bygdpuls-localdb-'));
const dataDir = path.join(parent, 'data');
const MARKER = 'a-value-only-the-database-holds-7f3a';
let server: LocalServer;

beforeAll(async () => {
  // A data folder and a secrets file that an older bygdpuls (or a copy) left open to everyone.
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  writeFileSync(
    path.join(dataDir, 'secrets.json'),
    JSON.stringify({ signingSecret: 's'.repeat(43), codeSecret: 'c'.repeat(43) }),
    {
      mode: 0o644,
    },
  );
  chmodSync(path.join(dataDir, 'secrets.json'), 0o644);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // The settings `npm start` reads, so that the test starts the server as a user does.
  const settings = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_TOKEN: 'local-database-test-admin-token-0123456789',
    FOLD_INTERVAL_MS: '60000',
    SETTLE_MS: '200',
  };
  server = await startLocal({ ...optionsFromEnv(settings, ['start', '--no-demo']), print: () => {} });
  await server.deps.store.client.send(
    new PutItemCommand({
      TableName: TABLE_NAME,
      Item: { pk: { S: 'probe' }, sk: { S: 'probe' }, value: { S: MARKER } },
    }),
  );
});

afterAll(async () => {
  await server?.close();
  rmSync(parent, { recursive: true, force: true });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A DynamoDB Scan as a script would send it: any credentials, any signature. */
function rawScan(url: string, headers: Record<string, string> = {}, method = 'POST'): Promise<RawAnswer> {
  const body = JSON.stringify({ TableName: TABLE_NAME });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.Scan',
          'x-amz-date': '20260101T000000Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=anyone/20260101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(method === 'POST' ? body : undefined);
  });
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('the local database', () => {
  it('answers the client that carries its secret (the rest of this file would pass on a dead database otherwise)', async () => {
    const answer = await rawScan(`${server.dynamoEndpoint}/`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(MARKER);
  });

  it('refuses a request without the secret of its start, and reads nothing for it', async () => {
    const address = readFileSync(path.join(dataDir, ENDPOINT_FILE), 'utf8').trim();
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const target of [`${address}/`, `${address}/wrong-secret/`, `${address}/?X-Amz-Algorithm=AWS4-HMAC-SHA256`]) {
      const answer = await rawScan(target);
      expect(answer.status, target).toBe(403);
      expect(answer.body, target).not.toContain(MARKER);
    }
    const secret = readFileSync(path.join(dataDir, DATABASE_GUARD_FILE), 'utf8').trim();
    const almost = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect((await rawScan(`${address}/${almost}/`)).status).toBe(403);
  });

  it('refuses every request a browser sends, secret or not, with no CORS header', async () => {
    const endpoint = `${server.dynamoEndpoint}/`;
    const browserLike: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: server.url },
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
    ];
    for (const headers of browserLike) {
      const answer = await rawScan(endpoint, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body).not.toContain(MARKER);
      expect(answer.headers['access-control-allow-origin'], JSON.stringify(headers)).toBeUndefined();
    }
    const preflight = await rawScan(
      endpoint,
      { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
      'OPTIONS',
    );
    expect(preflight.status).toBe(403);
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it("keeps the data folder (0700) and the files that name the database and its secrets (0600) the owner's alone", () => {
    expect(mode(dataDir)).toBe(0o700);
    for (const name of [ENDPOINT_FILE, DATABASE_GUARD_FILE, RUNNING_MARKER, 'secrets.json']) {
      expect(mode(path.join(dataDir, name)), name).toBe(0o600);
    }
  });

  it('lets the command line reach the running server through its secret', async () => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text) };
    // The server holds LevelDB's lock: "no round" (not "in use by a running bygdpuls") shows
    // that rebuild read the server's database through its endpoint.
    expect(await main(['rebuild', '--round', 'no-such-round', '--data-dir', dataDir], io)).toBe(1);
    expect(stderr).toContain('no round no-such-round');
    expect(await main(['token', '--role', 'admin', '--data-dir', dataDir], io)).toBe(0);
    expect(stdout.trim()).toMatch(/^\S{20,}$/);
  });
});
