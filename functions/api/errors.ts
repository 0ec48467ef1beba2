// The API's errors: 400 carries field-level messages, every other status {error, message}.

import type { FieldError, Language } from '../core/language.ts';

export type { FieldError } from '../core/language.ts';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

// ---------------------------------------------------------------------------------------------
// zod's issues in the product's own words. zod's messages ("Too small: expected string to have
// >=1 characters", "För lite(t): förväntade ...") never reach a user: every issue zod raises is
// put in words here by its code, in Swedish and English, naming the field where the API knows it.
// A message a schema gives itself (a refine's, a regex's) is the product's and is kept.

/** What zod hands an error map: the issue, its input and its parameters (types only: no zod at run time). */
export interface ZodIssueLike {
  readonly code?: string | undefined;
  readonly path?: readonly PropertyKey[] | undefined;
  readonly input?: unknown;
  readonly [parameter: string]: unknown;
}

/** A field in plain words; `many` for a plural (English verbs agree: "the areas are"). */
type Words = { readonly sv: string; readonly en: string; readonly many?: true };

/** Fields of the API's bodies and queries, in plain words (definite form: "Namnet", "the name"). */
const FIELD_WORDS: Readonly<Record<string, Words>> = {
  name: { sv: 'Namnet', en: 'the name' },
  areas: { sv: 'Områdena', en: 'the areas', many: true },
  area: { sv: 'Området', en: 'the area' },
  id: { sv: 'Id-värdet', en: 'the id' },
  label: { sv: 'Etiketten', en: 'the label' },
  kind: { sv: 'Sorten', en: 'the kind' },
  items: { sv: 'Frågorna', en: 'the items', many: true },
  weights: { sv: 'Vikterna', en: 'the weights', many: true },
  scale: { sv: 'Skalan', en: 'the scale' },
  minItems: { sv: 'Minsta antalet frågor', en: 'the minimum number of items' },
  meaningfulChange: { sv: 'Den minsta förändring som betyder något', en: 'the smallest meaningful change' },
  minGroupSize: { sv: 'Minsta gruppstorleken', en: 'the minimum group size' },
  alpha: { sv: 'Signifikansnivån (alpha)', en: 'the significance level (alpha)' },
  groupBy: { sv: 'Grupperingen', en: 'the grouping' },
  weighting: { sv: 'Viktningen', en: 'the weighting' },
  strata: { sv: 'Strata', en: 'the strata', many: true },
  population: { sv: 'Befolkningstalet', en: 'the population figure' },
  survey: { sv: 'Enkäten', en: 'the survey' },
  indicators: { sv: 'Indikatorerna', en: 'the indicators', many: true },
  background: { sv: 'Bakgrundsfrågorna', en: 'the background questions', many: true },
  age_band: { sv: 'Åldersgruppen', en: 'the age band' },
  gender: { sv: 'Könet', en: 'the gender' },
  questionnaireId: { sv: 'Enkätversionen', en: 'the questionnaire version' },
  access: { sv: 'Åtkomsten', en: 'the access' },
  count: { sv: 'Antalet', en: 'the count' },
  responseId: { sv: 'Svarets id', en: 'the response id' },
  code: { sv: 'Koden', en: 'the code' },
  answers: { sv: 'Svaren', en: 'the answers', many: true },
  baseline: { sv: 'Nollmätningen', en: 'the baseline' },
  followup: { sv: 'Uppföljningen', en: 'the follow-up' },
  windowMinutes: { sv: 'Tidsfönstret (minuter)', en: 'the time window (minutes)' },
  minCount: { sv: 'Minsta antalet', en: 'the minimum count' },
  addressHash: { sv: 'Adresshashen', en: 'the address hash' },
  from: { sv: 'Starttiden', en: 'the start time' },
  to: { sv: 'Sluttiden', en: 'the end time' },
  body: { sv: 'Innehållet', en: 'the body' },
  title: { sv: 'Rubriken', en: 'the title' },
  text: { sv: 'Texten', en: 'the text' },
  contact: { sv: 'Kontaktuppgifterna', en: 'the contact details', many: true },
  email: { sv: 'E-postadressen', en: 'the email address' },
  consent: { sv: 'Samtycket', en: 'the consent' },
  reason: { sv: 'Skälet', en: 'the reason' },
  mergedInto: { sv: 'Idén att slå samman med', en: 'the idea to merge into' },
  state: { sv: 'Läget', en: 'the state' },
  asOf: { sv: 'Datumet', en: 'the date' },
  open: { sv: 'Öppet för idéer', en: 'open for ideas' },
  premoderation: { sv: 'Förhandsgranskningen', en: 'the pre-moderation' },
};
/** An element of a list, by the list's name ("areas.2" is an area). */
const ELEMENT_WORDS: Readonly<Record<string, Words>> = {
  areas: { sv: 'Området', en: 'the area' },
  indicators: { sv: 'Indikatorn', en: 'the indicator' },
  items: { sv: 'Frågan', en: 'the item' },
  weights: { sv: 'Vikten', en: 'the weight' },
  groupBy: { sv: 'Grupperingen', en: 'the grouping' },
  strata: { sv: 'Stratumet', en: 'the stratum' },
  population: { sv: 'Raden', en: 'the row' },
};
const VALUE: Words = { sv: 'Värdet', en: 'the value' };

/** The field an issue is about, in plain words, by the last names of its path. */
function fieldWords(path: readonly PropertyKey[]): Words {
  const last = path.at(-1);
  if (typeof last === 'string') return FIELD_WORDS[last] ?? VALUE;
  const parent = path.at(-2);
  if (typeof last === 'number' && typeof parent === 'string') return ELEMENT_WORDS[parent] ?? VALUE;
  return VALUE;
}

const TYPE_WORDS: Readonly<Record<string, Words>> = {
  string: { sv: 'en text', en: 'a text' },
  number: { sv: 'ett tal', en: 'a number' },
  int: { sv: 'ett heltal', en: 'a whole number' },
  bigint: { sv: 'ett heltal', en: 'a whole number' },
  boolean: { sv: 'true eller false', en: 'true or false' },
  object: { sv: 'ett objekt ({ … })', en: 'an object ({ … })' },
  record: { sv: 'ett objekt ({ … })', en: 'an object ({ … })' },
  array: { sv: 'en lista ([ … ])', en: 'a list ([ … ])' },
  tuple: { sv: 'en lista ([ … ])', en: 'a list ([ … ])' },
  date: { sv: 'ett datum', en: 'a date' },
  null: { sv: 'null', en: 'null' },
};
const FORMAT_WORDS: Readonly<Record<string, Words>> = {
  email: { sv: 'en e-postadress', en: 'an email address' },
  url: { sv: 'en webbadress', en: 'a web address' },
  uuid: {
    sv: 'ett UUID (som 123e4567-e89b-42d3-a456-426614174000)',
    en: 'a UUID (like 123e4567-e89b-42d3-a456-426614174000)',
  },
  guid: {
    sv: 'ett UUID (som 123e4567-e89b-42d3-a456-426614174000)',
    en: 'a UUID (like 123e4567-e89b-42d3-a456-426614174000)',
  },
  datetime: {
    sv: 'en tidpunkt med tidszon (som 2026-05-01T12:00:00Z)',
    en: 'a time with its zone (like 2026-05-01T12:00:00Z)',
  },
  date: { sv: 'ett datum (ÅÅÅÅ-MM-DD)', en: 'a date (YYYY-MM-DD)' },
  time: { sv: 'en tid (TT:MM)', en: 'a time (HH:MM)' },
};

/** A short, printable rendering of a value a message names (keys and values may be hostile). */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern names the control characters it drops
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

function list(values: readonly unknown[], lang: Language): string {
  const head = values.slice(0, 10).map(shown).join(', ');
  if (values.length <= 10) return head;
  return lang === 'sv' ? `${head} och ${values.length - 10} till` : `${head} and ${values.length - 10} more`;
}

/** A number a message names: a date as a date. */
function bound(value: unknown, origin: unknown): string {
  if (origin === 'date' && typeof value === 'number') return new Date(value).toISOString();
  return String(value);
}

/** The first letter in upper case, for a Swedish sentence. */
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The product's message for a zod issue, in the caller's language (zod's error map: pass it as
 * `{ error }` to safeParse, or to z.config). Swedish messages are sentences; English ones follow
 * the API's other English messages (lower case, no full stop).
 */
export function zodIssueMessage(issue: ZodIssueLike, lang: Language): string {
  // A record's key that does not fit: the path ends in the key; the field is the record.
  const path = issue.path ?? [];
  const words = fieldWords(issue.code === 'invalid_key' ? path.slice(0, -1) : path);
  const field = words[lang];
  const sv = lang === 'sv';
  // English verbs that agree with the field: "the name is", "the areas are".
  const [is, has, needs, holds] = words.many ? ['are', 'have', 'need', 'hold'] : ['is', 'has', 'needs', 'holds'];
  const say = (svText: string, enText: string) => (sv ? `${capital(svText)}.` : enText);
  const { code, origin, input } = issue;
  const sizable = origin === 'string' ? 'string' : origin === 'array' || origin === 'set' ? 'list' : 'number';
  switch (code) {
    case 'invalid_type': {
      if (input === undefined) return say(`${field} finns inte med`, `${field} ${is} missing`);
      const type = TYPE_WORDS[String(issue.expected)];
      if (!type) return say(`${field} är av fel slag`, `${field} ${is} of the wrong kind`);
      return say(`${field} ska vara ${type.sv}`, `${field} must be ${type.en}`);
    }
    case 'too_small': {
      const n = bound(issue.minimum, origin);
      if (sizable === 'string')
        return n === '1'
          ? say(`${field} behöver minst ett tecken`, `${field} must not be empty`)
          : say(`${field} ska ha minst ${n} tecken`, `${field} must have at least ${n} characters`);
      if (sizable === 'list')
        return n === '1'
          ? say(`${field} behöver minst en post`, `${field} ${needs} at least one entry`)
          : say(`${field} behöver minst ${n} poster`, `${field} ${needs} at least ${n} entries`);
      return issue.inclusive === false
        ? say(`${field} ska vara större än ${n}`, `${field} must be greater than ${n}`)
        : say(`${field} ska vara minst ${n}`, `${field} must be at least ${n}`);
    }
    case 'too_big': {
      const n = bound(issue.maximum, origin);
      if (sizable === 'string')
        return say(`${field} får ha högst ${n} tecken`, `${field} may have at most ${n} characters`);
      if (sizable === 'list') return say(`${field} får ha högst ${n} poster`, `${field} may have at most ${n} entries`);
      return issue.inclusive === false
        ? say(`${field} ska vara mindre än ${n}`, `${field} must be less than ${n}`)
        : say(`${field} får vara högst ${n}`, `${field} may be at most ${n}`);
    }
    case 'invalid_format': {
      const format = FORMAT_WORDS[String(issue.format)];
      if (format) return say(`${field} ska vara ${format.sv}`, `${field} must be ${format.en}`);
      return say(`${field} har fel form`, `${field} ${is} not in the right form`);
    }
    case 'not_multiple_of':
      return say(
        `${field} ska vara en multipel av ${String(issue.divisor)}`,
        `${field} must be a multiple of ${String(issue.divisor)}`,
      );
    case 'unrecognized_keys': {
      const keys = Array.isArray(issue.keys) ? issue.keys : [];
      return keys.length === 1
        ? say(`fältet finns inte: ${list(keys, lang)}`, `unknown field: ${list(keys, lang)}`)
        : say(`fälten finns inte: ${list(keys, lang)}`, `unknown fields: ${list(keys, lang)}`);
    }
    case 'invalid_value': {
      const values = Array.isArray(issue.values) ? issue.values : [];
      return values.length === 1
        ? say(`${field} ska vara ${shown(values[0])}`, `${field} must be ${shown(values[0])}`)
        : say(`${field} ska vara ett av: ${list(values, lang)}`, `${field} must be one of: ${list(values, lang)}`);
    }
    case 'invalid_union':
      // A discriminated union that found no option: the discriminator names the choices.
      if (Array.isArray(issue.options) && issue.options.length > 0)
        return say(
          `${field} ska vara ett av: ${list(issue.options, lang)}`,
          `${field} must be one of: ${list(issue.options, lang)}`,
        );
      return say(`${field} har ingen av de former som godtas`, `${field} ${has} none of the forms accepted`);
    case 'invalid_key':
      return say(`${field} har en nyckel som inte godtas`, `${field} ${has} a key that is not accepted`);
    case 'invalid_element':
      return say(`${field} innehåller ett värde som inte godtas`, `${field} ${holds} a value that is not accepted`);
    default:
      // 'custom' without a message of its own, and anything a later zod adds.
      return say(`${field} godtas inte`, `${field} ${is} not accepted`);
  }
}
