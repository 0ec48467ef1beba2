// What a local data folder holds besides the database, and the table's name there: shared by the
// server (start.ts) and the command line (cli/storeAccess.ts) without either importing the other.
// The folder is the owner's alone (0700), and so is every file bygdpuls writes in it (0600).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';

/** The one table of the local database. */
export const TABLE_NAME = 'bygdpuls';
/** In the data folder while a server runs on it: its process id (an unclean stop leaves it). */
export const RUNNING_MARKER = 'running';
/** In the data folder while a server runs on it: its database's address (`http://127.0.0.1:PORT`). */
export const ENDPOINT_FILE = 'endpoint';
/** In the data folder while a server runs on it: the secret its database answers to (dynalite.ts). */
export const DATABASE_GUARD_FILE = 'database-secret';

/** Creates the data folder, or closes an existing one, to everyone but its owner. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Writes a file only its owner may read, whatever mode an older copy had. */
export function writePrivateFile(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}
