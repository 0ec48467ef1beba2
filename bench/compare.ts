// The compare part of `npm run bench`: `bygdpuls compare` on a generated round pair against the floor
// (just reading and splitting the same CSV lines) and against its peer, DuckDB computing the same
// aggregation kernel on the same files; each run a fresh child process, floor, compare and DuckDB
// taking turns.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { generateRoundPair, type RoundPair } from './generate.ts';
import { fmt, machineInfo, table } from './report.ts';
import { BENCH_DIR, RESULTS_FILE, ROOT, writeResult } from './results.ts';
import { median, round } from './statistics.ts';

const TARGET_RATIO = 1.5;
const TARGET_PEAK_MB = 300;
/** compare wall time over DuckDB's (medians). */
const TARGET_DUCKDB_RATIO = 1.0;

interface ChildRun {
  /** Wall time of the whole child process, from spawn to exit (Node start-up and module loading included). */
  wallSeconds: number;
  /** Time the child measured itself, after its modules were loaded. */
  inProcessSeconds: number;
  peakMB: number;
  report: Record<string, unknown>;
}

/** Runs one benchmark child in a fresh Node process (stdout to /dev/null) and reads its JSON last stderr line. */
function runChild(script: string, args: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let wallSeconds = 0;
    let stderr = '';
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, script), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', reject);
    child.on('exit', () => {
      wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    });
    child.on('close', (code, signal) => {
      const lines = stderr.trimEnd().split('\n');
      const last = lines.pop() ?? '';
      let report: Record<string, unknown> | null = null;
      try {
        report = JSON.parse(last) as Record<string, unknown>;
      } catch {
        report = null;
      }
      if (code !== 0 || report === null || typeof report.seconds !== 'number' || typeof report.maxRSSKiB !== 'number') {
        const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new Error(`${script} ${why}${stderr.trim() ? `:\n${stderr.trim()}` : ' and printed no report'}`));
        return;
      }
      resolve({ wallSeconds, inProcessSeconds: report.seconds, peakMB: report.maxRSSKiB / 1024, report });
    });
  });
}

/** Times compare against the floor and DuckDB on `rows` responses per round, `runs` times each; writes the "compare" key. */
export async function benchCompare(options: { rows: number; seed: number; runs: number }): Promise<void> {
  const { rows, seed, runs } = options;
  const machine = machineInfo();

  process.stdout.write(`Preparing ${fmt(rows)} + ${fmt(rows)} responses (seed ${seed}) in bench/data ...\n`);
  const generationStarted = process.hrtime.bigint();
  const pair: RoundPair = await generateRoundPair({ rows, seed, dataDir: path.join(BENCH_DIR, 'data') });
  const generationSeconds = Number(process.hrtime.bigint() - generationStarted) / 1e9;

  const compareArgs = [
    '--indicators',
    pair.indicators,
    '--baseline',
    pair.baseline,
    '--followup',
    pair.followup,
    '--population',
    pair.population,
  ];
  const floorArgs = [pair.baseline, pair.followup];
  const checkFloor = (run: ChildRun) => {
    const lines = run.report.lines;
    if (!Array.isArray(lines) || lines.length !== 2 || lines.some((n) => n !== rows + 1)) {
      throw new Error(`the floor read ${JSON.stringify(lines)} lines, expected ${rows + 1} per file`);
    }
  };
  const duckdbArgs = [pair.indicators, pair.baseline, pair.followup];
  const checkDuckdb = (run: ChildRun) => {
    const respondents = run.report.respondents as Record<string, number> | undefined;
    if (run.report.exitCode !== 0 || respondents?.baseline !== rows || respondents?.followup !== rows) {
      throw new Error(`DuckDB did not count ${rows} respondents per round: ${JSON.stringify(run.report)}`);
    }
  };
  const checkCompare = (run: ChildRun) => {
    if (run.report.exitCode !== 0 || typeof run.report.outputChars !== 'number' || run.report.outputChars === 0) {
      throw new Error(`compare did not produce its output: ${JSON.stringify(run.report)}`);
    }
  };

  // One untimed read of both files first, so that every timed run finds them in the page cache.
  process.stdout.write('Warming the page cache (untimed floor run) ...\n');
  checkFloor(await runChild('measureFloor.ts', floorArgs));

  const floorRuns: ChildRun[] = [];
  const compareRuns: ChildRun[] = [];
  const duckdbRuns: ChildRun[] = [];
  for (let i = 1; i <= runs; i++) {
    // Interleaved, so that a slow phase of the machine affects both measurements alike.
    process.stdout.write(`Run ${i}/${runs}: floor ... `);
    const floor = await runChild('measureFloor.ts', floorArgs);
    checkFloor(floor);
    floorRuns.push(floor);
    process.stdout.write(`${floor.wallSeconds.toFixed(3)} s, compare ... `);
    const compare = await runChild('measureCompare.ts', compareArgs);
    checkCompare(compare);
    compareRuns.push(compare);
    process.stdout.write(`${compare.wallSeconds.toFixed(3)} s, DuckDB ... `);
    const duckdb = await runChild('measureDuckdb.ts', duckdbArgs);
    checkDuckdb(duckdb);
    duckdbRuns.push(duckdb);
    process.stdout.write(`${duckdb.wallSeconds.toFixed(3)} s\n`);
  }

  const seconds = median(compareRuns.map((run) => run.wallSeconds));
  const floorSeconds = median(floorRuns.map((run) => run.wallSeconds));
  const ratio = seconds / floorSeconds;
  const peakMB = Math.max(...compareRuns.map((run) => run.peakMB));
  const floorPeakMB = Math.max(...floorRuns.map((run) => run.peakMB));
  const duckdbSeconds = median(duckdbRuns.map((run) => run.wallSeconds));
  const duckdbRatio = seconds / duckdbSeconds;
  const duckdbPeakMB = Math.max(...duckdbRuns.map((run) => run.peakMB));
  const ratioPass = ratio <= TARGET_RATIO;
  const peakPass = peakMB < TARGET_PEAK_MB;
  const duckdbPass = duckdbRatio <= TARGET_DUCKDB_RATIO;

  const runHeaders = compareRuns.map((_, i) => `run ${i + 1}`);
  const perRun = (list: ChildRun[], pick: (run: ChildRun) => number, digits: number) =>
    list.map((run) => pick(run).toFixed(digits));
  const blanks = runHeaders.map(() => '');
  const lines = [
    ['', ...runHeaders, 'result', 'target', ''],
    ['compare wall time (s)', ...perRun(compareRuns, (r) => r.wallSeconds, 3), seconds.toFixed(3), '', ''],
    ['floor wall time (s)', ...perRun(floorRuns, (r) => r.wallSeconds, 3), floorSeconds.toFixed(3), '', ''],
    ['DuckDB wall time (s)', ...perRun(duckdbRuns, (r) => r.wallSeconds, 3), duckdbSeconds.toFixed(3), '', ''],
    ['ratio compare / floor', ...blanks, `${ratio.toFixed(2)}x`, `<= ${TARGET_RATIO}x`, ratioPass ? 'PASS' : 'MISS'],
    [
      'ratio compare / DuckDB',
      ...blanks,
      `${duckdbRatio.toFixed(2)}x`,
      `<= ${TARGET_DUCKDB_RATIO}x`,
      duckdbPass ? 'PASS' : 'MISS',
    ],
    [
      'compare peak RSS (MB)',
      ...perRun(compareRuns, (r) => r.peakMB, 1),
      peakMB.toFixed(1),
      `< ${TARGET_PEAK_MB}`,
      peakPass ? 'PASS' : 'MISS',
    ],
    ['floor peak RSS (MB)', ...perRun(floorRuns, (r) => r.peakMB, 1), floorPeakMB.toFixed(1), '', ''],
    ['DuckDB peak RSS (MB)', ...perRun(duckdbRuns, (r) => r.peakMB, 1), duckdbPeakMB.toFixed(1), '', ''],
    [
      'compare in-process (s)',
      ...perRun(compareRuns, (r) => r.inProcessSeconds, 3),
      median(compareRuns.map((r) => r.inProcessSeconds)).toFixed(3),
      '',
      '',
    ],
    [
      'floor in-process (s)',
      ...perRun(floorRuns, (r) => r.inProcessSeconds, 3),
      median(floorRuns.map((r) => r.inProcessSeconds)).toFixed(3),
      '',
      '',
    ],
    [
      'DuckDB in-process (s)',
      ...perRun(duckdbRuns, (r) => r.inProcessSeconds, 3),
      median(duckdbRuns.map((r) => r.inProcessSeconds)).toFixed(3),
      '',
      '',
    ],
  ];
  const csvMB = (pair.csvBytes / 1e6).toFixed(1);
  process.stdout.write(
    [
      '',
      `bygdpuls bench: compare, ${fmt(rows)} rows per round file (baseline + follow-up), weighted by area`,
      `machine  node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.platform}`,
      `data     ${path.relative(ROOT, pair.dir)} (${csvMB} MB of CSV, ${pair.reused ? 'reused' : `generated in ${generationSeconds.toFixed(1)} s`})`,
      `method   ${runs} fresh child processes each (node --import tsx), stdout to /dev/null; time = median wall time`,
      `         from spawn to exit; memory = highest peak RSS (getrusage maxRSS, MB = 1024 * 1024 bytes; a process's`,
      `         threads share it, so compare's reader threads are in it); compare's reader threads per run:`,
      `         ${compareRuns.map((run) => `${run.report.readerThreads} (load ${Number(run.report.loadAverage).toFixed(1)})`).join(', ')}; one on a busy machine (docs/BENCH.md)`,
      '',
      table(lines),
      '',
      `compare: ${ratioPass && peakPass && duckdbPass ? 'all three targets met' : `target missed (${[ratioPass ? '' : 'time against the floor', duckdbPass ? '' : 'time against DuckDB', peakPass ? '' : 'memory'].filter(Boolean).join(', ')})`}; results in ${path.relative(ROOT, RESULTS_FILE)}`,
      '',
    ].join('\n'),
  );

  await writeResult('compare', {
    rows,
    seconds: round(seconds, 3),
    floorSeconds: round(floorSeconds, 3),
    ratio: round(ratio, 3),
    duckdbSeconds: round(duckdbSeconds, 3),
    duckdbRatio: round(duckdbRatio, 3),
    peakMB: round(peakMB, 1),
    floorPeakMB: round(floorPeakMB, 1),
    duckdbPeakMB: round(duckdbPeakMB, 1),
    targets: { ratio: TARGET_RATIO, peakMB: TARGET_PEAK_MB, duckdbRatio: TARGET_DUCKDB_RATIO },
    pass: { ratio: ratioPass, peakMB: peakPass, duckdbRatio: duckdbPass },
    method: {
      seconds: `median of ${runs} wall times of a fresh child process (spawn to exit)`,
      peakMB: `highest of ${runs} peak RSS values (getrusage maxRSS), MB = 1024 * 1024 bytes`,
      floor: 'fs.createReadStream (utf8, 1 MiB chunks) of both files, split into lines and fields with split(",")',
      duckdb:
        '@duckdb/node-api, in-memory instance on all cores: read_csv of both files (columns VARCHAR), per round, per area and overall: n, mean and var_samp of every index and mean indicator, n and positives of every share; duckdbRatio = compare wall / DuckDB wall (medians)',
    },
    runs: {
      compareSeconds: compareRuns.map((run) => round(run.wallSeconds, 3)),
      floorSeconds: floorRuns.map((run) => round(run.wallSeconds, 3)),
      compareInProcessSeconds: compareRuns.map((run) => round(run.inProcessSeconds, 3)),
      floorInProcessSeconds: floorRuns.map((run) => round(run.inProcessSeconds, 3)),
      duckdbSeconds: duckdbRuns.map((run) => round(run.wallSeconds, 3)),
      duckdbInProcessSeconds: duckdbRuns.map((run) => round(run.inProcessSeconds, 3)),
      compareReaderThreads: compareRuns.map((run) => run.report.readerThreads),
      compareLoadAverage: compareRuns.map((run) => run.report.loadAverage),
      comparePeakMB: compareRuns.map((run) => round(run.peakMB, 1)),
      floorPeakMB: floorRuns.map((run) => round(run.peakMB, 1)),
      duckdbPeakMB: duckdbRuns.map((run) => round(run.peakMB, 1)),
      loadAverageAfter: os.loadavg().map((v) => round(v, 2)),
    },
    data: { seed, dir: path.relative(ROOT, pair.dir), csvBytes: pair.csvBytes },
    machine,
    measuredAt: new Date().toISOString(),
  });
}
