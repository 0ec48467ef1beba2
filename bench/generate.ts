// Benchmark data: writes a synthetic, seeded baseline/follow-up round pair (CSV, streamed to disk)
// with an indicators.json laid out like the clear-change reference case and a population.csv.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { index1to10, mean1to5, share } from '../functions/core/indicatorDefs.ts';
import { seeded } from '../functions/local/residents.ts';

/** Bump when the generated content changes, so that files on disk from an older generator are not reused. */
const GENERATOR_VERSION = 1;

/** Standard normal deviates from a uniform source (Box-Muller, one value per call). */
function normalFrom(random: () => number): () => number {
  return () => {
    const u = 1 - random(); // in (0, 1], so the logarithm is finite
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** Picks an index by weight; `cumulative` holds the running sums, the last one 1. */
function pick(cumulative: readonly number[], u: number): number {
  for (let i = 0; i < cumulative.length - 1; i++) if (u < cumulative[i]!) return i;
  return cumulative.length - 1;
}

function cumulate(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let running = 0;
  return weights.map((w) => (running += w / total));
}

interface Area {
  name: string;
  /** Inhabitants, for population.csv (the weighting uses only the shares). */
  population: number;
  /** Relative chance that a respondent comes from here: deliberately not the population shares. */
  sampleWeight: number;
  /** Shift of the latent place satisfaction (1..10 scale) against the overall level. */
  satisfaction: number;
}

/** Villages of Sollefteå municipality with rounded population figures. */
const AREAS: readonly Area[] = [
  { name: 'Långsele', population: 1040, sampleWeight: 1.0, satisfaction: -0.2 },
  { name: 'Junsele', population: 1110, sampleWeight: 1.6, satisfaction: 0.4 },
  { name: 'Ramsele', population: 900, sampleWeight: 0.8, satisfaction: 0.1 },
  { name: 'Näsåker', population: 510, sampleWeight: 1.1, satisfaction: 0.6 },
  { name: 'Resele', population: 210, sampleWeight: 0.4, satisfaction: -0.4 },
  { name: 'Helgum', population: 160, sampleWeight: 0.25, satisfaction: 0.0 },
  { name: 'Ådalsliden', population: 330, sampleWeight: 0.3, satisfaction: -0.1 },
];

const AGE_BANDS = ['16-29', '30-49', '50-64', '65+'] as const;
const AGE_CUMULATIVE = cumulate([0.12, 0.28, 0.27, 0.33]);
/** Shift of the latent satisfaction by age band (older respondents a little more satisfied). */
const AGE_SATISFACTION = [-0.4, -0.1, 0.1, 0.3] as const;
const GENDERS = ['kvinna', 'man', 'annat'] as const;
const GENDER_CUMULATIVE = cumulate([0.49, 0.495, 0.015]);
const AREA_CUMULATIVE = cumulate(AREAS.map((area) => area.sampleWeight));

const HEADER = [
  'respondent',
  'area',
  'age_band',
  'gender',
  'q_nki_overall',
  'q_nki_expect',
  'q_nki_ideal',
  'q_pride_village',
  'q_aware_project',
  'q_future',
] as const;

/** The indicator definitions of the clear-change reference case, weighted by area. */
const INDICATORS = {
  alpha: 0.05,
  minGroupSize: 5,
  groupBy: ['area'],
  weighting: { strata: ['area'], population: 'population.csv' },
  indicators: [
    index1to10('nki', 'Place satisfaction index (NKI style)', ['q_nki_overall', 'q_nki_expect', 'q_nki_ideal']),
    index1to10(
      'nki_w',
      'Place satisfaction index, weighted items',
      ['q_nki_overall', 'q_nki_expect', 'q_nki_ideal'],
      [0.5, 0.3, 0.2],
    ),
    share('nki_top', 'Very satisfied (8-10)', 'q_nki_overall', [8, 9, 10]),
    mean1to5('pride_village', "Pride in one's village", 'q_pride_village'),
    share('aware', 'Aware of the project', 'q_aware_project', ['yes']),
    index1to10('future', "Belief in the village's future", ['q_future']),
  ],
};

type Round = 'baseline' | 'followup';

/** How a round differs: the follow-up is a little more satisfied and more aware of the project. */
const ROUND = {
  baseline: { prefix: 'b', satisfaction: 6.4, aware: 0.34, seedSalt: 0x62617365 },
  followup: { prefix: 'f', satisfaction: 6.7, aware: 0.45, seedSalt: 0x666f6c6c },
} as const;

/** Rates of missing answers. */
const MISSING = {
  area: 0.006,
  ageBand: 0.01,
  gender: 0.015,
  /** Per scale item: left blank, answered "dk". */
  blank: 0.025,
  dk: 0.012,
  /** Respondents who skip two of the three NKI items (dropped from the index if it needs two). */
  skipTwoNki: 0.02,
  awareBlank: 0.03,
  awareDk: 0.07,
} as const;

function clampRound(value: number, lo: number, hi: number): number {
  const rounded = Math.round(value);
  return Math.min(hi, Math.max(lo, rounded));
}

/** Makes the row generator of one round: `row(i)` is line i (0-based) of the file, with its newline. */
function roundRows(round: Round, seed: number, rows: number): (i: number) => string {
  const spec = ROUND[round];
  const random = seeded((seed ^ spec.seedSalt) >>> 0);
  const normal = normalFrom(random);
  const idWidth = String(rows).length;

  /** A scale answer, or blank / dk now and then. */
  const scaleAnswer = (value: number): string => {
    const u = random();
    if (u < MISSING.blank) return '';
    if (u < MISSING.blank + MISSING.dk) return 'dk';
    return String(value);
  };

  return (i) => {
    const areaIndex = pick(AREA_CUMULATIVE, random());
    const area = AREAS[areaIndex]!;
    const ageIndex = pick(AGE_CUMULATIVE, random());
    const genderIndex = pick(GENDER_CUMULATIVE, random());
    const areaText = random() < MISSING.area ? '' : area.name;
    const ageText = random() < MISSING.ageBand ? '' : AGE_BANDS[ageIndex]!;
    const genderText = random() < MISSING.gender ? '' : GENDERS[genderIndex]!;

    // One latent place satisfaction per respondent drives the related items.
    const latent = spec.satisfaction + area.satisfaction + AGE_SATISFACTION[ageIndex]! + 1.6 * normal();
    let overall = scaleAnswer(clampRound(latent + 0.3 + 1.1 * normal(), 1, 10));
    let expect = scaleAnswer(clampRound(latent - 0.6 + 1.3 * normal(), 1, 10));
    let ideal = scaleAnswer(clampRound(latent - 1.1 + 1.3 * normal(), 1, 10));
    if (random() < MISSING.skipTwoNki) {
      const kept = Math.floor(random() * 3);
      if (kept !== 0) overall = '';
      if (kept !== 1) expect = '';
      if (kept !== 2) ideal = '';
    }
    const pride = scaleAnswer(clampRound(1 + ((latent - 1) / 9) * 4 + 0.3 + 0.7 * normal(), 1, 5));
    const future = scaleAnswer(clampRound(latent - 0.4 + 1.5 * normal(), 1, 10));
    const u = random();
    const aware =
      u < MISSING.awareBlank
        ? ''
        : u < MISSING.awareBlank + MISSING.awareDk
          ? 'dk'
          : random() < spec.aware + 0.02 * (latent - 6)
            ? 'yes'
            : 'no';

    const id = spec.prefix + String(i + 1).padStart(idWidth, '0');
    return `${id},${areaText},${ageText},${genderText},${overall},${expect},${ideal},${pride},${aware},${future}\n`;
  };
}

/** Writes `header` and `rows` lines to `file` as a stream (small batches, honouring backpressure). */
async function writeCsv(file: string, rows: number, row: (i: number) => string): Promise<void> {
  const partial = `${file}.partial`;
  const stream = createWriteStream(partial, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const done = finished(stream);
  const batchSize = 4096;
  let batch = `${HEADER.join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    batch += row(i);
    if ((i + 1) % batchSize === 0) {
      if (!stream.write(batch)) await once(stream, 'drain');
      batch = '';
    }
  }
  stream.end(batch);
  await done;
  await rename(partial, file);
}

export interface GenerateOptions {
  /** Respondents (data rows) per round file. */
  rows: number;
  seed: number;
  /** Folder under which the pair's own folder is made, e.g. bench/data. */
  dataDir: string;
}

export interface RoundPair {
  dir: string;
  indicators: string;
  baseline: string;
  followup: string;
  population: string;
  rows: number;
  seed: number;
  /** True when files of an earlier run with the same parameters were used as they were. */
  reused: boolean;
  /** Size of baseline.csv plus followup.csv. */
  csvBytes: number;
}

interface Manifest {
  generatorVersion: number;
  rows: number;
  seed: number;
  sizes: Record<string, number>;
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

/**
 * Generates the round pair into `<dataDir>/rows-<rows>-seed-<seed>/`, or reuses it when a complete
 * earlier run with the same parameters (and generator version) is there. The manifest is written
 * last, so an interrupted run is never reused.
 */
export async function generateRoundPair(options: GenerateOptions): Promise<RoundPair> {
  const { rows, seed } = options;
  if (!Number.isSafeInteger(rows) || rows < 1)
    throw new RangeError(`rows must be a positive whole number, not ${rows}`);
  const dir = path.join(options.dataDir, `rows-${rows}-seed-${seed}`);
  const files = {
    indicators: path.join(dir, 'indicators.json'),
    baseline: path.join(dir, 'baseline.csv'),
    followup: path.join(dir, 'followup.csv'),
    population: path.join(dir, 'population.csv'),
  };
  const manifestFile = path.join(dir, 'manifest.json');
  const pair = (reused: boolean, sizes: Record<string, number>): RoundPair => ({
    dir,
    ...files,
    rows,
    seed,
    reused,
    csvBytes: (sizes['baseline.csv'] ?? 0) + (sizes['followup.csv'] ?? 0),
  });

  const existing = await readManifest(manifestFile);
  if (existing && existing.generatorVersion === GENERATOR_VERSION && existing.rows === rows && existing.seed === seed) {
    const intact = await Promise.all(
      Object.values(files).map(async (file) => (await sizeOf(file)) === existing.sizes[path.basename(file)]),
    );
    if (intact.every(Boolean)) return pair(true, existing.sizes);
  }

  await mkdir(dir, { recursive: true });
  await rm(manifestFile, { force: true });
  await writeFile(files.indicators, `${JSON.stringify(INDICATORS, null, 2)}\n`);
  await writeFile(
    files.population,
    `area,population\n${AREAS.map((area) => `${area.name},${area.population}\n`).join('')}`,
  );
  await writeCsv(files.baseline, rows, roundRows('baseline', seed, rows));
  await writeCsv(files.followup, rows, roundRows('followup', seed, rows));
  const sizes: Record<string, number> = {};
  for (const file of Object.values(files)) sizes[path.basename(file)] = (await stat(file)).size;
  const manifest: Manifest = { generatorVersion: GENERATOR_VERSION, rows, seed, sizes };
  await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return pair(false, sizes);
}

async function readManifest(file: string): Promise<Manifest | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Manifest>;
    if (
      typeof parsed.generatorVersion !== 'number' ||
      typeof parsed.rows !== 'number' ||
      typeof parsed.seed !== 'number'
    )
      return null;
    if (typeof parsed.sizes !== 'object' || parsed.sizes === null) return null;
    return parsed as Manifest;
  } catch {
    return null;
  }
}
