// Generators of hostile requests for the route fuzzing: submission bodies (valid, broken, deep,
// huge, with prototype keys, duplicate keys, out-of-range numbers, invalid UTF-8, BOMs), wrong
// content types, odd methods, lying lengths, chunked bodies, hostile paths, queries and tokens.
import fc from 'fast-check';
import type { ParsedSurvey, Question } from '../../functions/core/questionnaire/index.ts';
import { MAX_BODY_BYTES, routes } from '../../functions/api/app.ts';
import type { RawRequest } from './rawHttp.ts';
import type { FuzzTarget } from './target.ts';

export type Lang = 'sv' | 'en';

/** One generated request and what the properties need to know about it. */
export interface RouteCase {
  label: string;
  request: RawRequest;
  /** The language the request asks for (Swedish when it asks for none). */
  lang: Lang;
  /** The round whose stored count this request may change (submissions only). */
  round: string | null;
  /** A non-public route: the token is garbage, so 401 (or an earlier 4xx) is the answer. */
  guarded: boolean;
  /** The request is wrong whatever its answers: it must not be accepted. */
  mustRefuse: boolean;
  /** An idea submission: the project it goes to, and whether the project takes ideas (ideaInputs.ts). */
  idea?: { projectId: string; takes: boolean };
  /** A read of a project's public idea board (ideaInputs.ts). */
  board?: { projectId: string };
}

const text = (value: string) => Buffer.from(value, 'utf8');

// ---------------------------------------------------------------------------------------------
// Values. Raw JSON number texts that JSON.stringify cannot write are carried as marker strings
// and spliced into the text afterwards.

const RAW = '\u0000raw:';
export const raw = (jsonText: string) => `${RAW}${jsonText}\u0000`;
export const spliceRaw = (json: string) => json.replace(/"\\u0000raw:(.*?)\\u0000"/g, '$1');

const numberTexts = fc.constantFrom(
  '1e309',
  '-1e309',
  '-0',
  '0.0',
  '5.5',
  '1e2',
  '10.000000000000001',
  '123456789012345678901234567890',
  '-9007199254740993',
  '4.9e-324',
  '1E-400',
  '0e0',
  '7',
);
export const hostileStrings = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x10',
  '٣',
  '５',
  ' 7 ',
  '7\u0000',
  '\u202e7',
  'dk',
  'none',
  'other',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  '\uFEFF',
  '\ud800',
  '\udfff',
  '💩',
  'e\u0301',
  '',
);
/** Strings with lone surrogates, control characters and anything else UTF-16 can hold. */
export const anyString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 20 }),
  hostileStrings,
);
export const hugeString = fc
  .tuple(
    fc.constantFrom(5_001, 20_000, MAX_BODY_BYTES - 200, MAX_BODY_BYTES + 1, 200_000),
    fc.string({ minLength: 1, maxLength: 3 }),
  )
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

export const scalar = fc.oneof(
  anyString,
  numberTexts.map(raw),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
export const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'answers', 'code', 'responseId'),
    ),
    tie('value'),
    { maxKeys: 4 },
  ),
})).value;

/** A value nested `depth` levels deep, as JSON text (arrays or objects). */
export const deepText = fc
  .tuple(fc.constantFrom(100, 1_000, 10_000, 40_000), fc.constantFrom('array', 'object', 'proto'))
  .map(([depth, kind]) => {
    if (kind === 'array') return raw('['.repeat(depth) + ']'.repeat(depth));
    const key = kind === 'proto' ? '__proto__' : 'a';
    const open = `{"${key}":`.repeat(depth);
    return raw(`${open}1${'}'.repeat(depth)}`);
  });

// ---------------------------------------------------------------------------------------------
// Answers: valid ones from the questionnaire, then broken ones.

function validAnswer(question: Question): fc.Arbitrary<unknown> | null {
  switch (question.kind) {
    case 'single':
      return fc.constantFrom(...question.choices.map((c) => c.value).filter((v) => v !== 'other'));
    case 'multiple':
      return fc.subarray(
        question.choices.map((c) => c.value).filter((v) => v !== 'other' && v !== 'none'),
        { minLength: 1 },
      );
    case 'boolean':
      return fc.constantFrom(question.valueTrue, question.valueFalse);
    case 'number':
      return fc.integer({ min: question.min ?? -1000, max: question.max ?? 1000 });
    case 'text':
      return fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
    case 'display':
    case 'matrix':
    case 'matrixdropdown':
    case 'matrixdynamic':
    case 'multipletext':
    case 'paneldynamic':
      return null;
  }
}

export function validAnswers(survey: ParsedSurvey): fc.Arbitrary<Record<string, unknown>> {
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const question of survey.questions) {
    const arbitrary = validAnswer(question);
    if (!arbitrary) continue;
    entries[question.name] = arbitrary;
    if (question.mustAnswer) required.push(question.name);
  }
  return fc.record(entries, { requiredKeys: required });
}

/** A code of the round (as printed, or as a resident might type it), or one that looks right. */
function inviteCode(target: FuzzTarget): fc.Arbitrary<string> {
  const issued = fc.nat({ max: target.codes.length - 1 }).map((i) => target.codes[i]!);
  return fc.oneof(
    { arbitrary: issued, weight: 6 },
    issued.map((code) => ` ${code.toLowerCase().replace('-', ' ')} `),
    fc
      .string({ unit: fc.constantFrom(...'ABCDEFGHJKMNPQRSTUVWXYZ23456789'), minLength: 10, maxLength: 10 })
      .map((code) => `${code.slice(0, 5)}-${code.slice(5)}`),
    fc.constantFrom('AAAAA-AAAAA', 'OOOOO-IIIII', 'ÅÄÖÅÄ-ÅÄÖÅÄ', 'AAAAA-AAAA\u0000'),
  );
}

/** A valid body, then (usually) one or more hostile changes to it. */
function submissionBody(target: FuzzTarget, access: 'open' | 'invite'): fc.Arbitrary<{ json: string; label: string }> {
  const names = target.survey.questions.map((q) => q.name);
  const base = fc.record({
    responseId: access === 'open' ? fc.uuid({ version: 4 }) : fc.constant(undefined),
    code: access === 'invite' ? inviteCode(target) : fc.constant(undefined),
    answers: validAnswers(target.survey),
  });
  const change = fc.oneof(
    { arbitrary: fc.constant((b: Record<string, unknown>) => ['valid', b] as const), weight: 4 },
    fc.tuple(fc.constantFrom(...names), fc.oneof(scalar, anyJson, deepText)).map(
      ([name, value]) =>
        (b: Record<string, unknown>) =>
          ['wrong answer type', { ...b, answers: { ...(b.answers as object), [name]: value } }] as const,
    ),
    fc.tuple(fc.constantFrom(...names), numberTexts).map(
      ([name, number]) =>
        (b: Record<string, unknown>) =>
          ['number out of range', { ...b, answers: { ...(b.answers as object), [name]: raw(number) } }] as const,
    ),
    fc.tuple(fc.constantFrom('responseId', 'code', 'answers'), fc.oneof(scalar, anyJson, deepText, hugeString)).map(
      ([field, value]) =>
        (b: Record<string, unknown>) =>
          ['wrong field type', { ...b, [field]: value }] as const,
    ),
    fc
      .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.boolean(), anyJson)
      .map(([key, inAnswers, value]) => (b: Record<string, unknown>) => {
        const polluting = { polluted: true, toString: 'x', ...((value as object) ?? {}) };
        return [
          'prototype key',
          inAnswers ? { ...b, answers: { ...(b.answers as object), [key]: polluting } } : { ...b, [key]: polluting },
        ] as const;
      }),
    fc.tuple(fc.constantFrom(...names, 'q_extra'), hugeString).map(
      ([name, value]) =>
        (b: Record<string, unknown>) =>
          ['huge string', { ...b, answers: { ...(b.answers as object), [name]: value } }] as const,
    ),
    fc.tuple(hugeString, fc.boolean()).map(
      ([key, inAnswers]) =>
        (b: Record<string, unknown>) =>
          [
            'huge key',
            inAnswers
              ? { ...b, answers: { ...(b.answers as object), [key.slice(0, 60_000)]: 1 } }
              : { ...b, [key.slice(0, 60_000)]: { [key.slice(0, 100)]: 1 } },
          ] as const,
    ),
    deepText.map((deep) => (b: Record<string, unknown>) => ['deep nesting', { ...b, answers: deep }] as const),
    deepText.map((deep) => (b: Record<string, unknown>) => ['deep nesting', { ...b, extra: deep }] as const),
    anyJson.map((value) => (_b: Record<string, unknown>) => ['any JSON', value as Record<string, unknown>] as const),
  );
  return fc.tuple(base, change, fc.boolean()).map(([body, changeBody, duplicate]) => {
    const clean = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const [label, changed] = changeBody(clean);
    let json = spliceRaw(JSON.stringify(changed) ?? 'null');
    // Written into the text as well: a computed key may have become a prototype on the way.
    if (label === 'prototype key')
      json = json
        .replace(/^\{/, `{"__proto__":{"polluted":true},`)
        .replace(/"answers":\{/, '"answers":{"__proto__":{"polluted":true},');
    // Duplicate keys: JSON.parse keeps the last one.
    if (duplicate && json.startsWith('{') && json.length > 2) json = `{"answers":{"q_nki_overall":1},${json.slice(1)}`;
    return { json, label: duplicate ? `${label} + duplicate key` : label };
  });
}

// ---------------------------------------------------------------------------------------------
// Transport: content types, encodings, lengths, methods, languages.

export const contentTypes = fc.oneof(
  { arbitrary: fc.constant<string | null>('application/json'), weight: 8 },
  fc.constantFrom<string | null>(
    null,
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/json; charset=latin1',
    'APPLICATION/JSON; Charset="UTF-8"',
    'application/jsonp',
    'application/json-patch+json',
    'application/json;charset=utf-16',
    '',
    '*/*',
    'application/json\u00e9',
  ),
);

export const languageChoice = fc.constantFrom<{ query: string; header: string | null; lang: Lang }>(
  { query: '', header: null, lang: 'sv' },
  { query: '?lang=en', header: null, lang: 'en' },
  { query: '?lang=sv', header: 'en', lang: 'sv' },
  { query: '', header: 'en-GB,en;q=0.9', lang: 'en' },
  { query: '', header: 'sv-SE', lang: 'sv' },
  { query: '?lang=xx', header: null, lang: 'sv' },
  { query: '?lang=%ff&lang=en', header: null, lang: 'sv' },
);

type Encoding =
  | 'utf8'
  | 'bom'
  | 'invalid-utf8'
  | 'overlong'
  | 'truncated'
  | 'chunked'
  | 'chunked-cut'
  | 'length-over-limit'
  | 'length-short'
  | 'length-long-cut'
  | 'length-huge'
  | 'no-length-no-chunks';
export const encodings = fc.oneof(
  { arbitrary: fc.constant<Encoding>('utf8'), weight: 8 },
  fc.constantFrom<Encoding>(
    'bom',
    'invalid-utf8',
    'overlong',
    'truncated',
    'chunked',
    'chunked-cut',
    'length-over-limit',
    'length-short',
    'length-long-cut',
    'length-huge',
    'no-length-no-chunks',
  ),
);

const INVALID_UTF8 = [
  Buffer.from([0xff]),
  Buffer.from([0xc3]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0xe9]),
];

export function encode(
  json: string,
  encoding: Encoding,
  position: number,
  junk: number,
): Pick<RawRequest, 'body' | 'contentLength' | 'chunks' | 'unterminated' | 'halfClose'> {
  const bytes = text(json);
  const at = Math.floor(position * bytes.length);
  switch (encoding) {
    case 'utf8':
      return { body: bytes, contentLength: true };
    case 'bom':
      return { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), contentLength: true };
    case 'invalid-utf8':
      return {
        body: Buffer.concat([bytes.subarray(0, at), INVALID_UTF8[junk % INVALID_UTF8.length]!, bytes.subarray(at)]),
        contentLength: true,
      };
    case 'overlong': // "/" written as two bytes inside a string, which strict decoders refuse
      return {
        body: Buffer.from(text(json.replace('"', '"\u0000')).map((b) => (b === 0 ? 0xc0 : b))),
        contentLength: true,
      };
    case 'truncated':
      return { body: bytes.subarray(0, at), contentLength: true };
    case 'chunked': {
      const size = 1 + (junk % 7) * 997;
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      return { chunks };
    }
    case 'chunked-cut': // chunks, then the connection ends without the last (empty) chunk
      return { chunks: [bytes.subarray(0, at), bytes.subarray(at)], unterminated: true, halfClose: true };
    case 'length-over-limit':
      return { body: bytes, contentLength: String(MAX_BODY_BYTES + 1 + junk) };
    case 'length-short':
      return { body: bytes, contentLength: String(Math.max(0, at - 1)) };
    case 'length-long-cut': // announces more than it sends, then ends the connection
      return { body: bytes, contentLength: String(bytes.length + 1 + (junk % 100)), halfClose: true };
    case 'length-huge': // values Node refuses, or (" 12": spaces are trimmed) reads and then waits for
      return {
        body: bytes,
        contentLength: ['99999999999999999999999999', '1e3', '-1', '0x10', ' 12', '18446744073709551616'][junk % 6]!,
        halfClose: true,
      };
    case 'no-length-no-chunks': // body bytes with neither header: the server takes an empty body
      return { body: bytes };
  }
}

export const isJsonType = (type: string | null) =>
  type !== null && /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?)?$/i.test(type);

export const methods = fc.oneof(
  { arbitrary: fc.constant('POST'), weight: 12 },
  fc.constantFrom(
    'GET',
    'PUT',
    'PATCH',
    'DELETE',
    'OPTIONS',
    'HEAD',
    'TRACE',
    'FOO',
    'post',
    'PROPFIND',
    'M-SEARCH',
    'POST ',
  ),
);

/** Submissions to the open, invited, closed or an unknown round. */
export function submissionCase(target: FuzzTarget): fc.Arbitrary<RouteCase> {
  const roundChoice = fc.constantFrom(
    { id: target.openRound, access: 'open' as const, counted: true },
    { id: target.openRound, access: 'open' as const, counted: true },
    { id: target.inviteRound, access: 'invite' as const, counted: true },
    { id: target.closedRound, access: 'open' as const, counted: true },
    { id: 'no-such-round', access: 'open' as const, counted: false },
  );
  return roundChoice.chain((round) =>
    fc
      .record({
        body: submissionBody(target, round.access),
        contentType: contentTypes,
        encoding: encodings,
        position: fc.double({ min: 0, max: 1, noNaN: true }),
        junk: fc.nat(1000),
        method: methods,
        language: languageChoice,
      })
      .map(({ body, contentType, encoding, position, junk, method, language }): RouteCase => {
        const headers: [string, string][] = [];
        if (contentType !== null) headers.push(['Content-Type', contentType]);
        if (language.header) headers.push(['Accept-Language', language.header]);
        return {
          label: `submit ${round.access}: ${body.label}, ${contentType ?? 'no type'}, ${encoding}, ${method}`,
          request: {
            method,
            target: `/api/public/rounds/${round.id}/responses${language.query}`,
            headers,
            ...encode(body.json, encoding, position, junk),
          },
          lang: language.lang,
          round: round.counted ? round.id : null,
          guarded: false,
          mustRefuse:
            body.label.startsWith('prototype key') ||
            (encoding !== 'utf8' && encoding !== 'bom' && encoding !== 'chunked') ||
            !isJsonType(contentType) ||
            method.trim() !== 'POST' ||
            (round.id !== target.openRound && round.id !== target.inviteRound),
        };
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// Paths and queries: every public GET, the web pages, assets and paths that match nothing.

const pathSegment = fc.oneof(
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '..%2f..%2fpackage.json',
    '%00',
    '%ff',
    '%E0%A4%A',
    '%',
    '%%',
    '%u0041',
    'a%2Fb',
    '%C0%AF',
    '\\..\\',
    '~',
    'index.html',
    'app.js',
    '.env',
    'survey.js',
    'x'.repeat(5000),
    '__proto__',
    'constructor',
  ),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const queryString = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 10 }), { maxKeys: 3 })
    .map((q) => `?${new URLSearchParams(q)}`),
  fc.constantFrom(
    '?lang=en',
    '?lang=sv&lang=en',
    '?%ff=%fe',
    '?a=%',
    '?__proto__[x]=1',
    '?constructor[prototype][x]=1',
    `?${'a=1&'.repeat(2000)}`,
    '?&&&=',
    '?lang',
  ),
  fc.uint8Array({ minLength: 1, maxLength: 10 }).map((bytes) => `?${Buffer.from(bytes).toString('latin1')}`),
);

export function pathCase(target: FuzzTarget): fc.Arbitrary<RouteCase> {
  const known = [
    `/api/public/rounds/${target.openRound}`,
    `/api/public/rounds/${target.inviteRound}`,
    `/api/public/rounds/${target.closedRound}`,
    '/api/health',
    '/api/openapi.json',
    '/api/docs',
    `/s/${target.openRound}`,
    `/dashboard/${target.projectId}`,
    `/report/${target.projectId}`,
    `/api/public/projects/${target.projectId}/ideas`,
    `/api/public/projects/${target.unmoderated}/ideas`,
    '/admin',
    '/',
    '/assets/survey.js',
    '/assets/base.css',
  ];
  const templates = [
    '/api/public/rounds/{}',
    '/api/public/rounds/{}/responses',
    '/api/public/projects/{}/ideas',
    '/s/{}',
    '/dashboard/{}',
    '/report/{}',
    '/assets/{}',
    '/api/{}',
    '/{}',
    '/api/public/{}/{}',
    '/{}/{}/{}',
  ];
  const path = fc.oneof(
    fc.constantFrom(...known),
    fc
      .tuple(fc.constantFrom(...templates), fc.array(pathSegment, { minLength: 3, maxLength: 3 }))
      .map(([template, segments]) => {
        let i = 0;
        return template.replace(/\{\}/g, () => segments[i++]!);
      }),
  );
  return fc
    .record({
      path,
      query: queryString,
      method: fc.oneof(
        { arbitrary: fc.constant('GET'), weight: 6 },
        fc.constantFrom('HEAD', 'OPTIONS', 'DELETE', 'PUT', 'POST', 'TRACE'),
      ),
      language: languageChoice,
      body: fc.option(anyJson),
    })
    .map(({ path: target0, query, method, language, body }): RouteCase => {
      const headers: [string, string][] = [];
      if (language.header) headers.push(['Accept-Language', language.header]);
      const withBody = body !== null && method !== 'GET' && method !== 'HEAD';
      if (withBody) headers.push(['Content-Type', 'application/json']);
      const query0 =
        language.query === '' ? query : query === '' ? language.query : `${query}&${language.query.slice(1)}`;
      return {
        label: `${method} path`,
        request: {
          method,
          target: target0 + query0,
          headers,
          ...(withBody ? { body: text(spliceRaw(JSON.stringify(body) ?? 'null')), contentLength: true } : {}),
        },
        // The language is what `lang` or Accept-Language say: the first `lang` value counts, and
        // the query starts at the first "?" (a path segment may hold one).
        lang: languageOfQuery(`${target0}${query0}`, language.header),
        round: null,
        guarded: false,
        mustRefuse: false,
      };
    });
}

function languageOfQuery(target: string, header: string | null): Lang {
  const at = target.indexOf('?');
  let first: string | null = null;
  try {
    // A leading "&": URLSearchParams would drop a "?" that starts the query as a prefix.
    first = at === -1 ? null : new URLSearchParams(`&${target.slice(at + 1)}`).get('lang');
  } catch {
    first = null;
  }
  if (first === 'en' || first === 'sv') return first;
  return header !== null && /^en\b/i.test(header) ? 'en' : 'sv';
}

// ---------------------------------------------------------------------------------------------
// Tokens on every non-public route: garbage, tampered, wrong scheme.

export function tokenCase(target: FuzzTarget): fc.Arbitrary<RouteCase> {
  const guarded = routes.filter((spec) => spec.access.kind !== 'public');
  const b64 = fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
    maxLength: 60,
  });
  const [header, payload, signature] = target.adminToken.split('.') as [string, string, string];
  const tampered = fc
    .tuple(
      fc.constantFrom(0, 1),
      fc.nat(),
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
    )
    .map(([part, at, ch]) => {
      // Change one character of the header or the payload: the signature no longer matches.
      const chosen = part === 0 ? header : payload;
      const i = at % chosen.length;
      const changed = chosen.slice(0, i) + (chosen[i] === ch ? (ch === 'A' ? 'B' : 'A') : ch) + chosen.slice(i + 1);
      return part === 0 ? `${changed}.${payload}.${signature}` : `${header}.${changed}.${signature}`;
    });
  const credential = fc.oneof(
    fc.tuple(b64, b64, b64).map(([a, b, c]) => `Bearer ${a}.${b}.${c}`),
    tampered.map((token) => `Bearer ${token}`),
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'bearer',
      `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      `Bearer ${header}.${payload}.`,
      `Bearer ${header}.${payload}`,
      `Bearer eyJhbGciOiJub25lIn0.${payload}.`,
      `Bearer ${target.adminToken} extra`,
      `Token ${target.adminToken}`,
      `Bearer ${'a'.repeat(8000)}`,
      `Bearer ${signature}.${payload}.${header}`,
    ),
    fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`),
    fc.uint8Array({ minLength: 1, maxLength: 20 }).map(
      (bytes) =>
        `Bearer ${Buffer.from(bytes)
          .toString('latin1')
          .replace(/[\r\n]/g, '')}`,
    ),
    fc.constant(null),
  );
  return fc
    .record({
      spec: fc.constantFrom(...guarded),
      credential,
      body: anyJson,
      id: fc.constantFrom(target.openRound, target.projectId, 'nope', '%ff'),
    })
    .map(({ spec, credential: auth, body, id }): RouteCase => {
      const headers: [string, string][] = [];
      if (auth !== null) headers.push(['Authorization', auth]);
      const path = spec.path
        .replace(':projectId', spec.access.kind === 'project' ? (id === target.openRound ? target.projectId : id) : id)
        .replace(':roundId', id === target.projectId ? target.openRound : id)
        .replace(':ideaId', id);
      const post = spec.method === 'post';
      if (post) headers.push(['Content-Type', 'application/json']);
      return {
        label: `${spec.method.toUpperCase()} ${spec.path} with ${auth === null ? 'no token' : 'a bad token'}`,
        request: {
          method: spec.method.toUpperCase(),
          target: `${path}${spec.path.endsWith('comparison') ? `?baseline=${id}&followup=${id}` : ''}`,
          headers,
          ...(post ? { body: text(spliceRaw(JSON.stringify(body) ?? 'null')), contentLength: true } : {}),
        },
        lang: 'sv',
        round: null,
        guarded: true,
        mustRefuse: true,
      };
    });
}
