// Whether the local server can have its port, asked before anything is written: a taken port
// stops `npm start` with one line that says what to do, instead of a stack trace after the demo
// data is made.
import { createServer } from 'node:net';

/** The port cannot be listened on: taken, or reserved for the system. The message says what to do. */
export class PortUnavailableError extends Error {
  override readonly name = 'PortUnavailableError';

  constructor(
    readonly port: number,
    readonly host: string,
    readonly code: string | undefined,
  ) {
    const another = port >= 1024 && port < 65535 ? port + 1 : 3001;
    const why =
      code === 'EADDRINUSE'
        ? 'is in use by another program (or another bygdpuls)'
        : code === 'EACCES'
          ? 'needs administrator rights'
          : `cannot be listened on (${code ?? 'unknown error'})`;
    super(`port ${port} on ${host} ${why}; choose another with PORT, for example: PORT=${another} npm start`);
  }
}

/** A listen error as a PortUnavailableError, or as it is when it is about something else. */
export function portError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  return error.syscall === 'listen' || error.code === 'EADDRINUSE' || error.code === 'EACCES'
    ? new PortUnavailableError(port, host, error.code)
    : error;
}

/** Resolves when port on host is free to listen on (leaving it free); rejects with a PortUnavailableError. */
export function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve(); // any free port: always one
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(portError(error, port, host)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
