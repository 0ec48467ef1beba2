// The bygdpuls command line: parses arguments, runs a command, maps errors to exit codes.
// Exit codes: 0 done, 1 bad input (a file's content), 2 bad usage (the command line).
import { parseArgs } from 'node:util';
import { compareFiles } from './compare.ts';
import { InputError } from './errors.ts';
import { UsageError, type Io } from './usage.ts';
import { formatComparisonTable, type Language } from './table.ts';

export const HELP = `bygdpuls: baseline versus follow-up for local development projects

Usage:
  bygdpuls start [--no-demo]
  bygdpuls compare --indicators FILE --baseline CSV --followup CSV
                   [--population CSV] [--protect]
                   [--format json|table] [--lang sv|en]
  bygdpuls export --project ID --baseline ID --followup ID --out DIR [--live]
                  [--data-dir DIR | --endpoint URL [--table NAME] | --table NAME [--region R]]
  bygdpuls rebuild --round ID [--data-dir DIR | --table NAME [--region R]]
  bygdpuls token --role admin|evaluator [--project ID] [--days N] [--name TEXT] [--data-dir DIR]
  bygdpuls signin --role admin|evaluator [--project ID] [--name TEXT] [--url URL]
                  [--data-dir DIR | --table NAME [--region R]]
  bygdpuls help

start     Runs bygdpuls on this machine: the API, the survey pages and the dashboard on
          PORT (default 3000), data under DATA_DIR (default .data), the fold every few
          seconds, and a demo project on first start (unless --no-demo). Prints
          one-time sign-in links (/admin#signin=..., and an evaluator's for each
          dashboard), never a token. ADMIN_TOKEN (32 characters or more) sets a
          static administrator's token.

compare   Compares a baseline round with a follow-up round, as the method defines (docs/METHOD-NOTES.md):
          every indicator with its 95 % interval, the difference with its interval,
          p-value, Holm-adjusted p-value and effect size, groups (small groups
          suppressed) and post-stratified figures when the project is weighted.
          --indicators   indicator definitions and settings (JSON)
          --baseline     the baseline round's answers (CSV, header row)
          --followup     the follow-up round's answers (CSV, header row)
          --population   population figures per stratum (CSV); overrides the file
                         that the indicators file names
          --protect      the protected mode, as the API, the pages and every export
                         publish: groups from which a suppressed group could be
                         recovered are withheld too, small strata of the weighting
                         are collapsed (strataCollapsed), and counts that would give
                         a small group away are null. Off: the raw method that the
                         reference cases check. --secondary-suppression is an alias.
          --format       json (default) or table
          --lang         labels of the table: sv (default) or en

export    Writes a project's two rounds, as released, in the files that compare reads:
          indicators.json, baseline.csv, followup.csv (respondent, area, age_band,
          gender and the answers that indicators read; no free text, no removed
          responses) and population.csv when the project is weighted. The rows
          are those of each round's latest release (none before the first), so
          compare on them gives the API's comparison. --live writes every
          response stored now instead (administrators' microdata, for checks).
          Reads the local data (DATA_DIR, or the running server's database), a
          DynamoDB endpoint, or a table on AWS.

rebuild   Recomputes a round from its stored responses and reports any difference
          from the folded aggregates (exit code 3 when there is one).
token     Prints a signed access token: an administrator's (every project, or one)
          or an evaluator's (read-only, one project), recorded by id and --name so
          that an administrator can list and revoke it (its id goes to stderr).
signin    Prints a one-time sign-in link (admin, or an evaluator's dashboard): the
          page exchanges it once for a 12-hour token; valid for 7 days unused.
`;

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs a command-line parser; what it refuses is a usage error (exit 2). */
function usageErrors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function runCompare(args: string[], io: Io): Promise<void> {
  const { values } = usageErrors(() =>
    parseArgs({
      args,
      options: {
        indicators: { type: 'string' },
        baseline: { type: 'string' },
        followup: { type: 'string' },
        population: { type: 'string' },
        protect: { type: 'boolean', default: false },
        'secondary-suppression': { type: 'boolean', default: false },
        format: { type: 'string', default: 'json' },
        lang: { type: 'string', default: 'sv' },
      },
      strict: true,
      allowPositionals: false,
    }),
  );
  for (const name of ['indicators', 'baseline', 'followup'] as const) {
    if (!values[name]) throw new UsageError(`compare needs --${name}`);
  }
  if (values.format !== 'json' && values.format !== 'table')
    throw new UsageError(`--format is json or table, not "${values.format}"`);
  if (values.lang !== 'sv' && values.lang !== 'en') throw new UsageError(`--lang is sv or en, not "${values.lang}"`);
  const { comparison, definitions } = await compareFiles({
    indicators: values.indicators!,
    baseline: values.baseline!,
    followup: values.followup!,
    population: values.population,
    secondarySuppression: values.protect || values['secondary-suppression'],
  });
  if (values.format === 'json') io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
  else
    io.stdout(formatComparisonTable(comparison, definitions.indicators, definitions.settings, values.lang as Language));
}

/** Runs the CLI; returns the exit code. Nothing reaches stdout unless the command succeeded. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'compare':
        await runCompare(rest, io);
        return 0;
      // Loaded on demand: compare stays free of the server's dependencies (and starts fast).
      case 'start':
        return await (await import('./serverCommands.ts')).runStart(rest, io);
      case 'rebuild':
        return await (await import('./serverCommands.ts')).runRebuild(rest, io);
      case 'export':
        return await (await import('./export.ts')).runExport(rest, io);
      case 'token':
        return await (await import('./serverCommands.ts')).runToken(rest, io);
      case 'signin':
        return await (await import('./serverCommands.ts')).runSignIn(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bygdpuls: ${error.message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`bygdpuls: ${error.message}\n`);
      return 1;
    }
    io.stderr(`bygdpuls: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}
