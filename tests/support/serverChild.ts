// Rule: bench/ may import tests/support/ and tests/fuzz/; nothing under tests/ imports bench/.
// The local server as a child process (the load run, the server-kill test): `bygdpuls start --no-demo`
// on 127.0.0.1 with its own data folder, started, stopped cleanly, or killed with SIGKILL and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ENDPOINT_FILE } from '../../functions/local/dataDir.ts';

const root = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(root, 'bin/bygdpuls.js');

export interface ServerSettings {
  dataDir: string;
  adminToken: string;
  foldIntervalMs: number;
  settleMs: number;
  /** How long the server may take to say it runs. */
  startTimeoutMs: number;
}

export interface ServerChild {
  url: string;
  child: ChildProcess;
  /** Lines the server logged at level "error" (it logs JSON lines on stderr). */
  errorLines: string[];
  /** Writes it completed at start, cut short by the kill of its predecessor (functions/local/interruptedWrites.ts). */
  repairedWrites: number;
  /** SIGKILL: no shutdown, no last fold, the database left as the kill finds it. */
  kill(): Promise<void>;
  /** SIGTERM: the clean stop (requests finished, one more fold); resolves with the exit code. */
  stop(): Promise<number | null>;
}

function readEndpoint(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * Starts the server and resolves once it serves and the command line can reach its database
 * (the endpoint file in the data folder is written just after the server says it runs).
 */
export async function startServer(settings: ServerSettings): Promise<ServerChild> {
  // A killed server leaves its endpoint file behind; no server runs on this folder now, so it is
  // stale, and waiting for the new one below needs it gone.
  const endpointFile = path.join(settings.dataDir, ENDPOINT_FILE);
  rmSync(endpointFile, { force: true });
  const child = spawn(process.execPath, [BIN, 'start', '--no-demo'], {
    env: {
      ...process.env,
      DATA_DIR: settings.dataDir,
      PORT: '0', // a free port, chosen by the system
      HOST: '127.0.0.1',
      ADMIN_TOKEN: settings.adminToken,
      FOLD_INTERVAL_MS: String(settings.foldIntervalMs),
      SETTLE_MS: String(settings.settleMs),
      // The load run and the kill test send every submission from 127.0.0.1.
      SUBMISSIONS_PER_MINUTE_PER_ADDRESS: '0',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const errorLines: string[] = [];
  const handle = { repairedWrites: 0 };
  let stderrRest = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (stderrRest + chunk).split('\n');
    stderrRest = lines.pop()!;
    for (const line of lines) {
      if (line.includes('"level":"error"')) errorLines.push(line);
      if (line.includes('"interrupted_writes_repaired"')) {
        const { completed, dropped } = JSON.parse(line) as { completed: number; dropped: number };
        handle.repairedWrites += completed + dropped;
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${settings.startTimeoutMs} ms:\n${output}`));
    }, settings.startTimeoutMs);
    const check = () => {
      // Everything is printed at once, the admin sign-in link last (functions/local/start.ts).
      const match = /bygdpuls runs at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match && output.includes('admin sign-in:')) {
        child.stdout!.off('data', check);
        const endpointWritten = () => {
          if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(readEndpoint(endpointFile)))
            return void setTimeout(endpointWritten, 10);
          clearTimeout(timer);
          resolve(match[1]!);
        };
        endpointWritten();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it ran:\n${output}`));
    });
  });

  return Object.assign(handle, {
    url,
    child,
    errorLines,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  });
}
