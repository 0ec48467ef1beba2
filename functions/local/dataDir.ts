// What a local data folder holds besides the database, and the table's name there: shared by the
// server (start.ts) and the command line (cli/storeAccess.ts) without either importing the other.

/** The one table of the local database. */
export const TABLE_NAME = 'bygdpuls';
/** In the data folder while a server runs on it: its process id (an unclean stop leaves it). */
export const RUNNING_MARKER = 'running';
/** In the data folder while a server runs on it: its database's endpoint. */
export const ENDPOINT_FILE = 'endpoint';
