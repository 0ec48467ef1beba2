// The local server (a real child process) killed with SIGKILL while residents submit, at points
// drawn at random, then started again on the same data folder: every acknowledged response is
// stored exactly once, a client that got no answer can send again without being counted twice,
// and after the fold's final release the comparison counts each response once.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../functions/cli/storeAccess.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { rebuildRound } from '../../functions/fold/rebuild.ts';
import { seeded, VILLAGES } from '../../functions/local/residents.ts';
import { startServer, type ServerChild, type ServerSettings } from '../support/serverChild.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-kill-'));
const settings: ServerSettings = {
  dataDir,
  adminToken: 'server-kill-test-admin-token-0123456789abcdef',
  // Folds every 100 ms: the kills land in folds as well as in writes.
  foldIntervalMs: 100,
  settleMs: 100,
  startTimeoutMs: 60_000,
};
let server: ServerChild | null = null;

afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

async function admin(method: string, urlPath: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server!.url}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${settings.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${urlPath}`).toBeLessThan(300);
  return response.json();
}

/** A submission that answers every indicator item, so that every indicator's n is its respondents. */
function submission(random: () => number): string {
  const scale = (hi: number) => 1 + Math.floor(random() * hi);
  return JSON.stringify({
    responseId: randomUUID(),
    answers: {
      q_nki_overall: scale(10),
      q_nki_expect: scale(10),
      q_nki_ideal: scale(10),
      q_pride_village: scale(5),
      q_pride_municipality: scale(5),
      q_future: scale(10),
      q_business: scale(5),
      q_aware_project: random() < 0.4 ? 'yes' : 'no',
      q_engage: scale(5),
      q_idea: 'Fler bussar',
      area: VILLAGES[Math.floor(random() * VILLAGES.length)]!.id,
    },
  });
}

type Sent = { roundId: string; body: string; status: number | null };

async function post(sent: Sent): Promise<void> {
  try {
    const response = await fetch(`${server!.url}/api/public/rounds/${sent.roundId}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: sent.body,
      signal: AbortSignal.timeout(20_000),
    });
    await response.text();
    sent.status = response.status;
  } catch {
    sent.status = null; // no answer: the kill came first
  }
}

describe('the local server killed with SIGKILL during submissions', () => {
  it('keeps every acknowledged response, exactly once, across kills at random points', async () => {
    const random = seeded(61);
    server = await startServer(settings);
    const { id: projectId } = await admin('POST', '/api/projects', {
      name: 'kill',
      areas: VILLAGES.map(({ id, name }) => ({ id, name })),
      minGroupSize: 5,
    });
    const { id: questionnaireId } = await admin(
      'POST',
      `/api/projects/${projectId}/questionnaires`,
      builtInTemplate(VILLAGES),
    );
    const rounds: string[] = [];
    for (const kind of ['baseline', 'followup'])
      rounds.push(
        (
          await admin('POST', `/api/projects/${projectId}/rounds`, {
            kind,
            name: kind,
            questionnaireId,
            access: 'open',
          })
        ).id,
      );
    const all: Sent[] = [];

    for (let run = 0; run < 4; run++) {
      // Eight clients submit until the kill; it comes after a random number of answers, plus a
      // random few milliseconds, so that it can land anywhere in a request or a fold.
      const killAfter = 10 + Math.floor(random() * 120);
      let answered = 0;
      let killing: Promise<void> | null = null;
      const clients = Array.from({ length: 8 }, async () => {
        while (!killing) {
          const sent: Sent = { roundId: rounds[all.length % 2]!, body: submission(random), status: null };
          all.push(sent);
          await post(sent);
          if (sent.status !== null && ++answered >= killAfter && !killing) {
            killing = new Promise((resolve) => setTimeout(resolve, random() * 15)).then(() => server!.kill());
          }
        }
      });
      await Promise.all(clients);
      await killing;
      server = await startServer(settings);
      // Those that got no answer send the same submission again: stored before the kill (200) or not (201).
      for (const sent of all.filter((s) => s.status === null)) {
        await post(sent);
        expect([200, 201]).toContain(sent.status);
      }
    }
    expect(all.every((sent) => sent.status === 201 || sent.status === 200)).toBe(true);

    // Every acknowledged response is stored, once; nothing else is.
    const { store, close } = await openStore({ dataDir });
    try {
      for (const [r, roundId] of rounds.entries()) {
        const expected = all
          .filter((sent) => sent.roundId === roundId)
          .map((sent) => JSON.parse(sent.body).responseId as string);
        const round = (await store.rounds.get(roundId))!;
        const stored: string[] = [];
        for (let shard = 0; shard < round.shards; shard++)
          for await (const response of store.responses.responses(roundId, shard)) stored.push(response.responseId);
        expect(stored.sort(), `round ${r}`).toEqual(expected.sort());

        // After the fold: the snapshots hold every response once, and agree with the stored ones.
        const foldedNow = async () => {
          let folded = 0;
          for (let shard = 0; shard < round.shards; shard++)
            folded += (await store.snapshots.get(roundId, shard))?.folded ?? 0;
          return folded;
        };
        await expect.poll(foldedNow, { timeout: 20_000, interval: 200 }).toBeGreaterThanOrEqual(expected.length);
        const rebuilt = await rebuildRound(store, round);
        expect(rebuilt.differences).toEqual([]);
        expect(await foldedNow(), `round ${r}: events folded`).toBe(expected.length);
        expect(rebuilt.folded).toBe(expected.length);
      }
    } finally {
      await close();
    }
    // The comparison reads releases: close the rounds, and the server's fold takes the final ones.
    for (const roundId of rounds) await admin('POST', `/api/rounds/${roundId}/close`);
    const compare = () =>
      admin('GET', `/api/projects/${projectId}/comparison?baseline=${rounds[0]}&followup=${rounds[1]}`);
    await expect
      .poll(
        async () => {
          const { releases } = await compare();
          return releases.baseline?.final === true && releases.followup?.final === true;
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBe(true);
    const comparison = await compare();
    for (const [r, side] of (['baseline', 'followup'] as const).entries()) {
      const count = all.filter((sent) => sent.roundId === rounds[r]).length;
      for (const id of ['nki', 'pride_village', 'aware', 'engage'])
        expect(comparison.indicators[id][side].n, `${side} ${id}`).toBe(count);
    }
    expect(await server.stop()).toBe(0);
    server = null;
  }, 90_000);
});
