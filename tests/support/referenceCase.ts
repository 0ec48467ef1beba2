// Loads a reference case (indicators.json, baseline.csv, followup.csv, population.csv) into the
// API: a project, a SurveyJS questionnaire that fits the case's columns, two rounds, and every
// CSV row submitted through the public route.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { readCsv } from '../../functions/cli/csv/index.ts';
import type { Indicator } from '../../functions/core/schemas.ts';
import type { TestApi } from './api.ts';

interface CaseFiles {
  settings: {
    alpha: number;
    minGroupSize: number;
    groupBy: string[];
    weighting: null | { strata: string[]; population: string; minStratumSize?: number };
  };
  indicators: Indicator[];
  rounds: { baseline: Record<string, string>[]; followup: Record<string, string>[] };
  population: Record<string, string>[] | null;
}

async function readRows(file: string): Promise<Record<string, string>[]> {
  let header: string[] = [];
  const rows: Record<string, string>[] = [];
  await readCsv(
    file,
    (h) => (header = h),
    (fields) => rows.push(Object.fromEntries(header.map((name, i) => [name, fields[i]!]))),
  );
  return rows;
}

export async function readCase(dir: string): Promise<CaseFiles> {
  const json = JSON.parse(readFileSync(path.join(dir, 'indicators.json'), 'utf8'));
  const populationFile = json.weighting ? path.join(dir, json.weighting.population) : null;
  return {
    settings: { alpha: json.alpha, minGroupSize: json.minGroupSize, groupBy: json.groupBy, weighting: json.weighting },
    indicators: json.indicators,
    rounds: {
      baseline: await readRows(path.join(dir, 'baseline.csv')),
      followup: await readRows(path.join(dir, 'followup.csv')),
    },
    population: populationFile && existsSync(populationFile) ? await readRows(populationFile) : null,
  };
}

const BACKGROUND = ['area', 'age_band', 'gender'] as const;

/** A SurveyJS document whose questions allow exactly what the case's columns hold. */
function surveyFor(files: CaseFiles): Record<string, unknown> {
  const rows = [...files.rounds.baseline, ...files.rounds.followup];
  const columns = Object.keys(rows[0]!).filter((name) => name !== 'respondent');
  const seen = (column: string) =>
    [...new Set(rows.map((r) => r[column]!).filter((v) => v !== '' && v !== 'dk'))].sort();
  const elements = columns.map((name) => {
    if ((BACKGROUND as readonly string[]).includes(name)) return { type: 'dropdown', name, choices: seen(name) };
    const scaled = files.indicators.find((def) => def.items.includes(name) && (def.kind !== 'share' || def.scale));
    if (scaled) {
      const [lo, hi] = scaled.scale!;
      return { type: 'rating', name, rateValues: [...Array.from({ length: hi - lo + 1 }, (_, i) => lo + i), 'dk'] };
    }
    return { type: 'radiogroup', name, choices: [...seen(name), 'dk'] };
  });
  return { pages: [{ name: 'p1', elements }] };
}

function answersOf(row: Record<string, string>, files: CaseFiles): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === 'respondent' || value === '') continue;
    const numeric = files.indicators.some((def) => def.items.includes(name) && (def.kind !== 'share' || def.scale));
    answers[name] = numeric && value !== 'dk' ? Number(value) : value;
  }
  return answers;
}

export interface LoadedCase {
  projectId: string;
  baseline: string;
  followup: string;
}

/** Creates the case's project and rounds and submits every row; returns the ids. */
export async function loadCaseThroughApi(api: TestApi, dir: string, concurrency = 16): Promise<LoadedCase> {
  const files = await readCase(dir);
  const rows = [...files.rounds.baseline, ...files.rounds.followup];
  const areas = [...new Set(rows.map((r) => r.area!).filter((a) => a !== ''))].sort();
  for (const row of files.population ?? []) if (row.area && !areas.includes(row.area)) areas.push(row.area);
  const project = await api.call('POST', '/api/projects', {
    body: {
      name: path.basename(dir),
      areas: areas.map((id) => ({ id, name: id })),
      alpha: files.settings.alpha,
      minGroupSize: files.settings.minGroupSize,
      groupBy: files.settings.groupBy,
      ...(files.settings.weighting && files.population
        ? {
            weighting: {
              strata: files.settings.weighting.strata,
              population: files.population.map((r) => ({ ...r, population: Number(r.population) })),
              ...(files.settings.weighting.minStratumSize === undefined
                ? {}
                : { minStratumSize: files.settings.weighting.minStratumSize }),
            },
          }
        : {}),
    },
  });
  if (project.status !== 201) throw new Error(`project: ${project.status} ${project.text}`);
  const projectId = project.json.id as string;
  const questionnaire = await api.call('POST', `/api/projects/${projectId}/questionnaires`, {
    body: {
      survey: surveyFor(files),
      indicators: files.indicators,
      background: { area: 'area', age_band: 'age_band', gender: 'gender' },
    },
  });
  if (questionnaire.status !== 201) throw new Error(`questionnaire: ${questionnaire.status} ${questionnaire.text}`);
  const ids: Record<string, string> = {};
  for (const kind of ['baseline', 'followup'] as const) {
    const round = await api.call('POST', `/api/projects/${projectId}/rounds`, {
      body: { kind, name: kind, questionnaireId: questionnaire.json.id, access: 'open' },
    });
    if (round.status !== 201) throw new Error(`round: ${round.status} ${round.text}`);
    ids[kind] = round.json.id;
    const queue = [...files.rounds[kind]];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          const result = await api.call('POST', `/api/public/rounds/${ids[kind]}/responses`, {
            token: null,
            body: { responseId: randomUUID(), answers: answersOf(row, files) },
          });
          if (result.status !== 201) throw new Error(`submit ${row.respondent}: ${result.status} ${result.text}`);
        }
      }),
    );
  }
  return { projectId, baseline: ids.baseline!, followup: ids.followup! };
}
