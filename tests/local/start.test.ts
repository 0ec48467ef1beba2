// `npm start` as a newcomer runs it: a real process on a real port, the demo project on first
// start, data kept across restarts, a clean stop on SIGTERM with nothing lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/bygdpuls.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-start-'));
const ADMIN_TOKEN = 'local-admin-token-for-the-start-test-0123456789';
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

async function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN, FOLD_INTERVAL_MS: '500', SETTLE_MS: '200' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', () => {});
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${output}`)), 90_000);
    child.stdout!.on('data', () => {
      const match = /bygdpuls runs at (http:\/\/\S+)/.exec(output);
      if (match && output.includes('admin sign-in:')) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

const get = async (url: string) =>
  (await fetch(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json() as Promise<any>;

describe('npm start', () => {
  it('creates the demo on first start, keeps every acknowledged response across a restart, and stops cleanly', async () => {
    const first = await start();
    expect(first.output()).toContain('creating the demo project');
    expect(first.output()).toMatch(/survey: +http:\/\/127\.0\.0\.1:\d+\/s\/\w+/);
    // One-time links, never a token: an evaluator's for the dashboard, an administrator's for /admin.
    expect(first.output()).toMatch(/dashboard: +http:\/\/127\.0\.0\.1:\d+\/dashboard\/\w+#signin=[\w-]{40,}/);
    expect(first.output()).toMatch(/admin sign-in: +http:\/\/127\.0\.0\.1:\d+\/admin#signin=[\w-]{40,}/);
    expect(first.output()).not.toMatch(/#token=|eyJ/);
    expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ ok: true });

    const { projects } = await get(`${first.url}/api/projects`);
    expect(projects).toHaveLength(1);
    const detail = await get(`${first.url}/api/projects/${projects[0].id}`);
    expect(detail.project.demo).toBe(true);
    expect(detail.project.areas).toHaveLength(5);
    const baseline = detail.rounds.find((r: { kind: string }) => r.kind === 'baseline');
    const followup = detail.rounds.find((r: { kind: string }) => r.kind === 'followup');
    expect(baseline.status).toBe('closed');
    expect(followup.status).toBe('open');
    // An administrator's live count (indicators show releases, which one response does not move).
    const before = (await get(`${first.url}/api/rounds/${followup.id}`)).responses;
    expect(before).toBeGreaterThan(100);
    // Residents' ideas in every state (functions/local/demoIdeas.ts).
    const ideas = await get(`${first.url}/api/projects/${projects[0].id}/ideas`);
    expect(ideas.counts.total).toBeGreaterThanOrEqual(30);
    expect(Object.keys(ideas.counts.byState)).toHaveLength(10);

    // A response acknowledged right before the stop is kept.
    const submitted = await fetch(`${first.url}/api/public/rounds/${followup.id}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, deflate, br' },
      body: JSON.stringify({ responseId: randomUUID(), answers: { q_nki_overall: 9, area: 'bottna' } }),
    });
    expect(submitted.status).toBe(201);
    // Answers are gzipped, but a submission's short acknowledgement goes as it is, with its length.
    expect(submitted.headers.get('content-encoding')).toBeNull();
    expect(Number(submitted.headers.get('content-length'))).toBe(Buffer.byteLength(await submitted.text()));
    const questionnaire = await fetch(`${first.url}/api/public/rounds/${followup.id}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(questionnaire.headers.get('content-encoding')).toBe('gzip');
    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toContain('Stopped.');

    const second = await start();
    expect(second.output()).not.toContain('creating the demo project');
    expect((await get(`${second.url}/api/projects`)).projects).toHaveLength(1);
    expect((await get(`${second.url}/api/rounds/${followup.id}`)).responses).toBe(before + 1);
    // the command line reaches the running server's data
    const rebuild = await promisify(execFile)(process.execPath, [
      bin,
      'rebuild',
      '--round',
      followup.id,
      '--data-dir',
      dataDir,
    ]);
    expect(JSON.parse(rebuild.stdout).differences).toEqual([]);
    expect(await stop(second.child)).toBe(0);
  }, 180_000);
});

/** Runs `bygdpuls start` with these settings until it exits (within 30 s): its exit code and output. */
async function startUntilExit(env: Record<string, string>) {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after 30 s:\n${stdout}${stderr}`)), 30_000);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, stdout, stderrLines: stderr.trimEnd().split('\n') };
}

describe('npm start refused', () => {
  it('stops on a port in use with one line naming the port and how to choose another, writing nothing', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    const freshDataDir = path.join(mkdtempSync(path.join(tmpdir(), 'bygdpuls-taken-')), 'data');
    try {
      const { code, stdout, stderrLines } = await startUntilExit({
        DATA_DIR: freshDataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderrLines).toHaveLength(1);
      expect(stderrLines[0]).toContain(`port ${port} on 127.0.0.1 is in use`);
      expect(stderrLines[0]).toMatch(/PORT=\d+ npm start/);
      expect(existsSync(freshDataDir)).toBe(false);
    } finally {
      holder.close();
    }
  }, 40_000);

  it('stops on a setting that is not a number, naming it, instead of starting with NaN', async () => {
    const freshDataDir = path.join(mkdtempSync(path.join(tmpdir(), 'bygdpuls-bad-')), 'data');
    const { code, stdout, stderrLines } = await startUntilExit({ DATA_DIR: freshDataDir, PORT: '0', SETTLE_MS: '2s' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderrLines).toEqual([
      'bygdpuls: the settings: SETTLE_MS is "2s"; expected a whole number of milliseconds, such as 2000',
    ]);
    expect(existsSync(freshDataDir)).toBe(false);
  }, 40_000);
});
