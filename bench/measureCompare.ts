// Benchmark child: runs `bygdpuls compare ... --format json` through the CLI's own main() in this
// fresh process, output discarded, and reports elapsed time and peak RSS as a JSON last line on stderr.
// Usage: node --import tsx bench/measureCompare.ts --indicators F --baseline F --followup F [--population F]
import os from 'node:os';
import { main } from '../functions/cli/main.ts';
import { defaultReaderThreads } from '../functions/cli/parallelRead.ts';
import { reportAtExit } from './childReport.ts';

/** The reader threads compare chooses now (it chooses the same a moment later, unless the load average moves). */
const readerThreads = defaultReaderThreads();
const loadAverage = os.loadavg()[0];
let outputChars = 0;
let exitCode: number | null = null;
// Seconds from the start of main() (modules already loaded) to its end, including the JSON output;
// loadAverage is the 1-minute load average at the start, which the choice of reader threads looks at.
reportAtExit(() => ({ exitCode, outputChars, readerThreads, loadAverage }));

exitCode = await main(['compare', ...process.argv.slice(2), '--format', 'json'], {
  stdout: (text) => {
    outputChars += text.length; // counted, then dropped: the benchmark does not print the comparison
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
});
process.exitCode = exitCode;
