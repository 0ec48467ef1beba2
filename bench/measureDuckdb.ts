// Benchmark child: the peer of `bygdpuls compare`, DuckDB (@duckdb/node-api, a devDependency used by
// the bench only) computing the aggregation kernel on the same files: per round, per area and
// overall, n, mean and sample variance of every index and mean indicator, n and positives of every
// share. SQL made from indicators.json, read_csv with explicit types (every column VARCHAR: answers
// include "dk"). Reports elapsed time and peak RSS as a JSON last line on stderr, as the others do.
// Usage: node --import tsx bench/measureDuckdb.ts INDICATORS BASELINE FOLLOWUP
import { open, readFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { reportAtExit } from './childReport.ts';

interface IndicatorDef {
  id: string;
  kind: 'index' | 'mean' | 'share';
  items: string[];
  scale?: [number, number];
  weights?: number[];
  minItems?: number;
  positive?: (string | number)[];
}

const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;
const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The column names on a CSV file's first line (the bench's files have no quoted names). */
async function headerOf(file: string): Promise<string[]> {
  const handle = await open(file);
  try {
    const buffer = Buffer.alloc(1 << 16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return text.slice(0, text.search(/\r?\n/)).split(',');
  } finally {
    await handle.close();
  }
}

/** A respondent's value of an indicator, as a SQL expression over the typed items (NULL: no value). */
function valueSql(def: IndicatorDef): string {
  const number = (item: string) => `TRY_CAST(${quoteName(item)} AS INTEGER)`;
  if (def.kind === 'share') {
    const raw = quoteName(def.items[0]!);
    const positive = (def.positive ?? []).map((value) => quoteText(String(value))).join(', ');
    return `CASE WHEN ${raw} IS NULL OR ${raw} = 'dk' THEN NULL WHEN ${raw} IN (${positive}) THEN 1 ELSE 0 END`;
  }
  const [lo, hi] = def.scale!;
  if (def.kind === 'mean') return `${number(def.items[0]!)}::DOUBLE`;
  const count = def.items.length;
  const minItems = def.minItems ?? (count <= 2 ? count : count - 1);
  const weights = def.weights ?? def.items.map(() => 1);
  const answered = def.items.map((item) => `(${number(item)} IS NOT NULL)::INTEGER`).join(' + ');
  const total = def.items.map((item, i) => `COALESCE(${weights[i]} * (${number(item)} - ${lo}), 0)`).join(' + ');
  const weightSum = def.items.map((item, i) => `CASE WHEN ${number(item)} IS NULL THEN 0 ELSE ${weights[i]} END`);
  return `CASE WHEN ${answered} >= ${minItems} THEN 100.0 * (${total}) / (${weightSum.join(' + ')}) / ${hi - lo} END`;
}

function kernelSql(indicators: IndicatorDef[], files: { round: string; file: string; header: string[] }[]): string {
  const values = indicators.map((def) => `${valueSql(def)} AS ${quoteName(def.id)}`).join(',\n      ');
  const scans = files.map(({ round, file, header }) => {
    const columns = `{${header.map((name) => `${quoteText(name)}: 'VARCHAR'`).join(', ')}}`;
    const csv = `read_csv(${quoteText(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns})`;
    return `SELECT ${quoteText(round)} AS round, area,\n      ${values}\n    FROM ${csv}`;
  });
  const aggregates = indicators.flatMap((def) => {
    const v = quoteName(def.id);
    return def.kind === 'share'
      ? [`count(${v}) AS ${quoteName(`${def.id}_n`)}`, `sum(${v}) AS ${quoteName(`${def.id}_positive`)}`]
      : [
          `count(${v}) AS ${quoteName(`${def.id}_n`)}`,
          `avg(${v}) AS ${quoteName(`${def.id}_mean`)}`,
          `var_samp(${v}) AS ${quoteName(`${def.id}_variance`)}`,
        ];
  });
  return [
    `WITH responses AS (\n    ${scans.join('\n    UNION ALL\n    ')}\n)`,
    `SELECT round, area, grouping(area) AS overall, count(*) AS respondents, ${aggregates.join(', ')}`,
    'FROM responses GROUP BY GROUPING SETS ((round, area), (round)) ORDER BY ALL',
  ].join('\n');
}

const [indicatorsFile, baseline, followup] = process.argv.slice(2);
if (!indicatorsFile || !baseline || !followup) {
  process.stderr.write('usage: measureDuckdb.ts INDICATORS BASELINE FOLLOWUP\n');
  process.exit(2);
}

let exitCode = 0;
let groups = 0;
/** Respondents per round (the overall rows), for the caller to check against the files. */
const respondents: Record<string, number> = {};
// Seconds from the start of the work (modules loaded) to its end, the DuckDB instance's start included.
reportAtExit(() => ({ exitCode, groups, respondents }));

try {
  const { indicators } = JSON.parse(await readFile(indicatorsFile, 'utf8')) as { indicators: IndicatorDef[] };
  const files = [
    { round: 'baseline', file: baseline, header: await headerOf(baseline) },
    { round: 'followup', file: followup, header: await headerOf(followup) },
  ];
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows = (await connection.runAndReadAll(kernelSql(indicators, files))).getRowObjectsJson();
  groups = rows.length;
  for (const row of rows) if (Number(row.overall) === 1) respondents[String(row.round)] = Number(row.respondents);
  connection.closeSync();
  instance.closeSync();
} catch (error) {
  process.stderr.write(`measureDuckdb: ${(error as Error).message}\n`);
  exitCode = 1;
  process.exitCode = 1;
}
