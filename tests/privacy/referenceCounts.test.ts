// Every count the protected mode publishes on the reference cases is the true count or null
// (../shared/docs/METHOD.md: "never a made-up 0 or []"). The outputs - the comparison
// (`compare --protect`, which the API equals: tests/api/reference.test.ts) and each round's
// indicators as evaluators read them - are walked key by key, and each count is recounted from the
// CSV rows, independently of bygdpuls's aggregates.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFiles, readRound } from '../../functions/cli/compare.ts';
import { roundIndicators } from '../../functions/core/roundIndicators.ts';
import type { Indicator } from '../../functions/core/schemas.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { respondentValue } from '../support/collapsedStrata.ts';
import { readCase } from '../support/referenceCase.ts';

const casesDir = path.resolve(import.meta.dirname, '../fixtures/reference');
const cases = readdirSync(casesDir).filter((name) => existsSync(path.join(casesDir, name, 'expected.json')));

type Row = Record<string, string>;
type Json = any;

/** Collects every count that differs from the truth (null always passes: withheld). */
class Walker {
  readonly problems: string[] = [];
  checked = 0;

  count(at: string, published: unknown, truth: number): void {
    if (published === null || published === undefined) return;
    this.checked++;
    if (published !== truth) this.problems.push(`${at}: published ${JSON.stringify(published)}, true ${truth}`);
  }

  summary(at: string, s: Json, def: Indicator, rows: readonly Row[]): void {
    const values = rows.map((r) => respondentValue(def, r)).filter((v): v is number => v !== null);
    this.count(`${at}.n`, s.n, values.length);
    if (def.kind === 'share') this.count(`${at}.k`, s.k, values.filter((v) => v === 1).length);
  }

  distribution(at: string, d: Json, item: string, rows: readonly Row[]): void {
    const answered = rows.filter((r) => (r[item] ?? '') !== '');
    this.count(`${at}.n`, d.n, answered.length);
    for (const [value, n] of Object.entries<number>(d.counts ?? {}))
      this.count(`${at}.counts.${value}`, n, answered.filter((r) => r[item] === value).length);
  }

  weighted(at: string, w: Json, def: Indicator, rows: readonly Row[], strata: readonly string[], population: Row[]) {
    const holders = rows.filter((r) => respondentValue(def, r) !== null);
    this.count(`${at}.excluded`, w.excluded, holders.filter((r) => strata.some((s) => (r[s] ?? '') === '')).length);
    const sizes = population.map((p) => holders.filter((r) => strata.every((s) => r[s] === p[s])).length);
    const named = (n: number) =>
      population.flatMap((p, i) => (sizes[i] === n ? [Object.fromEntries(strata.map((s) => [s, p[s]]))] : []));
    for (const [key, n] of [
      ['strataEmpty', 0],
      ['strataSingle', 1],
    ] as const) {
      if (w[key] === null) continue;
      this.checked++;
      if (JSON.stringify(w[key]) !== JSON.stringify(named(n)))
        this.problems.push(`${at}.${key}: published ${JSON.stringify(w[key])}, true ${JSON.stringify(named(n))}`);
    }
  }
}

describe('the protected mode on the reference cases', () => {
  it.each(cases)('%s: every published count is true or null', async (name) => {
    const dir = path.join(casesDir, name);
    const files = {
      indicators: path.join(dir, 'indicators.json'),
      baseline: path.join(dir, 'baseline.csv'),
      followup: path.join(dir, 'followup.csv'),
    };
    const { comparison, definitions } = await compareFiles({ ...files, secondarySuppression: true });
    const data = await readCase(dir);
    const { settings, indicators } = definitions;
    const strata = settings.weighting?.strata ?? [];
    const walker = new Walker();
    const scorer = createScorer(indicators);
    for (const which of ['baseline', 'followup'] as const) {
      const rows = data.rounds[which];
      const inGroup = (variable: string, value: string) => rows.filter((r) => r[variable] === value);
      for (const def of indicators) {
        const ind: Json = comparison.indicators[def.id];
        const at = `comparison.${def.id}.${which}`;
        walker.summary(at, ind[which], def, rows);
        for (const [variable, groups] of Object.entries<Json>(ind.groups))
          for (const [value, pair] of Object.entries<Json>(groups))
            walker.summary(`${at}.groups.${variable}.${value}`, pair[which], def, inGroup(variable, value));
        if (ind.weighted)
          walker.weighted(`${at}.weighted`, ind.weighted[which], def, rows, strata, data.population ?? []);
      }
      const readings: Json = roundIndicators(scorer, await readRound(files[which], scorer, settings), settings);
      for (const def of indicators) {
        const reading = readings[def.id];
        const at = `indicators.${which}.${def.id}`;
        walker.summary(`${at}.summary`, reading.summary, def, rows);
        for (const [variable, groups] of Object.entries<Json>(reading.groups))
          for (const [value, s] of Object.entries<Json>(groups))
            walker.summary(`${at}.groups.${variable}.${value}`, s, def, inGroup(variable, value));
        for (const [item, d] of Object.entries<Json>(reading.distribution))
          walker.distribution(`${at}.distribution.${item}`, d, item, rows);
        for (const [variable, groups] of Object.entries<Json>(reading.groupDistributions))
          for (const [value, items] of Object.entries<Json>(groups))
            for (const [item, d] of Object.entries<Json>(items))
              walker.distribution(
                `${at}.groupDistributions.${variable}.${value}.${item}`,
                d,
                item,
                inGroup(variable, value),
              );
        if (reading.weighted)
          walker.weighted(`${at}.weighted`, reading.weighted, def, rows, strata, data.population ?? []);
      }
    }
    expect(walker.problems).toEqual([]);
    expect(walker.checked).toBeGreaterThan(50);
  });
});
