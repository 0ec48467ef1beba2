// Logs carry no answers: submissions with a unique marker in every free-text and choice answer,
// accepted and refused (bad JSON, invalid answers, a conflicting retry, a closed round, a store
// that fails), through the API's log and through the local server's stdout and stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';
import { jsonOrNull } from '../support/json.ts';

const root = path.resolve(import.meta.dirname, '../..');
const marker = () => `MARKER${randomUUID().replace(/-/g, '')}`;

const INDICATORS = [{ id: 'pride', kind: 'mean', items: ['q1'], scale: [1, 5] }];
/** A questionnaire whose choice values and free texts can carry markers. */
function surveyWith(choices: string[]) {
  return {
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'dropdown', name: 'area', choices: ['a'] },
          { type: 'rating', name: 'q1', rateValues: [1, 2, 3, 4, 5, 'dk'] },
          { type: 'radiogroup', name: 'choice', choices },
          { type: 'comment', name: 'idea' },
        ],
      },
    ],
  };
}

/** The same scenario against any API: in-process (TestApi) or the local server over HTTP. */
async function scenario(
  request: (
    method: string,
    path: string,
    options?: { body?: string; token?: string | null; contentType?: string },
  ) => Promise<{ status: number; json: any }>,
  adminToken: string,
) {
  const choiceMarker = marker();
  const markers: string[] = [choiceMarker];
  const statuses: number[] = [];
  const admin = (method: string, path: string, body: unknown) =>
    request(method, path, { body: JSON.stringify(body), token: adminToken });
  const project = await admin('POST', '/api/projects', { name: 'logs', areas: [{ id: 'a', name: 'A' }] });
  expect(project.status).toBe(201);
  const questionnaire = await admin('POST', `/api/projects/${project.json.id}/questionnaires`, {
    survey: surveyWith(['plain', choiceMarker]),
    indicators: INDICATORS,
    background: { area: 'area' },
  });
  expect(questionnaire.status).toBe(201);
  const round = await admin('POST', `/api/projects/${project.json.id}/rounds`, {
    kind: 'baseline',
    name: 'r',
    questionnaireId: questionnaire.json.id,
    access: 'open',
  });
  const roundId = round.json.id as string;
  const submit = async (body: string, contentType = 'application/json') => {
    const result = await request('POST', `/api/public/rounds/${roundId}/responses`, { body, token: null, contentType });
    statuses.push(result.status);
    return result;
  };
  const text = () => {
    const m = marker();
    markers.push(m);
    return m;
  };

  // Accepted, then an exact retry, then a conflicting one with the same id.
  const id = randomUUID();
  const answers = { area: 'a', q1: 4, choice: choiceMarker, idea: `my idea ${text()}` };
  await submit(JSON.stringify({ responseId: id, answers }));
  await submit(JSON.stringify({ responseId: id, answers }));
  await submit(JSON.stringify({ responseId: id, answers: { ...answers, idea: `another ${text()}` } }));
  // Refused: bad JSON, wrong content type, invalid answers, unknown questions, huge text.
  await submit(`{"answers": {"idea": "${text()}"`);
  await submit(`answers=${text()}`, 'application/x-www-form-urlencoded');
  await submit(JSON.stringify({ answers: { q1: text(), choice: text(), idea: 12 } }));
  await submit(JSON.stringify({ answers: { [text()]: text(), area: text() } }));
  await submit(JSON.stringify({ answers: { idea: `${text()}${'x'.repeat(6000)}` } }));
  // A closed round.
  await admin('POST', `/api/rounds/${roundId}/close`, {});
  await submit(JSON.stringify({ responseId: randomUUID(), answers: { ...answers, idea: text() } }));
  return { markers, statuses, roundId, projectId: project.json.id as string, answers };
}

let api: TestApi | null = null;
const running: ChildProcess[] = [];
afterAll(async () => {
  await api?.close();
  for (const child of running) child.kill('SIGKILL');
});

describe('logs carry no answers', () => {
  it('in the API log, on accepted and refused submissions and when the store fails', async () => {
    const lines: Record<string, unknown>[] = [];
    api = await startTestApi({ log: (entry) => lines.push(entry) });
    const testApi = api;
    const request = async (
      method: string,
      path: string,
      options: { body?: string; token?: string | null; contentType?: string } = {},
    ) => {
      const result = await testApi.call(method, path, {
        token: options.token === undefined ? testApi.adminToken : options.token,
        ...(options.body === undefined ? {} : { raw: options.body }),
        headers: { 'content-type': options.contentType ?? 'application/json' },
      });
      return { status: result.status, json: result.json };
    };
    const { markers, statuses, answers, projectId } = await scenario(request, testApi.adminToken);
    expect(statuses.slice(0, 3)).toEqual([201, 200, 409]);
    expect(statuses.slice(3).every((s) => s >= 400 && s < 500)).toBe(true);

    // The store fails under a submission (errors injected into the real client's middleware):
    // the failure is logged, the answers are not.
    const round = await request('POST', `/api/projects/${projectId}/rounds`, {
      body: JSON.stringify({
        kind: 'followup',
        name: 'f',
        questionnaireId: (await request('GET', `/api/projects/${projectId}`)).json.questionnaires[0].id,
        access: 'open',
      }),
    });
    let fail: Error | null = null;
    testApi.deps.store.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (fail && context.commandName === 'PutItemCommand') throw fail;
        return next(args);
      },
      { step: 'initialize', name: 'privacy-test-fault' },
    );
    for (const error of [
      Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      }),
      Object.assign(new Error('Internal server error'), {
        name: 'InternalServerError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      }),
      Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }),
    ]) {
      fail = error;
      const idea = marker();
      markers.push(idea);
      const result = await request('POST', `/api/public/rounds/${round.json.id}/responses`, {
        body: JSON.stringify({ responseId: randomUUID(), answers: { ...answers, idea } }),
        token: null,
      });
      expect(result.status).toBeGreaterThanOrEqual(500);
    }
    fail = null;
    testApi.deps.store.client.middlewareStack.remove('privacy-test-fault');

    expect(lines.length).toBeGreaterThan(0);
    const log = lines.map((line) => JSON.stringify(line)).join('\n');
    for (const m of markers) expect(log).not.toContain(m);
  });

  it("in the local server's output (stdout and stderr)", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-privacy-logs-'));
    const adminToken = `privacy-logs-admin-token-${randomUUID()}`;
    const child = spawn(process.execPath, [path.join(root, 'bin/bygdpuls.js'), 'start', '--no-demo'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: '0',
        ADMIN_TOKEN: adminToken,
        FOLD_INTERVAL_MS: '200',
        SETTLE_MS: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
      child.stdout!.on('data', () => {
        const match = /bygdpuls runs at (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const request = async (
      method: string,
      p: string,
      options: { body?: string; token?: string | null; contentType?: string } = {},
    ) => {
      const token = options.token === undefined ? adminToken : options.token;
      const response = await fetch(`${url}${p}`, {
        method,
        headers: {
          'content-type': options.contentType ?? 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(options.body === undefined ? {} : { body: options.body }),
      });
      return { status: response.status, json: jsonOrNull(await response.text()) as any };
    };
    const { markers, statuses } = await scenario(request, adminToken);
    expect(statuses.slice(0, 3)).toEqual([201, 200, 409]);
    // Let a fold run over the stored answers, then stop the server cleanly.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const m of markers) expect(output).not.toContain(m);
  }, 90_000);
});
