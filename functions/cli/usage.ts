// What every command shares: where its output goes, and the error for a bad command line.

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
