// Benchmark child: the floor for `compare`, i.e. only reading the CSV files as a stream, splitting
// them into lines and fields; reports elapsed time and peak RSS as a JSON last line on stderr.
// Usage: node --import tsx bench/measureFloor.ts FILE...
import { createReadStream } from 'node:fs';

interface Counts {
  lines: number;
  fields: number;
  /** Sum of the field lengths: touches every field so that nothing is optimised away. */
  chars: number;
}

function splitLine(line: string, counts: Counts): void {
  const fields = line.split(',');
  counts.lines++;
  counts.fields += fields.length;
  for (let i = 0; i < fields.length; i++) counts.chars += fields[i]!.length;
}

/** The same reading pattern as functions/cli/csv/readCsv.ts: UTF-8 chunks of 1 MiB, split at '\n'. */
async function readAndSplit(file: string, counts: Counts): Promise<void> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) break;
      splitLine(text.slice(start, newline), counts);
      start = newline + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') splitLine(rest, counts);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: measureFloor.ts FILE...\n');
  process.exit(2);
}

const started = process.hrtime.bigint();
const perFile: Counts[] = [];
let exitCode = 0;

process.on('exit', () => {
  const report = {
    exitCode,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    /** Peak resident set size of this process, in KiB (getrusage ru_maxrss). */
    maxRSSKiB: process.resourceUsage().maxRSS,
    lines: perFile.map((counts) => counts.lines),
    fields: perFile.reduce((sum, counts) => sum + counts.fields, 0),
    chars: perFile.reduce((sum, counts) => sum + counts.chars, 0),
  };
  process.stderr.write(`\n${JSON.stringify(report)}\n`);
});

try {
  // One file after the other, as compare reads them.
  for (const file of files) {
    const counts: Counts = { lines: 0, fields: 0, chars: 0 };
    await readAndSplit(file, counts);
    perFile.push(counts);
  }
} catch (error) {
  process.stderr.write(`measureFloor: ${(error as Error).message}\n`);
  exitCode = 1;
  process.exitCode = 1;
}
