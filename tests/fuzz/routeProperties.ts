// The promises every route keeps under hostile input, as fast-check properties shared by the
// test (a few hundred runs) and `npm run fuzz` (ten thousand and more): never a 5xx, never a
// crash or a hang, every error specific and in the caller's language, nothing written by a
// refused submission, Object.prototype untouched.
import fc from 'fast-check';
import { UNPARSABLE_MESSAGES } from '../../functions/local/clientErrors.ts';
import { boardCase, ideaSubmissionCase } from './ideaInputs.ts';
import {
  boardProblem,
  moderate,
  newLedger,
  publicLeak,
  recordSubmission,
  tagsOfRequest,
  withFreshTags,
  type IdeaLedger,
} from './ideaPrivacy.ts';
import { sendRaw, type RawResponse } from './rawHttp.ts';
import { pathCase, submissionCase, tokenCase, type Lang, type RouteCase } from './routeInputs.ts';
import type { FuzzTarget } from './target.ts';

export interface RouteTally {
  cases: number;
  byStatus: Map<number, number>;
  /** 201s per round: what the round's stored count must have grown by. */
  storedByRound: Map<string, number>;
  /** Every idea sent, what became of it, and what no public answer may show (ideaPrivacy.ts). */
  ideas: IdeaLedger;
  /** Public answers checked for leaks, and boards among them. */
  publicAnswers: number;
  boards: number;
}

export const newTally = (): RouteTally => ({
  cases: 0,
  byStatus: new Map(),
  storedByRound: new Map(),
  ideas: newLedger(),
  publicAnswers: 0,
  boards: 0,
});

class PropertyFailure extends Error {
  override readonly name = 'PropertyFailure';
}

function expect(condition: boolean, what: string, c: RouteCase, response?: RawResponse): asserts condition {
  if (!condition)
    throw new PropertyFailure(
      `${what}\n  case: ${c.label}\n  answer: ${response ? `${response.status} ${response.text.slice(0, 300)}` : '(none)'}`,
    );
}

// ---------------------------------------------------------------------------------------------
// Which language a message is in. Quoted values and paths are echoed as sent, so they are left out.

const SWEDISH =
  /(?<!\p{L})(är|ska|inte|finns|för|kan|det|den|svaret|frågan|värdet|välj|skriv|texten|okänd|okända|ogiltig|ogiltigt|innehållet|begäran|enkäten|koden|namnet|något|skicka|adress|ingen|försök|förväntat|måste|nyckel|högst|minst|svar|redan|samma|annat|används|använts|giltig|hör|område|stängd|kräver|tar|emot|många|tecken|igen|skalan|tal|heltal|mindre|större|stöds|sträng|förväntade|inmatning|val|värde|fel|giltigt|komplett|slut|huvuden|begärans|reserverat|användas|projektet|idéer|områden|kryssa|spara|kontaktuppgifter|lämna)(?!\p{L})/iu;
const ENGLISH =
  /(?<!\p{L})(the|is|not|must|this|be|of|unknown|invalid|no|too|please|choose|send|something|there|expected|received|answer|body|route|survey|code|try|unrecognized|key|keys|input|character|characters|value|values|string|number|less|more|than|over|ended|reserved|cannot|used|already|different|response|closed|wait|many|wrong|needs|valid|whole|scale|range|allowed|chosen|combined|belongs|write|own|does|takes|uses|one|choices|list|text|yes|project|ideas|areas|tick|keep|contact|details|leave|empty)(?!\p{L})/iu;

function languageOf(message: string): Lang | 'none' {
  const words = message
    .replace(/[”"“«][^”"“»]*[”"“»]/g, ' ')
    .split(/\s+/)
    .filter((word) => !/[/_\d]/.test(word))
    .join(' ');
  // Type names (string, number, record) are the same in both: a Swedish word decides.
  if (SWEDISH.test(words)) return 'sv';
  return ENGLISH.test(words) ? 'en' : 'none';
}

/** The error messages of a 4xx answer, checked for their shape on the way. */
function errorMessages(response: RawResponse, c: RouteCase): { messages: string[]; edge: boolean } {
  const json = response.json as Record<string, unknown> | null;
  expect(
    json !== null && typeof json === 'object' && !Array.isArray(json),
    'a 4xx answer is a JSON object',
    c,
    response,
  );
  if (response.status === 400) {
    const errors = json.errors;
    expect(
      Array.isArray(errors) && errors.length > 0 && errors.length <= 50,
      '400 carries {errors:[...]} (1 to 50)',
      c,
      response,
    );
    for (const error of errors as unknown[]) {
      const e = error as Record<string, unknown>;
      expect(
        typeof e?.field === 'string' &&
          typeof e.message === 'string' &&
          e.message.length > 0 &&
          Object.keys(e).length === 2,
        'each 400 error is {field, message}',
        c,
        response,
      );
      expect(e.field.length <= 1000 && e.message.length <= 1000, 'a 400 error does not echo huge input', c, response);
    }
    const messages = (errors as { message: string }[]).map((e) => e.message);
    return { messages, edge: messages.every((m) => UNPARSABLE_MESSAGES.has(m)) };
  }
  expect(
    typeof json.error === 'string' &&
      /^[a-z_]+$/.test(json.error) &&
      typeof json.message === 'string' &&
      json.message.length > 0,
    `${response.status} carries {error, message}`,
    c,
    response,
  );
  return { messages: [json.message as string], edge: UNPARSABLE_MESSAGES.has(json.message as string) };
}

/** A request the Hono adapter cannot make a URL of (`*`, a backslash, absolute form): a bare 400. */
function adapterRefuses(c: RouteCase): boolean {
  const target = Buffer.isBuffer(c.request.target) ? c.request.target.toString('latin1') : c.request.target;
  const path = target.split('?')[0]!;
  return !target.startsWith('/') || path.includes('\\');
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort().join();

/** Sends one case and checks every promise; tallies what it saw. */
export async function checkRouteCase(target: FuzzTarget, tally: RouteTally, c0: RouteCase): Promise<void> {
  if (tally.cases % 50 === 49) await target.fold();
  // The ideas acknowledged so far are moderated before the next idea request: boards change under it.
  if (c0.idea || c0.board) await moderate(target, tally.ideas);
  const c = c0.idea ? { ...c0, request: withFreshTags(c0.request) } : c0;
  const sent = tagsOfRequest(c.request);
  const errorsLogged = target.logs.filter((entry) => entry.level === 'error').length;
  const before = c.round ? await target.storedCount(c.round) : 0;
  const response = await sendRaw(target.host, target.port, c.request, 15_000);
  tally.cases++;
  tally.byStatus.set(response.status, (tally.byStatus.get(response.status) ?? 0) + 1);
  if (c.round && response.status === 201) tally.storedByRound.set(c.round, (tally.storedByRound.get(c.round) ?? 0) + 1);

  expect(response.status !== 0, 'the server answers (it did not drop the connection)', c, response);
  expect(response.status < 500, 'never a 5xx', c, response);
  if (c.guarded) {
    const unparsable = response.status === 400 && UNPARSABLE_MESSAGES.has(response.json?.errors?.[0]?.message);
    expect(
      response.status === 401 || unparsable,
      'a bad token gets 401 (or 400 when Node cannot parse the request), never data',
      c,
      response,
    );
  }
  if (c.mustRefuse) expect(response.status >= 400, 'a request that is wrong whatever it holds is refused', c, response);

  if (
    response.status >= 400 &&
    c.request.method !== 'HEAD' &&
    !(response.status === 400 && response.body.length === 0 && adapterRefuses(c))
  ) {
    const { messages, edge } = errorMessages(response, c);
    // Routes for administrators answer token problems in English; everything else speaks the
    // caller's language. A request Node cannot parse cannot ask for one: Swedish.
    if (!c.guarded) {
      const wanted: Lang = edge ? 'sv' : c.lang;
      for (const message of messages) {
        const found = languageOf(message);
        expect(found === wanted, `the message is in ${wanted} (found ${found}): ${message}`, c, response);
      }
    }
  }

  if (!c.guarded) {
    // The privacy property, on every public answer (before a new idea is recorded: its own id is in its answer).
    tally.publicAnswers++;
    const leak = publicLeak(tally.ideas, response.text, response.json, sent);
    expect(leak === null, `a public answer shows ${leak}`, c, response);
  }
  if (c.board && response.status === 200 && c.request.method === 'GET') {
    tally.boards++;
    const problem = boardProblem(tally.ideas, c.board.projectId, response.json);
    expect(problem === null, `the public board: ${problem}`, c, response);
  }
  if (c.idea) {
    const idea = recordSubmission(tally.ideas, c.idea.projectId, sent, response.status, response.json);
    if (response.status === 201) {
      const expected = c.idea.projectId === target.unmoderated ? 'published' : 'received';
      expect(idea?.state === expected, `a new idea is ${expected}`, c, response);
      expect(await target.ideaStored(c.idea.projectId, idea.id), 'an acknowledged idea is stored', c, response);
    }
  }

  if (c.round) {
    const after = await target.storedCount(c.round);
    const added = response.status === 201 ? 1 : 0;
    expect(
      after === before + added,
      `the round stored ${after - before} responses for a ${response.status}`,
      c,
      response,
    );
  }
  expect(
    target.logs.filter((entry) => entry.level === 'error').length === errorsLogged,
    `the server logged an error: ${JSON.stringify(target.logs.at(-1)).slice(0, 400)}`,
    c,
    response,
  );
  expect(
    Object.getOwnPropertyNames(Object.prototype).sort().join() === prototypeNames &&
      ({} as Record<string, unknown>).polluted === undefined,
    'Object.prototype is untouched',
    c,
    response,
  );
  const health = await sendRaw(target.host, target.port, { method: 'GET', target: '/api/health' }, 15_000);
  expect(
    health.status === 200 && (health.json as { ok?: boolean } | null)?.ok === true,
    'the server still answers /api/health',
    c,
    health,
  );
}

export interface RouteProperty {
  name: string;
  property: fc.IAsyncPropertyWithHooks<[RouteCase]>;
}

/** The route properties, each over its own generator. */
export function routeProperties(target: FuzzTarget, tally: RouteTally): RouteProperty[] {
  const check = (c: RouteCase) => checkRouteCase(target, tally, c);
  return [
    {
      name: 'submissions (open, invited, closed and unknown rounds)',
      property: fc.asyncProperty(submissionCase(target), check),
    },
    {
      name: 'paths, queries and methods (API, pages, assets, anything else)',
      property: fc.asyncProperty(pathCase(target), check),
    },
    { name: 'tokens on every non-public route', property: fc.asyncProperty(tokenCase(target), check) },
    {
      name: "residents' ideas and the public board (moderated meanwhile; nothing private or unpublished shown)",
      property: fc.asyncProperty(
        fc.oneof({ arbitrary: ideaSubmissionCase(target), weight: 3 }, { arbitrary: boardCase(target), weight: 1 }),
        check,
      ),
    },
  ];
}

/** After a run: every round's stored count is exactly what the 201s added. */
export async function checkStoredTotals(
  target: FuzzTarget,
  tally: RouteTally,
  initial: Map<string, number>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [round, start] of initial) {
    const now = await target.storedCount(round);
    const expected = start + (tally.storedByRound.get(round) ?? 0);
    if (now !== expected) problems.push(`round ${round}: ${now} stored, ${expected} acknowledged with 201`);
  }
  return problems;
}
