// How bench reports: tables of padded columns, numbers in English, the machine it ran on.
import os from 'node:os';
import { round } from './statistics.ts';

/** The machine a figure was measured on, written beside it. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
  };
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

export const fmt = (n: number) => n.toLocaleString('en-US');

export const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
