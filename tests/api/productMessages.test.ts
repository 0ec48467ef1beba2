// No raw library message reaches a user: every zod issue the API answers is put in the product's
// own words (functions/api/errors.ts), in Swedish and English. Checked two ways: each issue code
// on its own, with exact messages; and a walk of many bad bodies and queries over every route
// that takes one, in both languages, where no message may read like zod's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { routes } from '../../functions/api/app.ts';
import { zodIssueMessage } from '../../functions/api/errors.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

/** Phrasings of zod's own messages, English and Swedish (its locale), and of other libraries. */
const LIBRARY_PHRASES = [
  /förväntade/i,
  /förväntat/i,
  /ogiltig inmatning/i,
  /för (lite|stor|mycket|liten)\(?t?\)?:/i,
  /invalid input/i,
  /\bexpected\b/i,
  /\breceived\b/i,
  /too small/i,
  /too big/i,
  />=|<=/,
  /unrecognized key/i,
  /invalid (string|option|key|element|union|format|enum|literal|type)/i,
  /\bnonoptional\b/i,
  /\bZod/i,
  /\bat position \d/i, // JSON.parse's
  /\bundefined\b|\bNaN\b|\[object Object\]/,
];

const readsLikeALibrary = (message: string) => LIBRARY_PHRASES.find((phrase) => phrase.test(message));

describe('zod issues in the product words, by code', () => {
  const cases: [string, z.ZodType, unknown, string, string][] = [
    ['missing', z.strictObject({ name: z.string() }), {}, 'Namnet finns inte med.', 'the name is missing'],
    [
      'missing, plural',
      z.strictObject({ areas: z.array(z.string()) }),
      {},
      'Områdena finns inte med.',
      'the areas are missing',
    ],
    [
      'wrong type',
      z.strictObject({ count: z.number() }),
      { count: '3' },
      'Antalet ska vara ett tal.',
      'the count must be a number',
    ],
    [
      'not whole',
      z.strictObject({ count: z.number().int() }),
      { count: 2.5 },
      'Antalet ska vara ett heltal.',
      'the count must be a whole number',
    ],
    [
      'empty text',
      z.strictObject({ name: z.string().min(1) }),
      { name: '' },
      'Namnet behöver minst ett tecken.',
      'the name must not be empty',
    ],
    [
      'short text',
      z.strictObject({ code: z.string().min(5) }),
      { code: 'ab' },
      'Koden ska ha minst 5 tecken.',
      'the code must have at least 5 characters',
    ],
    [
      'long text',
      z.strictObject({ name: z.string().max(3) }),
      { name: 'abcd' },
      'Namnet får ha högst 3 tecken.',
      'the name may have at most 3 characters',
    ],
    [
      'empty list',
      z.strictObject({ indicators: z.array(z.string()).min(1) }),
      { indicators: [] },
      'Indikatorerna behöver minst en post.',
      'the indicators need at least one entry',
    ],
    [
      'long list',
      z.strictObject({ areas: z.array(z.string()).max(1) }),
      { areas: ['a', 'b'] },
      'Områdena får ha högst 1 poster.',
      'the areas may have at most 1 entries',
    ],
    [
      'small number',
      z.strictObject({ minGroupSize: z.number().min(3) }),
      { minGroupSize: 2 },
      'Minsta gruppstorleken ska vara minst 3.',
      'the minimum group size must be at least 3',
    ],
    [
      'exclusive bound',
      z.strictObject({ alpha: z.number().gt(0) }),
      { alpha: 0 },
      'Signifikansnivån (alpha) ska vara större än 0.',
      'the significance level (alpha) must be greater than 0',
    ],
    [
      'large number',
      z.strictObject({ count: z.number().max(10) }),
      { count: 11 },
      'Antalet får vara högst 10.',
      'the count may be at most 10',
    ],
    [
      'format',
      z.strictObject({ responseId: z.uuid() }),
      { responseId: 'x' },
      'Svarets id ska vara ett UUID (som 123e4567-e89b-42d3-a456-426614174000).',
      'the response id must be a UUID (like 123e4567-e89b-42d3-a456-426614174000)',
    ],
    [
      'pattern',
      z.strictObject({ code: z.string().regex(/^a+$/) }),
      { code: 'b' },
      'Koden har fel form.',
      'the code is not in the right form',
    ],
    ['unknown key', z.strictObject({}), { extra: 1 }, 'Fältet finns inte: "extra".', 'unknown field: "extra"'],
    ['unknown keys', z.strictObject({}), { a: 1, b: 2 }, 'Fälten finns inte: "a", "b".', 'unknown fields: "a", "b"'],
    [
      'enum',
      z.strictObject({ kind: z.enum(['baseline', 'followup']) }),
      { kind: 'x' },
      'Sorten ska vara ett av: "baseline", "followup".',
      'the kind must be one of: "baseline", "followup"',
    ],
    [
      'literal',
      z.strictObject({ kind: z.literal('index') }),
      { kind: 'x' },
      'Sorten ska vara "index".',
      'the kind must be "index"',
    ],
    [
      'union',
      z.strictObject({ code: z.union([z.number(), z.boolean()]) }),
      { code: 'x' },
      'Koden har ingen av de former som godtas.',
      'the code has none of the forms accepted',
    ],
    [
      'discriminated union',
      z.strictObject({
        indicators: z.array(
          z.discriminatedUnion('kind', [z.object({ kind: z.literal('mean') }), z.object({ kind: z.literal('share') })]),
        ),
      }),
      { indicators: [{ kind: 'x' }] },
      'Sorten ska vara ett av: "mean", "share".',
      'the kind must be one of: "mean", "share"',
    ],
    [
      'element of a list',
      z.strictObject({ areas: z.array(z.string()) }),
      { areas: [5] },
      'Området ska vara en text.',
      'the area must be a text',
    ],
    [
      'record key',
      z.strictObject({ answers: z.record(z.string().max(2), z.number()) }),
      { answers: { abc: 1 } },
      'Svaren har en nyckel som inte godtas.',
      'the answers have a key that is not accepted',
    ],
    [
      'multiple of',
      z.strictObject({ count: z.number().multipleOf(5) }),
      { count: 7 },
      'Antalet ska vara en multipel av 5.',
      'the count must be a multiple of 5',
    ],
    [
      'custom without a message',
      z.strictObject({ code: z.string().refine(() => false) }),
      { code: 'x' },
      'Koden godtas inte.',
      'the code is not accepted',
    ],
    [
      'a field the API does not know',
      z.strictObject({ zzz: z.number() }),
      { zzz: 'x' },
      'Värdet ska vara ett tal.',
      'the value must be a number',
    ],
  ];

  it.each(cases)('%s', (_label, schema, input, sv, en) => {
    const message = (lang: 'sv' | 'en') => {
      const parsed = schema.safeParse(input, { error: (issue) => zodIssueMessage(issue, lang) });
      expect(parsed.success).toBe(false);
      return parsed.error!.issues[0]!.message;
    };
    expect(message('sv')).toBe(sv);
    expect(message('en')).toBe(en);
  });

  it("keeps a schema's own message (a refine's), which is the product's", () => {
    const schema = z.string().refine(() => false, 'from must be before to');
    const parsed = schema.safeParse('x', { error: (issue) => zodIssueMessage(issue, 'sv') });
    expect(parsed.error!.issues[0]!.message).toBe('from must be before to');
  });

  it('keeps hostile keys short and printable', () => {
    const parsed = z
      .strictObject({})
      .safeParse(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${'k'.repeat(100)}\u0000${i}`, i])), {
        error: (issue) => zodIssueMessage(issue, 'en'),
      });
    const message = parsed.error!.issues[0]!.message;
    expect(message.length).toBeLessThan(600);
    expect(message).toMatch(/and 20 more$/);
    expect(message.includes('\u0000')).toBe(false);
  });
});

describe('bad input over every route that takes a body or a query', () => {
  const areas = [
    { id: 'gardeby', name: 'Gårdeby' },
    { id: 'bottna', name: 'Bottna' },
  ];
  const template = builtInTemplate(areas);
  let api: TestApi;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    ids.projectId = (await api.call('POST', '/api/projects', { body: { name: 'Walk', areas } })).json.id;
    ids.questionnaireId = (
      await api.call('POST', `/api/projects/${ids.projectId}/questionnaires`, { body: template })
    ).json.id;
    ids.roundId = (
      await api.call('POST', `/api/projects/${ids.projectId}/rounds`, {
        body: { kind: 'baseline', name: 'Walk', questionnaireId: ids.questionnaireId, access: 'invite' },
      })
    ).json.id;
    ids.tokenId = 'no-such-token';
  }, 60_000);
  afterAll(async () => api?.close());

  /** Values of the wrong type, size or form for any field. */
  const BAD_VALUES: unknown[] = [
    null,
    true,
    0,
    -1,
    2.5,
    1e308,
    '',
    ' ',
    'x',
    'x'.repeat(20_000),
    [],
    [null],
    [1, 'a', {}],
    {},
    { nested: { deeper: [1] } },
    '2026-13-45',
  ];

  /** Bodies for the questionnaire route that go deeper than the top level: the survey reader's messages. */
  const SURVEYS: unknown[] = [
    { pages: 5 },
    { pages: [5] },
    { pages: [{ elements: 'x' }] },
    { pages: [{ elements: [{ type: 5 }] }] },
    { pages: [{ elements: [{ type: 'radiogroup', name: 5, choices: 'x' }] }] },
    { pages: [{ elements: [{ type: 'radiogroup', name: 'q', choices: [{}] }] }] },
    { pages: [{ elements: [{ type: 'rating', name: 'q', rateMin: 'a', rateMax: [] }] }] },
    { pages: [{ elements: [{ type: 'text', name: 'q', maxLength: -1, inputType: 5 }] }] },
    { pages: [{ elements: [{ type: 'checkbox', name: 'q', choices: [1, 1], maxSelectedChoices: 'x' }] }] },
    { pages: [{ elements: [{ type: 'panel', name: 'p', elements: {} }] }] },
    { elements: [{ type: 'dropdown', name: 'q', choices: [null] }] },
    { pages: [], elements: [] },
    { title: 5, pages: [{ elements: [{ type: 'comment', name: 'q', isRequired: 'yes' }] }] },
  ];
  const INDICATORS: unknown[] = [
    [{}],
    [{ id: 5, kind: 'mean' }],
    [{ id: 'x', kind: 'mean', items: 'q', scale: [1] }],
    [{ id: 'x', kind: 'index', items: [], scale: [5, 1], weights: [-1] }],
    [{ id: 'x', kind: 'share', items: ['q'], values: [] }],
    [{ id: 'x', kind: 'zzz' }],
    [{ id: 'bad id!', kind: 'mean', items: ['q_nki_overall'], scale: [1, 10], extra: 1 }],
  ];

  /** Each route that takes a body or query, with its ids filled in. */
  const walked = () =>
    routes
      .filter((spec) => spec.body || spec.query)
      .map((spec) => ({ spec, path: spec.path.replace(/:([A-Za-z]+)/g, (_, name: string) => ids[name] ?? 'x') }));

  function bodiesFor(properties: string[]): unknown[] {
    const bodies: unknown[] = [5, 'x', null, [], {}, { unknownKey: 1 }, { ['k'.repeat(500)]: 1 }];
    for (const property of properties) for (const value of BAD_VALUES) bodies.push({ [property]: value });
    return bodies;
  }

  it('answers every refusal in the product words, in Swedish and in English', async () => {
    const refusals: { where: string; status: number; message: string }[] = [];
    for (const { spec, path } of walked()) {
      const properties = spec.body
        ? Object.keys(
            (z.toJSONSchema(spec.body, { unrepresentable: 'any' }) as { properties?: object }).properties ?? {},
          )
        : [];
      const bodies = spec.body ? bodiesFor(properties) : [undefined];
      if (spec.path.endsWith('/questionnaires')) {
        for (const survey of SURVEYS) bodies.push({ survey, indicators: template.indicators });
        for (const indicators of INDICATORS) bodies.push({ survey: template.survey, indicators });
        bodies.push({ ...template, background: { area: 5, other: 'x' } });
      }
      if (spec.path.endsWith('/responses'))
        for (const value of BAD_VALUES) bodies.push({ answers: { q_nki_overall: value, area: value } });
      const queries = spec.query
        ? ['', '?x=1', '?baseline=&followup=', '?windowMinutes=abc&minCount=-5', `?baseline=${'b'.repeat(100)}`]
        : [''];
      for (const lang of ['sv', 'en'] as const)
        for (const body of bodies)
          for (const query of queries) {
            const reply = await api.call(spec.method.toUpperCase(), `${path}${query}`, {
              ...(body === undefined ? {} : { body }),
              headers: { 'accept-language': lang },
            });
            if (reply.status < 400) continue;
            const messages: string[] = reply.json?.errors
              ? reply.json.errors.map((e: { message: string }) => e.message)
              : [reply.json?.message];
            for (const message of messages)
              refusals.push({
                where: `${lang} ${spec.method} ${path}${query} ${JSON.stringify(body)?.slice(0, 80)}`,
                status: reply.status,
                message,
              });
          }
    }
    // The walk reached the schemas: most answers are 400s with field messages.
    expect(refusals.filter((r) => r.status === 400).length).toBeGreaterThan(1000);
    const offending = refusals
      .filter((r) => typeof r.message !== 'string' || r.message === '' || readsLikeALibrary(r.message))
      .map((r) => `${r.where}: ${r.status} ${r.message}`);
    expect(offending.slice(0, 20)).toEqual([]);
  }, 120_000);
});
