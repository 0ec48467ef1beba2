// Benchmark child: runs `bygdpuls compare ... --format json` through the CLI's own main() in this
// fresh process, output discarded, and reports elapsed time and peak RSS as a JSON last line on stderr.
// Usage: node --import tsx bench/measureCompare.ts --indicators F --baseline F --followup F [--population F]
import { main } from '../functions/cli/main.ts';

const started = process.hrtime.bigint();
let outputChars = 0;
let exitCode: number | null = null;

process.on('exit', () => {
  const report = {
    exitCode,
    /** From the start of main() (modules already loaded) to its end, including the JSON output. */
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    /** Peak resident set size of this process, in KiB (getrusage ru_maxrss). */
    maxRSSKiB: process.resourceUsage().maxRSS,
    outputChars,
  };
  process.stderr.write(`\n${JSON.stringify(report)}\n`);
});

exitCode = await main(['compare', ...process.argv.slice(2), '--format', 'json'], {
  stdout: (text) => {
    outputChars += text.length; // counted, then dropped: the benchmark does not print the comparison
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
});
process.exitCode = exitCode;
