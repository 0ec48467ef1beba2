// `npm run load` end to end, with small counts: its own server child, the mix of fresh, retried,
// conflicting and invalid submissions, and the checks it ends with (its JSON line and exit code).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs bench/load.ts as `npm run load` does; returns the exit code, the output and its last line as JSON. */
async function load(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string; result: Record<string, unknown> | null }> {
  let code = 0;
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/load.ts', ...args], {
      cwd: root,
    }));
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    ({ code, stdout, stderr } = failed);
  }
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return { code, stdout, stderr, result: last.startsWith('{') ? JSON.parse(last) : null };
}

describe('npm run load', () => {
  it('takes 300 submissions from 10 clients and proves none lost, none double-counted, no 5xx', async () => {
    const run = await load('--count', '300', '--clients', '10', '--seed', '7');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // 20 % exact retries (200), 2 % conflicting retries (409), 2 % invalid (400/415): 228 fresh.
    expect(run.result).toMatchObject({
      sent: 300,
      accepted: 228,
      stored: 228,
      lost: 0,
      doubleCounted: 0,
      errors5xx: 0,
      comparisonMatches: true,
      rebuildDifferences: 0,
      unexpected: 0,
      countsMatch: true,
    });
    // Beside them, residents' ideas (a tenth invalid, five published) and reads of the public board.
    expect(run.result!.ideas).toMatchObject({
      sent: 21,
      acknowledged: 13,
      stored: 13,
      lost: 0,
      doubleStored: 0,
      refusedStored: 0,
      errors5xx: 0,
      unexpected: 0,
      boardReads: 6,
      boardLeaks: 0,
    });
    expect(run.result!.perSecond).toBeGreaterThan(0);
    expect(run.result!.p99ms).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/per second; latency p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms/);
  }, 120_000);

  it('keeps every acknowledged response when its server is killed with SIGKILL mid-run (--kill-after)', async () => {
    const run = await load('--count', '300', '--clients', '10', '--seed', '8', '--kill-after', '90');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SIGKILL to the server after 90 acknowledged submissions');
    expect(run.result).toMatchObject({
      sent: 300,
      accepted: 228,
      stored: 228,
      lost: 0,
      doubleCounted: 0,
      errors5xx: 0,
      comparisonMatches: true,
      rebuildDifferences: 0,
      killedAfter: 90,
      lostAfterKill: 0,
    });
    expect(run.result!.ackedBeforeKill).toBeGreaterThan(0);
  }, 120_000);

  it('sends load to this machine only', async () => {
    const run = await load('--url', 'http://example.org:3000', '--token', 't', '--data-dir', '/tmp');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--url must be http://127.0.0.1:PORT or http://localhost:PORT');
    expect(run.result).toBeNull();
  }, 30_000);
});
