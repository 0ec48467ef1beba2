// What a benchmark child reports to bench/compare.ts: at exit, a JSON last line on stderr with its
// exit code, its elapsed seconds, its peak RSS and whatever else it counted.

/**
 * Starts the child's clock now and, when the process exits, writes its report on stderr: `exitCode`,
 * `seconds` since this call, `maxRSSKiB` (peak resident set size, getrusage ru_maxrss), then the
 * other fields of `fields()` as they are at exit.
 */
export function reportAtExit(fields: () => { exitCode: number | null } & Record<string, unknown>): void {
  const started = process.hrtime.bigint();
  process.on('exit', () => {
    const { exitCode, ...counted } = fields();
    const report = {
      exitCode,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      maxRSSKiB: process.resourceUsage().maxRSS,
      ...counted,
    };
    process.stderr.write(`\n${JSON.stringify(report)}\n`);
  });
}
