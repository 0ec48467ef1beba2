// The privacy checks of the idea fuzzing can fail: a board or any public answer that shows a
// received, rejected or withdrawn idea, a contact detail, a reason or a refused submission is
// flagged; one that shows only what is public is not.
import { describe, expect, it } from 'vitest';
import {
  boardProblem,
  newLedger,
  publicLeak,
  recordSubmission,
  tagsOfRequest,
  withFreshTags,
  type IdeaLedger,
} from './ideaPrivacy.ts';

const P = 'project1';
const EMAIL = 'ctag-0123456789ab@example.se';

function ledgerWithIdeas(): IdeaLedger {
  const ledger = newLedger();
  const submit = (id: string, title: string, state: string, contact?: string) =>
    recordSubmission(ledger, P, new Set([title, ...(contact ? [contact] : [])]), 201, { id, state });
  submit('published1', 'itag-aaaaaaaaaaaa', 'published', 'ctag-0123456789ab');
  submit('received01', 'itag-bbbbbbbbbbbb', 'received');
  const rejected = submit('rejected01', 'itag-cccccccccccc', 'received')!;
  rejected.state = 'rejected';
  recordSubmission(ledger, P, new Set(['itag-dddddddddddd', 'ctag-ffffffffffff']), 400, null);
  return ledger;
}

const entry = (id: string, title: string, state = 'published') => ({
  id,
  title: `Badplats ${title}`,
  text: 'En brygga.',
  area: null,
  state,
  mergedInto: null,
  merged: [],
  submittedAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
});
const board = (...ideas: unknown[]) => ({ project: { id: P, name: 'Idéer', areas: [], open: true }, ideas });
const leak = (ledger: IdeaLedger, answer: unknown, sent = new Set<string>()) =>
  publicLeak(ledger, JSON.stringify(answer), answer, sent);

describe('the privacy property of ideas', () => {
  it('passes a board that shows exactly the public ideas', () => {
    const ledger = ledgerWithIdeas();
    const good = board(entry('published1', 'itag-aaaaaaaaaaaa'));
    expect(leak(ledger, good)).toBeNull();
    expect(boardProblem(ledger, P, good)).toBeNull();
  });

  it("flags a received idea's id, wherever it is", () => {
    const ledger = ledgerWithIdeas();
    expect(leak(ledger, board(entry('received01', 'ohne')))).toMatch(/received idea \(received01\)/);
    const pointing = { ...entry('published1', 'itag-aaaaaaaaaaaa'), mergedInto: 'received01' };
    expect(leak(ledger, board(pointing))).toMatch(/received idea/);
    expect(boardProblem(ledger, P, board(entry('published1', 'itag-aaaaaaaaaaaa'), entry('received01', 'x')))).toMatch(
      /shows a received idea/,
    );
  });

  it('flags the title of a rejected idea and of a refused submission, and any reason', () => {
    const ledger = ledgerWithIdeas();
    expect(leak(ledger, { message: 'Badplats itag-cccccccccccc' })).toMatch(/rejected idea/);
    expect(leak(ledger, { x: 'itag-dddddddddddd' })).toMatch(/refused submission/);
    ledger.secret.add('rtag-eeeeeeeeeeee');
    expect(leak(ledger, { reason: 'Skäl: rtag-eeeeeeeeeeee' })).toMatch(/reason/);
  });

  it("flags a submitted e-mail address or name in any public answer, even a published idea's own", () => {
    const ledger = ledgerWithIdeas();
    const withEmail = { ...entry('published1', 'itag-aaaaaaaaaaaa'), text: `Skriv till ${EMAIL}` };
    expect(leak(ledger, board(withEmail))).toMatch(/contact detail/);
    expect(leak(ledger, 'Namn ctag-ffffffffffff')).toMatch(/contact detail/);
    // The answer to the very request that sent it may echo it (an error naming the bad value).
    expect(leak(ledger, { error: EMAIL }, new Set(['ctag-0123456789ab']))).toBeNull();
  });

  it('flags a board with private fields, a wrong state, or a public idea left out', () => {
    const ledger = ledgerWithIdeas();
    const withContact = { ...entry('published1', 'itag-aaaaaaaaaaaa'), contact: { email: 'x' } };
    expect(boardProblem(ledger, P, board(withContact))).toMatch(/fields/);
    expect(boardProblem(ledger, P, board(entry('published1', 'itag-aaaaaaaaaaaa', 'planned')))).toMatch(/as planned/);
    expect(boardProblem(ledger, P, board())).toMatch(/leaves out the published idea published1/);
    expect(boardProblem(ledger, P, board(entry('nobody0000', 'x')))).toMatch(/never acknowledged/);
  });

  it('makes every tag of a request fresh, the same tag the same way, keeping the bytes in place', () => {
    const body = Buffer.from(
      '{"title":"a itag-000000000000","contact":{"email":"ctag-000000000000@example.se","name":"ctag-000000000000"}}',
    );
    const fresh = withFreshTags({ method: 'POST', target: '/x', body, contentLength: true });
    expect(fresh.body!.length).toBe(body.length);
    const tags = [...tagsOfRequest(fresh)];
    expect(tags).toHaveLength(2);
    expect(tags.every((tag) => !tag.endsWith('000000000000'))).toBe(true);
  });
});
