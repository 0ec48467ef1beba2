// `npm run bench`: times `bygdpuls compare` on a generated 1,000,000-response round pair against the
// floor (just reading and splitting the same CSV lines), then the local stack: ingest through the HTTP
// API against raw PutItems, the fold against raw Queries, and the comparison endpoint's latency for
// small and large rounds. Prints tables and updates bench/results.json (other keys are kept).
// Usage: npm run bench [-- --rows N] [--seed S] [--runs R] [--ingest N] [--fold N] [--read N]
//                      [--only compare|ingest|fold|read|lambda|web]
import { spawn } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FOLD_TARGET_RATIO, measureFold, type FoldFigures } from './fold.ts';
import { measureLambdas } from './lambda.ts';
import { measureWeb } from './web.ts';
import { generateRoundPair, type RoundPair } from './generate.ts';
import { INGEST_TARGET_RATIO, measureIngest, type IngestFigures } from './ingest.ts';
import type { FloorWay } from './ingest-floors.ts';
import { measureRead, READ_TARGET_RATIO, type ReadFigures } from './read.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH_DIR);
const RESULTS_FILE = path.join(BENCH_DIR, 'results.json');

const TARGET_RATIO = 1.5;
const TARGET_PEAK_MB = 300;

const PARTS = ['compare', 'ingest', 'fold', 'read', 'lambda', 'web'] as const;
type Part = (typeof PARTS)[number];

interface Options {
  rows: number;
  seed: number;
  runs: number;
  /** Submissions per ingest run. */
  ingest: number;
  /** Responses in the folded round. */
  fold: number;
  /** Responses per round of the large read pair (the small pair has 1,000). */
  read: number;
  only: Part | null;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '4711' },
      runs: { type: 'string', default: '3' },
      ingest: { type: 'string', default: '3000' },
      fold: { type: 'string', default: '20000' },
      read: { type: 'string', default: '50000' },
      only: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const whole = (name: string, raw: string, min: number): number => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min)
      throw new Error(`--${name} must be a whole number >= ${min}, not "${raw}"`);
    return value;
  };
  const only = values.only ?? null;
  if (only !== null && !(PARTS as readonly string[]).includes(only))
    throw new Error(`--only takes one of ${PARTS.join(', ')}, not "${only}"`);
  return {
    rows: whole('rows', values.rows, 1),
    seed: whole('seed', values.seed, 0),
    runs: whole('runs', values.runs, 1),
    ingest: whole('ingest', values.ingest, 1),
    fold: whole('fold', values.fold, 1),
    read: whole('read', values.read, 1),
    only: only as Part | null,
  };
}

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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

function machineInfo() {
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

/** Reads bench/results.json (or nothing yet), so that the keys this run does not measure are kept. */
async function readResults(): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(RESULTS_FILE, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${path.relative(ROOT, RESULTS_FILE)} is not valid JSON (${(error as Error).message}); fix or delete it`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path.relative(ROOT, RESULTS_FILE)} does not hold a JSON object; fix or delete it`);
  }
  return parsed as Record<string, unknown>;
}

/** Sets one key of bench/results.json, read again just before, so that keys written meanwhile by others are kept. */
async function writeResult(key: string, value: unknown): Promise<void> {
  const results = await readResults();
  results[key] = value;
  const partial = `${RESULTS_FILE}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify(results, null, 2)}\n`);
  await rename(partial, RESULTS_FILE);
}

function table(rows: string[][]): string {
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

const fmt = (n: number) => n.toLocaleString('en-US');

async function benchCompare(options: Options): Promise<void> {
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
  const checkCompare = (run: ChildRun) => {
    if (run.report.exitCode !== 0 || typeof run.report.outputChars !== 'number' || run.report.outputChars === 0) {
      throw new Error(`compare did not produce its output: ${JSON.stringify(run.report)}`);
    }
  };

  // One untimed read of both files first, so that every timed run finds them in the page cache.
  process.stdout.write('Warming the page cache (untimed floor run) ...\n');
  checkFloor(await runChild('measure-floor.ts', floorArgs));

  const floorRuns: ChildRun[] = [];
  const compareRuns: ChildRun[] = [];
  for (let i = 1; i <= runs; i++) {
    // Interleaved, so that a slow phase of the machine affects both measurements alike.
    process.stdout.write(`Run ${i}/${runs}: floor ... `);
    const floor = await runChild('measure-floor.ts', floorArgs);
    checkFloor(floor);
    floorRuns.push(floor);
    process.stdout.write(`${floor.wallSeconds.toFixed(3)} s, compare ... `);
    const compare = await runChild('measure-compare.ts', compareArgs);
    checkCompare(compare);
    compareRuns.push(compare);
    process.stdout.write(`${compare.wallSeconds.toFixed(3)} s\n`);
  }

  const seconds = median(compareRuns.map((run) => run.wallSeconds));
  const floorSeconds = median(floorRuns.map((run) => run.wallSeconds));
  const ratio = seconds / floorSeconds;
  const peakMB = Math.max(...compareRuns.map((run) => run.peakMB));
  const floorPeakMB = Math.max(...floorRuns.map((run) => run.peakMB));
  const ratioPass = ratio <= TARGET_RATIO;
  const peakPass = peakMB < TARGET_PEAK_MB;

  const runHeaders = compareRuns.map((_, i) => `run ${i + 1}`);
  const perRun = (list: ChildRun[], pick: (run: ChildRun) => number, digits: number) =>
    list.map((run) => pick(run).toFixed(digits));
  const blanks = runHeaders.map(() => '');
  const lines = [
    ['', ...runHeaders, 'result', 'target', ''],
    ['compare wall time (s)', ...perRun(compareRuns, (r) => r.wallSeconds, 3), seconds.toFixed(3), '', ''],
    ['floor wall time (s)', ...perRun(floorRuns, (r) => r.wallSeconds, 3), floorSeconds.toFixed(3), '', ''],
    ['ratio compare / floor', ...blanks, `${ratio.toFixed(2)}x`, `<= ${TARGET_RATIO}x`, ratioPass ? 'PASS' : 'MISS'],
    [
      'compare peak RSS (MB)',
      ...perRun(compareRuns, (r) => r.peakMB, 1),
      peakMB.toFixed(1),
      `< ${TARGET_PEAK_MB}`,
      peakPass ? 'PASS' : 'MISS',
    ],
    ['floor peak RSS (MB)', ...perRun(floorRuns, (r) => r.peakMB, 1), floorPeakMB.toFixed(1), '', ''],
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
  ];
  const csvMB = (pair.csvBytes / 1e6).toFixed(1);
  process.stdout.write(
    [
      '',
      `bygdpuls bench: compare, ${fmt(rows)} rows per round file (baseline + follow-up), weighted by area`,
      `machine  node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.platform}`,
      `data     ${path.relative(ROOT, pair.dir)} (${csvMB} MB of CSV, ${pair.reused ? 'reused' : `generated in ${generationSeconds.toFixed(1)} s`})`,
      `method   ${runs} fresh child processes each (node --import tsx), stdout to /dev/null; time = median wall time`,
      `         from spawn to exit; memory = highest peak RSS (getrusage maxRSS, MB = 1024 * 1024 bytes)`,
      '',
      table(lines),
      '',
      `compare: ${ratioPass && peakPass ? 'both targets met' : `target missed (${[ratioPass ? '' : 'time', peakPass ? '' : 'memory'].filter(Boolean).join(' and ')})`}; results in ${path.relative(ROOT, RESULTS_FILE)}`,
      '',
    ].join('\n'),
  );

  await writeResult('compare', {
    rows,
    seconds: round(seconds, 3),
    floorSeconds: round(floorSeconds, 3),
    ratio: round(ratio, 3),
    peakMB: round(peakMB, 1),
    floorPeakMB: round(floorPeakMB, 1),
    targets: { ratio: TARGET_RATIO, peakMB: TARGET_PEAK_MB },
    pass: { ratio: ratioPass, peakMB: peakPass },
    method: {
      seconds: `median of ${runs} wall times of a fresh child process (spawn to exit)`,
      peakMB: `highest of ${runs} peak RSS values (getrusage maxRSS), MB = 1024 * 1024 bytes`,
      floor: 'fs.createReadStream (utf8, 1 MiB chunks) of both files, split into lines and fields with split(",")',
    },
    runs: {
      compareSeconds: compareRuns.map((run) => round(run.wallSeconds, 3)),
      floorSeconds: floorRuns.map((run) => round(run.wallSeconds, 3)),
      compareInProcessSeconds: compareRuns.map((run) => round(run.inProcessSeconds, 3)),
      floorInProcessSeconds: floorRuns.map((run) => round(run.inProcessSeconds, 3)),
      comparePeakMB: compareRuns.map((run) => round(run.peakMB, 1)),
      floorPeakMB: floorRuns.map((run) => round(run.peakMB, 1)),
    },
    data: { seed, dir: path.relative(ROOT, pair.dir), csvBytes: pair.csvBytes },
    machine,
    measuredAt: new Date().toISOString(),
  });
}

const INGEST_CONCURRENCY = 16;
const INGEST_RUNS = 5;
const INGEST_WARMUP = 2000;
const FOLD_RUNS = 15;
const READ_SMALL = 1000;
const READ_REQUESTS = 31;
const READ_WARMUPS = 3;

/** What a stack part adds to its figures in results.json: where, when, how long and how busy the machine was. */
interface PartRecord {
  seconds: number;
  loadAverage: { before: number[]; after: number[] };
}

async function timedPart<T>(title: string, measure: () => Promise<T>): Promise<{ figures: T; record: PartRecord }> {
  process.stdout.write(`${title}\n`);
  const before = os.loadavg().map((v) => round(v, 2));
  const started = process.hrtime.bigint();
  const figures = await measure();
  const seconds = round(Number(process.hrtime.bigint() - started) / 1e9, 1);
  return { figures, record: { seconds, loadAverage: { before, after: os.loadavg().map((v) => round(v, 2)) } } };
}

const FLOOR_NAMES: Record<FloorWay, string> = {
  raw: 'raw PutItem',
  nodeHttp: 'node:http + PutItem',
  hono: 'Hono + PutItem',
  honoStore: 'Hono + responses.put',
  api: 'the API',
};

const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const list = (values: readonly number[], digits: number) => values.map((v) => v.toFixed(digits)).join(' ');

function stackTable(
  ingest: IngestFigures | undefined,
  fold: FoldFigures | undefined,
  read: ReadFigures | undefined,
): string[][] {
  const rows: string[][] = [['', 'runs', 'result', 'target', '']];
  if (ingest) {
    rows.push(
      [
        `ingest: API submissions/s (${ingest.concurrency} HTTP clients on the main thread, like the raw writers)`,
        list(ingest.runs.perSecond, 0),
        ingest.perSecond.toFixed(0),
        '',
        '',
      ],
      [
        `ingest: raw conditional PutItem/s (${ingest.concurrency} concurrent)`,
        list(ingest.runs.rawPerSecond, 0),
        ingest.rawPerSecond.toFixed(0),
        '',
        '',
      ],
      [
        'ingest: ratio API / raw',
        '',
        `${ingest.ratio.toFixed(2)}x`,
        `>= ${INGEST_TARGET_RATIO}x`,
        verdict(ingest.pass),
      ],
      [
        'ingest: API submissions/s, clients in a worker thread (3 busy threads)',
        list(ingest.runs.workerThreadPerSecond, 0),
        ingest.workerThread.perSecond.toFixed(0),
        '',
        '',
      ],
      ['ingest: ratio worker-thread clients API / raw', '', `${ingest.workerThread.ratio.toFixed(2)}x`, '', ''],
      ...(ingest.floors
        ? Object.entries(ingest.floors.mainThreadMicrosPerRequest).map(([way, micros]) => [
            `ingest floors: main-thread CPU us per request, ${FLOOR_NAMES[way as FloorWay]}`,
            '',
            micros.toFixed(0),
            '',
            '',
          ])
        : []),
    );
  }
  if (fold) {
    rows.push(
      [
        `fold: foldRound responses/s (${fmt(fold.count)} responses)`,
        list(fold.runs.perSecond, 0),
        fold.perSecond.toFixed(0),
        '',
        '',
      ],
      [
        'fold: raw Query items/s (time index, consistent)',
        list(fold.runs.rawPerSecond, 0),
        fold.rawPerSecond.toFixed(0),
        '',
        '',
      ],
      ['fold: ratio fold / raw', '', `${fold.ratio.toFixed(2)}x`, `>= ${FOLD_TARGET_RATIO}x`, verdict(fold.pass)],
    );
  }
  if (read) {
    rows.push(
      [
        `read: comparison, rounds of ${fmt(read.small)} (ms, median of ${read.requests})`,
        '',
        read.ms1k.toFixed(1),
        '',
        '',
      ],
      [
        `read: comparison, rounds of ${fmt(read.large)} (ms, median of ${read.requests})`,
        '',
        read.ms50k.toFixed(1),
        '',
        '',
      ],
      [
        `read: ratio ${fmt(read.large)} / ${fmt(read.small)}`,
        '',
        `${read.ratio.toFixed(2)}x`,
        `<= ${READ_TARGET_RATIO}x either way`,
        verdict(read.pass),
      ],
    );
  }
  return rows;
}

/** Lambda bundles: size and cold import time against the floor handler (target: import within 1.3x, API under 1.5 MB). */
async function benchLambda(): Promise<void> {
  process.stdout.write('Lambda: bundling the API, the fold and the floor handler, then 21 fresh imports of each ...\n');
  const figures = measureLambdas(21);
  const sizePass = figures.apiBundleBytes < 1.5 * 1024 * 1024;
  const importPass = figures.importRatio <= 1.3;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  process.stdout.write(
    [
      '',
      table([
        ['', 'bundle', 'cold import (ms, median)', 'target', ''],
        [
          'API (Hono app, store, core)',
          kb(figures.apiBundleBytes),
          figures.apiImportMs.toFixed(1),
          '< 1.5 MB',
          verdict(sizePass),
        ],
        ['fold', kb(figures.foldBundleBytes), figures.foldImportMs.toFixed(1), '', ''],
        [
          'floor (Hono + document client + zod, one route)',
          kb(figures.floorBundleBytes),
          figures.floorImportMs.toFixed(1),
          '',
          '',
        ],
        ['import ratio API / floor', '', `${figures.importRatio.toFixed(2)}x`, '<= 1.3x', verdict(importPass)],
      ]),
      '',
    ].join('\n'),
  );
  await writeResult('lambda', {
    apiBundleBytes: figures.apiBundleBytes,
    apiImportMs: figures.apiImportMs,
    floorImportMs: figures.floorImportMs,
    importRatio: figures.importRatio,
    foldBundleBytes: figures.foldBundleBytes,
    foldImportMs: figures.foldImportMs,
    floorBundleBytes: figures.floorBundleBytes,
    runs: figures.runs,
    pass: { size: sizePass, import: importPass },
    loadAverage: os.loadavg(),
  });
}

/** Page weight of the survey page and the dashboard (targets: 400 KB and 600 KB on the wire). */
async function benchWeb(): Promise<void> {
  process.stdout.write('Web: first loads of the survey page and the dashboard in Chromium ...\n');
  const figures = await measureWeb();
  const surveyPass = figures.surveyPageGzipBytes < 400 * 1000;
  const dashboardPass = figures.dashboardGzipBytes < 600 * 1000;
  process.stdout.write(
    [
      '',
      table([
        ['', 'requests', 'bytes on the wire (gzip, headers included)', 'target', ''],
        [
          'survey page',
          String(figures.surveyRequests),
          fmt(figures.surveyPageGzipBytes),
          '< 400,000',
          verdict(surveyPass),
        ],
        [
          'dashboard',
          String(figures.dashboardRequests),
          fmt(figures.dashboardGzipBytes),
          '< 600,000',
          verdict(dashboardPass),
        ],
      ]),
      '',
    ].join('\n'),
  );
  await writeResult('web', {
    surveyPageGzipBytes: figures.surveyPageGzipBytes,
    dashboardGzipBytes: figures.dashboardGzipBytes,
    requests: { survey: figures.surveyRequests, dashboard: figures.dashboardRequests },
    pass: { survey: surveyPass, dashboard: dashboardPass },
  });
}

async function bench(options: Options): Promise<void> {
  await readResults(); // first, so that an unreadable file fails before the long part
  const wants = (part: Part) => options.only === null || options.only === part;
  if (wants('compare')) await benchCompare(options);
  if (wants('lambda')) await benchLambda();
  if (wants('web')) await benchWeb();
  if (!wants('ingest') && !wants('fold') && !wants('read')) return;

  const machine = machineInfo();
  const log = (line: string) => process.stdout.write(line);
  let ingest: IngestFigures | undefined;
  let fold: FoldFigures | undefined;
  let read: ReadFigures | undefined;
  const notes: string[] = [];
  // Each part is written to results.json as soon as it is measured.
  const save = (key: Part, figures: object, record: PartRecord) =>
    writeResult(key, {
      ...figures,
      seconds: record.seconds,
      loadAverage: record.loadAverage,
      machine,
      measuredAt: new Date().toISOString(),
    });

  if (wants('ingest')) {
    const part = await timedPart(
      `Ingest: ${fmt(options.ingest)} submissions per run through the HTTP API and as raw PutItems, ${INGEST_RUNS} runs ...`,
      () =>
        measureIngest({
          count: options.ingest,
          concurrency: INGEST_CONCURRENCY,
          runs: INGEST_RUNS,
          warmup: INGEST_WARMUP,
          log,
        }),
    );
    ingest = part.figures;
    if (ingest.floors)
      notes.push(
        `ingest   the API's main-thread time over raw: ${ingest.floors.steps.map((step) => `${Number.isNaN(step.share) ? 'n/a' : `${(step.share * 100).toFixed(0)} %`} ${step.name.split(' (')[0]}`).join('; ')}`,
      );
    notes.push(
      `ingest   ${part.record.seconds} s; API latency p50 ${ingest.latencyMs.p50} ms, p90 ${ingest.latencyMs.p90} ms, p99 ${ingest.latencyMs.p99} ms; mean item ${ingest.meanItemBytes.api} bytes as the API stored it, ${ingest.meanItemBytes.raw} bytes raw`,
    );
    await save('ingest', ingest, part.record);
  }
  if (wants('fold')) {
    const part = await timedPart(`Fold: a round of ${fmt(options.fold)} settled responses, ${FOLD_RUNS} runs ...`, () =>
      measureFold({ count: options.fold, runs: FOLD_RUNS, log }),
    );
    fold = part.figures;
    notes.push(
      `fold     ${part.record.seconds} s; setup (generate + BatchWriteItem) ${fold.setup.seconds} s, ${fold.setup.itemsPerSecond.toFixed(0)} responses/s`,
    );
    await save('fold', fold, part.record);
  }
  if (wants('read')) {
    const part = await timedPart(
      `Read: the comparison endpoint for rounds of ${fmt(READ_SMALL)} and of ${fmt(options.read)} responses ...`,
      () =>
        measureRead({ small: READ_SMALL, large: options.read, requests: READ_REQUESTS, warmups: READ_WARMUPS, log }),
    );
    read = part.figures;
    const { setup } = read;
    notes.push(
      `read     ${part.record.seconds} s; setup of ${fmt(setup.responses)} responses ${setup.seconds} s (BatchWriteItem ${setup.writeSeconds} s = ${setup.writePerSecond.toFixed(0)}/s, fold ${setup.foldSeconds} s = ${setup.foldPerSecond.toFixed(0)}/s)`,
    );
    await save('read', read, part.record);
  }

  const pass = [ingest, fold, read].filter((f) => f !== undefined).map((f) => f.pass);
  process.stdout.write(
    [
      '',
      'bygdpuls bench: the local stack (one process as npm start runs it: in-memory dynalite on its own thread; the store and the app on @hono/node-server on the main thread)',
      `machine  node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.platform}; load average now ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
      'method   a rate is all items of all runs over all their seconds; the two sides of a ratio take turns (warm-up first, untimed); see "method" in results.json',
      '',
      table(stackTable(ingest, fold, read)),
      '',
      ...notes,
      '',
      `stack: ${pass.every(Boolean) ? 'all targets met' : `${pass.filter((p) => !p).length} of ${pass.length} targets missed`}; results in ${path.relative(ROOT, RESULTS_FILE)}`,
      '',
    ].join('\n'),
  );
}

try {
  await bench(parseOptions(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`\nbench: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
