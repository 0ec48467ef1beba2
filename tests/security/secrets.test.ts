// No secret in the repository: every file git knows (committed, or new and not ignored) is
// scanned for private keys, AWS access keys, JWTs, secrets assigned a literal value, .env files and
// random-looking strings. The few literal keys of tests and benchmarks are allowed by name, each
// with its reason; the scanner itself is shown to find each kind on planted strings (built at run
// time, so that this file holds none of them).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanContent, type Finding } from './secretScan.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Literal keys that are allowed, by file and the name they are assigned to. */
const ALLOWED_ASSIGNMENTS: { file: string; name: string; reason: string }[] = [
  {
    file: 'tests/support/api.ts',
    name: 'TEST_SECRET',
    reason: 'signs the tokens of the in-process test API; nothing outside a test trusts it',
  },
  {
    file: 'tests/support/api.ts',
    name: 'codeSecret',
    reason: 'hashes the invitation codes of the in-process test API',
  },
  {
    file: 'tests/reliability/faults.test.ts',
    name: 'CODE_SECRET',
    reason: 'hashes the invitation codes of the fault-injection test API',
  },
  {
    file: 'tests/handlers/lambda.test.ts',
    name: 'BYGDPULS_SECRET',
    reason: 'the secret of the bundled Lambda run against dynalite in that test',
  },
  {
    file: 'tests/security/guessing.test.ts',
    name: 'SECRET',
    reason: 'signs the tokens of the test server in that test',
  },
  {
    file: 'tests/security/guessing.test.ts',
    name: 'codeSecret',
    reason: 'hashes the invitation codes of the test server in that test',
  },
  {
    file: 'bench/lambda.ts',
    name: 'BYGDPULS_SECRET',
    reason: 'the secret of the benchmark Lambda run against a local dynalite',
  },
  {
    file: 'tests/handlers/variables.test.ts',
    name: 'SIGNING_SECRET_ARN',
    reason: "the ARN (a name, not key material) and bad values of the environment contract's tests",
  },
  { file: 'bench/stack.ts', name: 'codeSecret', reason: 'hashes the invitation codes of the local benchmark stack' },
];

/** Files whose random-looking strings are expected, not key material. */
const NO_ENTROPY_CHECK: { file: string; reason: string }[] = [
  { file: 'package-lock.json', reason: "the packages' sha512 integrity hashes: public, and what makes npm ci safe" },
  {
    file: 'tests/security/localDatabase.test.ts',
    reason: 'forged AWS signature headers and query strings, written to be refused by the local database',
  },
];

function knownFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
  }).toString('utf8');
  return listed.split('\0').filter((file) => file !== '' && existsSync(path.join(root, file)));
}

function allowed(finding: Finding): boolean {
  return (
    finding.kind === 'assigned secret' &&
    ALLOWED_ASSIGNMENTS.some((entry) => entry.file === finding.file && entry.name === finding.name)
  );
}

describe('the repository', () => {
  it('holds no secret in any file git knows', () => {
    const files = knownFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('package.json');
    const findings: Finding[] = [];
    for (const file of files) {
      const bytes = readFileSync(path.join(root, file));
      // Binary files (images) are checked by name only.
      const text = bytes.includes(0) ? '' : bytes.toString('utf8');
      findings.push(...scanContent(file, text, { skipEntropy: NO_ENTROPY_CHECK.some((entry) => entry.file === file) }));
    }
    expect(findings.filter((finding) => !allowed(finding))).toEqual([]);
  });

  it('allows each literal key with a reason, and only in tests and benchmarks', () => {
    for (const entry of [...ALLOWED_ASSIGNMENTS, ...NO_ENTROPY_CHECK]) {
      expect(entry.reason.length, entry.file).toBeGreaterThan(20);
    }
    for (const entry of ALLOWED_ASSIGNMENTS) expect(entry.file).toMatch(/^(tests|bench)\//);
  });
});

describe('the scanner', () => {
  // Planted strings, assembled so that no one of them appears in this file as written.
  const begin = ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ');
  const awsKey = ['AKIA', 'Q3EXAMPLE7KEY2ZZ'].join('');
  const jwtPart = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  // Fixed digests, not fresh random bytes: the same planted strings on every run.
  const digest = (seed: string, encoding: 'base64' | 'base64url' | 'hex', algorithm = 'sha256') =>
    createHash(algorithm).update(seed).digest(encoding);
  const jwt = [
    jwtPart({ alg: 'HS256', typ: 'JWT' }),
    jwtPart({ role: 'admin', project: '*' }),
    digest('signature', 'base64url'),
  ].join('.');
  const randomKey = digest('a planted signing key', 'base64');
  const kinds = (file: string, text: string) => scanContent(file, text).map((finding) => finding.kind);

  it('finds each kind of secret', () => {
    expect(kinds('deploy/key.txt', `${begin}\nMIIEow...\n`)).toEqual(['private key']);
    expect(kinds('config.ts', `const id = '${awsKey}';`)).toContain('AWS access key');
    expect(kinds('notes.md', `Authorization: Bearer ${jwt}`)).toContain('JWT');
    expect(kinds('config.ts', `const dbPassword = "${'correct'}-horse";`)).toEqual(['assigned secret']);
    expect(kinds('settings.json', `{ "client_secret": "${'abc'}def123" }`)).toEqual(['assigned secret']);
    expect(kinds('.env', 'X=1')).toEqual(['env file']);
    expect(kinds('deploy/.env.production', 'X=1')).toEqual(['env file']);
    expect(kinds('certs/server.pem', '')).toEqual(['private key']);
    expect(kinds('functions/config.ts', `const signing = '${randomKey}';`)).toEqual(['high-entropy string']);
    expect(kinds('functions/config.ts', `const commitKey = '${digest('a planted hex key', 'hex', 'sha1')}';`)).toEqual([
      'high-entropy string',
    ]);
  });

  it('leaves code, versions, identifiers and examples alone', () => {
    const benign = [
      'password: z.string().min(8),',
      'const secret = process.env.SIGNING_SECRET;',
      'codeSecret: secrets.codeSecret,',
      '"@aws-sdk/client-secrets-manager": "3.1164.0",',
      'SIGNING_SECRET_ARN: props.secrets.signing.secretArn,',
      "it('answers 401 without a valid token: Authorization: Bearer <token>', async () => {",
      'functions/api/routes/projectsAndQuestionnairesAndRounds.ts',
      'const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";',
      "const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';",
    ];
    for (const line of benign) expect(scanContent('functions/example.ts', line), line).toEqual([]);
    expect(kinds('.env.example', 'X=')).toEqual([]);
  });

  it('is what the repository test runs: a planted key in a known file would fail it', () => {
    const findings = scanContent('functions/api/auth.ts', `const signingKey = '${randomKey}';`);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((finding) => !allowed(finding))).toEqual(findings);
  });
});
