// Generators of hostile requests to residents' ideas: submissions (valid ones, wrong types, missing,
// short and oversized fields, unknown keys, hostile strings, contact details without consent, bad
// e-mail addresses, huge and deep bodies, wrong projects, bad content types and encodings) and
// reads of the public board. Every title, contact detail and e-mail address carries a tag
// (ideaPrivacy.ts) by which the privacy property finds it again in any answer.
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../functions/api/app.ts';
import {
  anyJson,
  anyString,
  contentTypes,
  deepText,
  encode,
  encodings,
  hostileStrings,
  hugeString,
  isJsonType,
  languageChoice,
  methods,
  scalar,
  spliceRaw,
  type RouteCase,
} from './routeInputs.ts';
import { FUZZ_AREAS, type FuzzTarget } from './target.ts';

/** A tag of one kind: i (an idea's title), c (a contact detail), r (a moderator's reason). */
export const tagOf = (kind: 'i' | 'c' | 'r') =>
  fc.uuid({ version: 4 }).map((uuid) => `${kind}tag-${uuid.replace(/-/g, '').slice(-12)}`);

const TITLES = [
  'Badplats vid Gårdebysjön',
  'Cykelväg till skolan',
  'Laddstolpar vid affären',
  'Ny lekplats i byn',
  'Öppna bygdegården för unga',
  '<script>alert(1)</script>',
  "Robert'); DROP TABLE ideas;--",
  '   Mellanslag runt om   ',
  'Ä',
];
const TEXTS = [
  'En brygga och en bänk, så att barnen kan bada tryggt.',
  'Belysning längs vägen på vintern.',
  '💩'.repeat(3),
  'e\u0301\u202e\uFEFF',
  'x',
];

const title = fc
  .tuple(fc.oneof(fc.constantFrom(...TITLES), fc.string({ maxLength: 80 }), hostileStrings), tagOf('i'))
  .map(([text, tag]) => `${text.slice(0, 100)} ${tag}`);
const text = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim() !== ''),
);
const contact = tagOf('c').chain((tag) =>
  fc.oneof(
    fc.constant({ name: `Namn ${tag}`, email: `${tag}@example.se` }),
    fc.constant({ name: `Namn ${tag}` }),
    fc.constant({ email: `${tag}@example.se` }),
    hostileStrings.map((name) => ({ name: `${name} ${tag}`, email: `${tag}.${name.length}@example.se` })),
  ),
);

const base = fc.record(
  {
    title,
    text,
    area: fc.constantFrom(...FUZZ_AREAS.map((area) => area.id)),
    contact,
  },
  { requiredKeys: ['title', 'text'] },
);

type Body = Record<string, unknown>;
/** A change to a valid body: its label, the body now, and whether the API must refuse it. */
type Change = (body: Body) => readonly [string, unknown, boolean];

const withConsent = (body: Body): Body => (body.contact ? { ...body, consent: true } : body);
const without = (body: Body, key: string): Body => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));
const FIELDS = ['title', 'text', 'area', 'contact', 'consent'] as const;

const changes: fc.Arbitrary<Change> = fc.oneof(
  { arbitrary: fc.constant<Change>((b) => ['valid', withConsent(b), false]), weight: 6 },
  contact.map<Change>((c) => (b) => ['contact without consent', { ...b, contact: c }, true]),
  fc
    .tuple(contact, fc.constantFrom<unknown>(false, 'true', 1, null, 'ja', [true]))
    .map<Change>(([c, consent]) => (b) => [
      'contact with a consent other than true',
      { ...b, contact: c, consent },
      true,
    ]),
  fc
    .tuple(
      tagOf('c'),
      fc.constantFrom('inte-en-adress', '{}@', '@example.se', 'a b@{}.se', '{}@@example.se', '{}@example..se', '{}'),
    )
    .map<Change>(([tag, email]) => (b) => [
      'a bad e-mail address',
      { ...b, contact: { email: email.replace('{}', tag) }, consent: true },
      true,
    ]),
  fc.constantFrom('title', 'text').map<Change>((field) => (b) => [`no ${field}`, withConsent(without(b, field)), true]),
  fc
    .constantFrom(
      ['title', 'ab'],
      ['title', '   a   '],
      ['title', 'x'.repeat(121)],
      ['text', ''],
      ['text', ' \n\t '],
      ['text', 'x'.repeat(4001)],
      ['area', ''],
      ['area', 'atlantis'],
      ['area', '__proto__'],
      ['area', 'toString'],
      ['area', 'Gårdeby'],
      ['area', 'x'.repeat(101)],
    )
    .map<Change>(([field, value]) => (b) => [`${field} out of bounds`, withConsent({ ...b, [field]: value }), true]),
  fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(scalar, anyJson, deepText)).map<Change>(([field, value]) => (b) => [
    `wrong ${field} type`,
    withConsent({ ...b, [field]: value }),
    false,
  ]),
  fc.tuple(fc.constantFrom('title', 'text', 'contact.name'), hostileStrings).map<Change>(([field, value]) => (b) => {
    const body = withConsent(b);
    if (field !== 'contact.name') return ['hostile string', { ...body, [field]: `${value}${body[field]}` }, false];
    const given = (b.contact ?? {}) as Body;
    return [
      'hostile string',
      { ...body, contact: { ...given, name: `${value} ${given.name ?? ''}` }, consent: true },
      false,
    ];
  }),
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom('id', 'state', 'projectId', 'hasContact', 'published', 'reason', 'mergedInto', 'phone'),
        fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !(FIELDS as readonly string[]).includes(key)),
      ),
      fc.boolean(),
      scalar,
    )
    .map<Change>(([key, inContact, value]) => (b) => {
      if (!inContact) return ['unknown key', withConsent({ ...b, [key]: value }), true];
      return [
        'unknown contact key',
        { ...b, contact: { ...(b.contact as object), [key]: value }, consent: true },
        true,
      ];
    }),
  fc.tuple(fc.constantFrom('title', 'text', 'contact'), hugeString).map<Change>(([field, value]) => (b) => {
    if (field !== 'contact') return [`huge ${field}`, withConsent({ ...b, [field]: value }), true];
    return ['huge contact name', { ...b, contact: { name: value }, consent: true }, true];
  }),
  deepText.map<Change>((deep) => (b) => ['deep nesting', { ...b, contact: deep, consent: true }, true]),
  fc.constant<Change>((b) => ['prototype key', withConsent(b), true]),
  anyJson.map<Change>((value) => () => ['any JSON', value, false]),
  anyString.map<Change>((value) => () => ['a string body', value, true]),
);

/** A body for an idea: valid, then (usually) one hostile change; as JSON text. */
const ideaBody = fc.tuple(base, changes, fc.boolean()).map(([body, change, duplicate]) => {
  const [label, changed, mustRefuse] = change(body);
  let json = spliceRaw(JSON.stringify(changed) ?? 'null');
  if (label === 'prototype key') json = json.replace(/^\{/, '{"__proto__":{"polluted":true},');
  // Duplicate keys: JSON.parse keeps the last one.
  if (duplicate && json.startsWith('{') && json.length > 2) json = `{"title":"ab",${json.slice(1)}`;
  return { json, label: duplicate ? `${label} + duplicate key` : label, mustRefuse };
});

/** Where an idea goes: the projects that take ideas, a closed one, and projects that do not exist. */
function ideaProjects(target: FuzzTarget) {
  const takes = (projectId: string) => ({ projectId, takes: true });
  return fc.oneof(
    { arbitrary: fc.constantFrom(...target.premoderated.map(takes)), weight: 8 },
    { arbitrary: fc.constant(takes(target.unmoderated)), weight: 3 },
    fc.constantFrom(
      ...[target.ideasClosed, 'no-such-project', target.openRound, 'x'.repeat(5000), '%ff', '__proto__', 'a%2Fb'].map(
        (projectId) => ({ projectId, takes: false }),
      ),
    ),
  );
}

/** Idea submissions, with the transport's faults (routeInputs.ts). */
export function ideaSubmissionCase(target: FuzzTarget): fc.Arbitrary<RouteCase> {
  return fc
    .record({
      project: ideaProjects(target),
      body: ideaBody,
      contentType: contentTypes,
      encoding: encodings,
      position: fc.double({ min: 0, max: 1, noNaN: true }),
      junk: fc.nat(1000),
      method: methods,
      language: languageChoice,
    })
    .map(({ project, body, contentType, encoding, position, junk, method, language }): RouteCase => {
      const headers: [string, string][] = [];
      if (contentType !== null) headers.push(['Content-Type', contentType]);
      if (language.header) headers.push(['Accept-Language', language.header]);
      const sent = encode(body.json, encoding, position, junk);
      return {
        label: `idea: ${body.label}, ${contentType ?? 'no type'}, ${encoding}, ${method}, ${project.takes ? 'open' : 'refusing'} project`,
        request: {
          method,
          target: `/api/public/projects/${project.projectId}/ideas${language.query}`,
          headers,
          ...sent,
        },
        lang: language.lang,
        round: null,
        guarded: false,
        // GET and HEAD on this path read the board, whatever body they carry.
        mustRefuse:
          !['GET', 'HEAD'].includes(method) &&
          (body.mustRefuse ||
            (encoding !== 'utf8' && encoding !== 'bom' && encoding !== 'chunked') ||
            !isJsonType(contentType) ||
            method.trim() !== 'POST' ||
            !project.takes ||
            (sent.body?.length ?? 0) > MAX_BODY_BYTES),
        idea: project,
      };
    });
}

/** Reads of the public board of every idea project, in both languages, with odd queries and methods. */
export function boardCase(target: FuzzTarget): fc.Arbitrary<RouteCase> {
  return fc
    .record({
      projectId: fc.constantFrom(
        ...target.premoderated,
        target.unmoderated,
        target.ideasClosed,
        target.openRound,
        'no-such-project',
      ),
      query: fc.constantFrom('', 'state=received', 'state=rejected', 'contact=1', 'includeContact=true', '__proto__=x'),
      language: languageChoice,
      method: fc.oneof({ arbitrary: fc.constant('GET'), weight: 8 }, fc.constantFrom('HEAD', 'OPTIONS', 'get')),
    })
    .map(({ projectId, query, language, method }): RouteCase => {
      const headers: [string, string][] = [];
      if (language.header) headers.push(['Accept-Language', language.header]);
      const search = [language.query.slice(1), query].filter((part) => part !== '').join('&');
      return {
        label: `${method} the idea board`,
        request: { method, target: `/api/public/projects/${projectId}/ideas${search ? `?${search}` : ''}`, headers },
        // `lang` wins over Accept-Language; a bare query of another key leaves the choice to the header.
        lang: language.lang,
        round: null,
        guarded: false,
        mustRefuse: false,
        board: { projectId },
      };
    });
}
