// A scanner for secrets committed by mistake: private keys, AWS access keys, JWTs, passwords and
// secrets assigned a literal value, .env files, and long random-looking strings. Used by
// secrets.test.ts on every file git knows; tested there on planted strings.

export interface Finding {
  file: string;
  line: number;
  kind: 'private key' | 'AWS access key' | 'JWT' | 'assigned secret' | 'env file' | 'high-entropy string';
  /** The matched text, shortened: enough to find it, not enough to leak it further. */
  excerpt: string;
  /** For an assigned secret: the name it is assigned to (what the allow-list names). */
  name?: string;
}

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const AWS_ACCESS_KEY = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/;
/** Three base64url parts, the first two JSON objects ("eyJ" is base64 of '{"'). */
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/;
/**
 * A secret-like name given a quoted literal of six characters or more: `password = "..."`,
 * `secret: '...'`, `API_KEY="..."`. Values that are code (`z.string()`, `process.env.X`) are not
 * quoted literals; the group is the name.
 */
const ASSIGNED_SECRET =
  /\b([\w-]*(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|private[_-]?key|auth[_-]?token|client[_-]?secret)[\w-]*)["']?\s*[:=]\s*["'`]([^"'`\s]{6,})["'`]/i;
/** A dependency's version range in package.json (`"@aws-sdk/client-secrets-manager": "3.1.0"`). */
const VERSION = /^[\^~]?\d+\.\d+\.\d+/;
/** Files that hold a private key by their name alone. */
const KEY_FILE = /\.(pem|p12|pfx|key|keystore|jks)$|^id_(rsa|dsa|ecdsa|ed25519)$/;
/** Candidates for the entropy test: long runs of base64 or hex characters. */
const LONG_TOKEN = /[A-Za-z0-9+/_=-]{32,}/g;

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Whether a token looks like random key material rather than a word, path or identifier: lower
 * case, upper case and digits mixed, and high entropy. Hex has at most 4 bits per character and is judged
 * against a lower bar, but only from 40 characters on (a SHA-1 and longer).
 */
export function looksRandom(token: string): boolean {
  const core = token.replace(/=+$/, '');
  if (/^[0-9a-f]+$/i.test(core)) return core.length >= 40 && entropy(core) > 3.3;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(core)).length;
  // An alphabet written out ("ABC...xyz0123456789") has every character once: high entropy, no secret.
  let ascending = 0;
  for (let i = 1; i < core.length; i++) if (core.charCodeAt(i) === core.charCodeAt(i - 1) + 1) ascending++;
  if (ascending > core.length / 2) return false;
  // Identifiers and words (camelCase, kebab-case, snake_case) are long but rarely mix in digits.
  // Random base64 has about 4.7 bits per character at 40 characters and more, a little less below.
  return classes === 3 && entropy(core) > (core.length < 48 ? 4.1 : 4.4);
}

const shorten = (text: string) => (text.length > 24 ? `${text.slice(0, 12)}...${text.slice(-4)}` : text);

export interface ScanOptions {
  /** Skip the high-entropy check (fixtures of random data, lockfile integrity hashes). */
  skipEntropy?: boolean;
}

export function scanContent(file: string, content: string, options: ScanOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const base = file.split('/').pop() ?? file;
  if (/^\.env(\..*)?$/.test(base) && !/\.(example|sample|template)$/.test(base))
    findings.push({ file, line: 0, kind: 'env file', excerpt: base });
  if (KEY_FILE.test(base)) findings.push({ file, line: 0, kind: 'private key', excerpt: base });
  content.split('\n').forEach((text, index) => {
    const line = index + 1;
    const add = (kind: Finding['kind'], match: string) => findings.push({ file, line, kind, excerpt: shorten(match) });
    const key = PRIVATE_KEY.exec(text);
    if (key) add('private key', key[0]);
    const aws = AWS_ACCESS_KEY.exec(text);
    if (aws) add('AWS access key', aws[0]);
    const jwt = JWT.exec(text);
    if (jwt) add('JWT', jwt[0]);
    const assigned = ASSIGNED_SECRET.exec(text);
    if (assigned && !VERSION.test(assigned[2]!))
      findings.push({ file, line, kind: 'assigned secret', excerpt: shorten(assigned[0]), name: assigned[1]! });
    if (!options.skipEntropy) {
      for (const [token] of text.matchAll(LONG_TOKEN)) if (looksRandom(token)) add('high-entropy string', token);
    }
  });
  return findings;
}
