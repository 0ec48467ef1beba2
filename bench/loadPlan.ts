// The requests of a load run, planned up front from a seed: fresh submissions to two rounds, exact
// retries (the same body again), conflicting retries (the same responseId, other answers) and
// invalid submissions, each with the status the API must answer. Residents come from the demo's
// model (functions/local/residents.ts), so that the figures look like a real survey's.
import { randomUUID } from 'node:crypto';
import { residentSource, seeded } from '../functions/local/residents.ts';

export type RequestKind = 'fresh' | 'retry' | 'conflict' | 'invalid';

export interface PlannedRequest {
  kind: RequestKind;
  roundId: string;
  /** The submission's responseId (invalid requests: a fresh one, or none when the id is the fault). */
  responseId: string;
  /** The JSON body, as sent. */
  body: string;
  /** The content type sent (a few invalid requests send the wrong one). */
  contentType: string;
  /** For retries and conflicts: the index of the request they repeat (sent only after it answered). */
  original: number | null;
  /** The status the API must answer when the original was stored (201). */
  expected: 200 | 201 | 400 | 409 | 415;
}

export interface LoadMix {
  count: number;
  /** Shares of the count; the rest are fresh submissions. */
  retries: number;
  conflicts: number;
  invalid: number;
}

export const DEFAULT_MIX: Omit<LoadMix, 'count'> = { retries: 0.2, conflicts: 0.02, invalid: 0.02 };

/** Invalid submissions of several kinds: each must be a 400 (or 415) and store nothing. */
const INVALID: ((
  answers: Record<string, unknown>,
  responseId: string,
) => { body: unknown; contentType?: string; expected: 400 | 415 })[] = [
  (answers, responseId) => ({ body: { responseId, answers: { ...answers, q_nki_overall: 11 } }, expected: 400 }), // off the scale
  (answers, responseId) => ({
    body: { responseId, answers: { ...answers, q_aware_project: 'kanske' } },
    expected: 400,
  }), // not a choice
  (answers, responseId) => ({ body: { responseId, answers: { ...answers, q_unknown: 3 } }, expected: 400 }), // no such question
  (answers, responseId) => ({ body: { responseId, answers: { ...answers, area: 'atlantis' } }, expected: 400 }), // not an area
  (answers) => ({ body: { responseId: 'not-a-uuid', answers }, expected: 400 }),
  (answers, responseId) => ({ body: { responseId, answers: [answers] }, expected: 400 }),
  (answers, responseId) => ({ body: { responseId, answers }, contentType: 'text/plain', expected: 415 }), // not JSON by its type
];

/** Another valid answer to the first NKI item: the same id with it is a different submission. */
function conflicting(answers: Record<string, unknown>): Record<string, unknown> {
  const current = answers.q_nki_overall;
  return { ...answers, q_nki_overall: typeof current === 'number' ? (current % 10) + 1 : 5 };
}

export function planLoad(mix: LoadMix, rounds: { baseline: string; followup: string }, seed: number): PlannedRequest[] {
  const random = seeded(seed);
  const residents = residentSource(seed + 1, { freeText: true });
  const retries = Math.round(mix.count * mix.retries);
  const conflicts = Math.round(mix.count * mix.conflicts);
  const invalid = Math.round(mix.count * mix.invalid);
  const freshCount = mix.count - retries - conflicts - invalid;
  if (freshCount < 1) throw new Error('the mix leaves no fresh submissions');

  // Order by a sort key: fresh request i at i, a repeat somewhat after its original.
  const keyed: { key: number; request: PlannedRequest; originalFresh?: number }[] = [];
  const fresh: { answers: Record<string, unknown>; request: PlannedRequest }[] = [];
  for (let i = 0; i < freshCount; i++) {
    const followup = random() < 0.5;
    const answers = residents.next(followup ? 0.4 : 0);
    const responseId = randomUUID();
    const request: PlannedRequest = {
      kind: 'fresh',
      roundId: followup ? rounds.followup : rounds.baseline,
      responseId,
      body: JSON.stringify({ responseId, answers }),
      contentType: 'application/json',
      original: null,
      expected: 201,
    };
    fresh.push({ answers, request });
    keyed.push({ key: i, request });
  }
  const repeatAfter = (i: number) => i + 0.5 + random() * Math.min(200, freshCount);
  for (let r = 0; r < retries + conflicts; r++) {
    const i = Math.floor(random() * freshCount);
    const { answers, request } = fresh[i]!;
    const conflict = r >= retries;
    keyed.push({
      key: repeatAfter(i),
      originalFresh: i,
      request: {
        ...request,
        kind: conflict ? 'conflict' : 'retry',
        body: conflict
          ? JSON.stringify({ responseId: request.responseId, answers: conflicting(answers) })
          : request.body,
        expected: conflict ? 409 : 200,
      },
    });
  }
  for (let v = 0; v < invalid; v++) {
    const make = INVALID[v % INVALID.length]!;
    const responseId = randomUUID();
    const { body, contentType, expected } = make(residents.next(0), responseId);
    keyed.push({
      key: random() * freshCount,
      request: {
        kind: 'invalid',
        roundId: random() < 0.5 ? rounds.followup : rounds.baseline,
        responseId,
        body: JSON.stringify(body),
        contentType: contentType ?? 'application/json',
        original: null,
        expected,
      },
    });
  }
  keyed.sort((a, b) => a.key - b.key);
  const position = new Map(keyed.map((entry, index) => [entry.request, index]));
  return keyed.map((entry) => {
    if (entry.originalFresh === undefined) return entry.request;
    return { ...entry.request, original: position.get(fresh[entry.originalFresh]!.request)! };
  });
}

// ---------------------------------------------------------------------------------------------
// Residents' ideas beside the submissions: new ideas (some with contact details), invalid ones,
// and reads of the project's public board.

export type IdeaRequestKind = 'idea' | 'invalid idea' | 'board';

export interface PlannedIdeaRequest {
  kind: IdeaRequestKind;
  /** The JSON body (none for a board read). */
  body: string | null;
  contentType: string;
  /** Its title, unique in the run (none for a board read): how the check finds it in the store. */
  title: string | null;
  /** The e-mail address it sends, if any: no public board may show it. */
  email: string | null;
  /** Sent first and published by an administrator, so that the board has ideas to show. */
  publish: boolean;
  expected: 200 | 201 | 400 | 415;
}

/** Shares of the submissions' count: ideas, board reads; a tenth of the ideas invalid; a few published. */
export const IDEA_MIX = { ideas: 0.05, boards: 0.02, invalid: 0.1, published: 5 };

const IDEA_TOPICS = ['Badplats', 'Cykelväg', 'Laddstolpar', 'Lekplats', 'Bygdegården', 'Busstur', 'Belysning'];

/** Invalid ideas of several kinds: each must be a 400 (or 415) and store nothing. */
const INVALID_IDEAS: ((idea: Record<string, unknown>) => {
  body: unknown;
  contentType?: string;
  expected: 400 | 415;
})[] = [
  (idea) => ({ body: { ...idea, title: 'ab' }, expected: 400 }), // title too short
  (idea) => ({ body: { ...idea, contact: { email: 'load@example.se' }, consent: undefined }, expected: 400 }), // no consent
  (idea) => ({ body: { ...idea, contact: { email: 'inte en adress' }, consent: true }, expected: 400 }),
  (idea) => ({ body: { ...idea, area: 'atlantis' }, expected: 400 }),
  (idea) => ({ body: { ...idea, state: 'published' }, expected: 400 }), // an unknown key
  (idea) => ({ body: idea, contentType: 'text/plain', expected: 415 }),
];

export function planIdeas(
  count: number,
  areas: readonly string[],
  seed: number,
  mix: typeof IDEA_MIX = IDEA_MIX,
): PlannedIdeaRequest[] {
  const random = seeded(seed + 2);
  const ideas = Math.round(count * mix.ideas);
  const invalid = Math.round(ideas * mix.invalid);
  const boards = Math.round(count * mix.boards);
  const keyed: { key: number; request: PlannedIdeaRequest }[] = [];
  for (let i = 0; i < ideas; i++) {
    const title = `${IDEA_TOPICS[i % IDEA_TOPICS.length]} (last ${seed}-${i})`;
    const publish = i >= invalid && i < invalid + mix.published;
    // The published ones all give contact details: the board must show their ideas, never those.
    const withContact = publish || random() < 0.3;
    const email = withContact ? `load-${seed}-${i}@example.se` : null;
    const idea: Record<string, unknown> = {
      title,
      text: 'Ett förslag från lasttestet: något bygden behöver.',
      ...(random() < 0.9 ? { area: areas[Math.floor(random() * areas.length)] } : {}),
      ...(email ? { contact: { name: `Boende ${i}`, email }, consent: true } : {}),
    };
    let request: PlannedIdeaRequest = {
      kind: 'idea',
      body: JSON.stringify(idea),
      contentType: 'application/json',
      title,
      email,
      publish,
      expected: 201,
    };
    if (i < invalid) {
      const { body, contentType, expected } = INVALID_IDEAS[i % INVALID_IDEAS.length]!(idea);
      request = {
        ...request,
        kind: 'invalid idea',
        body: JSON.stringify(body),
        contentType: contentType ?? 'application/json',
        expected,
      };
    }
    keyed.push({ key: publish ? -1 : random(), request });
  }
  for (let b = 0; b < boards; b++)
    keyed.push({
      key: random(),
      request: {
        kind: 'board',
        body: null,
        contentType: 'application/json',
        title: null,
        email: null,
        publish: false,
        expected: 200,
      },
    });
  // The ones to publish first (the sort is stable), then the rest in a seeded order.
  return keyed.sort((a, b) => a.key - b.key).map(({ request }) => request);
}
