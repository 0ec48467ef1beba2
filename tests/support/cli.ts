// The command line run in this process, for the CLI tests: its exit code and what it printed.
import path from 'node:path';
import { main } from '../../functions/cli/main.ts';

export async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** `compare`'s file arguments for a case folder laid out as the reference cases are. */
export function caseFileArgs(dir: string): string[] {
  return [
    '--indicators',
    path.join(dir, 'indicators.json'),
    '--baseline',
    path.join(dir, 'baseline.csv'),
    '--followup',
    path.join(dir, 'followup.csv'),
  ];
}
