// Secrets of the one-machine runtime: generated once into the data folder (mode 0600), or taken
// from the environment. Never in the repository.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from './dataDir.ts';

export interface LocalSecrets {
  signingSecret: string;
  codeSecret: string;
}

export function loadOrCreateSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) {
    // Closed on every start: a copy, a restore from backup or an older bygdpuls may have opened it.
    chmodSync(file, 0o600);
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
  }
  const secrets: LocalSecrets = {
    signingSecret: env.BYGDPULS_SIGNING_SECRET ?? stored.signingSecret ?? randomBytes(32).toString('base64url'),
    codeSecret: env.BYGDPULS_CODE_SECRET ?? stored.codeSecret ?? randomBytes(32).toString('base64url'),
  };
  if (!stored.signingSecret || !stored.codeSecret) {
    writePrivateFile(
      file,
      JSON.stringify({
        signingSecret: stored.signingSecret ?? secrets.signingSecret,
        codeSecret: stored.codeSecret ?? secrets.codeSecret,
      }),
    );
  }
  return secrets;
}
