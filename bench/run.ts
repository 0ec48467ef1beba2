// `npm run bench`: times `bygdpuls compare` on a generated 1,000,000-response round pair against the
// floor (just reading and splitting the same CSV lines), then the local stack: ingest through the HTTP
// API against raw PutItems, the fold against raw Queries, and the comparison endpoint's latency for
// small and large rounds. Prints tables and updates bench/results.json (other keys are kept).
// Usage: npm run bench [-- --rows N] [--seed S] [--runs R] [--ingest N] [--fold N] [--read N]
//                      [--only compare|ingest|fold|read|lambda|web]
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchCompare } from './compare.ts';
import { FOLD_TARGET_RATIO, measureFold, type FoldFigures } from './fold.ts';
import { measureLambdas } from './lambda.ts';
import { INGEST_TARGET_RATIO, measureIngest, type IngestFigures } from './ingest.ts';
import type { FloorWay } from './ingestFloors.ts';
import { measureRead, READ_TARGET_RATIO, type ReadFigures } from './read.ts';
import { fmt, machineInfo, table, verdict } from './report.ts';
import { RESULTS_FILE, ROOT, readResults, writeResult } from './results.ts';
import { round } from './statistics.ts';
import { measureWeb, webTargets } from './web.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

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

/** Page weight of the survey page, the dashboard and the admin views (targets: bench/web.ts). */
async function benchWeb(): Promise<void> {
  process.stdout.write('Web: first loads of the survey page, the dashboard and the admin views in Chromium ...\n');
  const figures = await measureWeb();
  const targets = webTargets(figures);
  process.stdout.write(
    [
      '',
      table([
        ['', 'requests', 'bytes on the wire (gzip, headers included)', 'target', ''],
        ...targets.map((target) => [
          target.name,
          String(target.requests),
          fmt(target.bytes),
          `< ${fmt(target.limit)}`,
          verdict(target.ok),
        ]),
      ]),
      '',
    ].join('\n'),
  );
  // Every figure measureWeb returns, so that a new one lands in results.json without an edit here.
  await writeResult('web', {
    ...figures,
    pass: Object.fromEntries(targets.map((target) => [target.name, target.ok])),
    measuredAt: new Date().toISOString(),
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
