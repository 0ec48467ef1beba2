// How the dashboard words a comparison: the API's one verdict (../shared/docs/METHOD.md, "How
// the pages word a change"), what it rests on, the weighting notes and the CSV's verdict column.
import { describe, expect, it } from 'vitest';
import { comparisonCsv, CSV_COLUMNS } from '../../web/src/dashboard/csv.ts';
import type { DashboardData, Indicator, IndicatorComparison, WeightedRound } from '../../web/src/dashboard/data.ts';
import { texts, translateNote } from '../../web/src/dashboard/i18n.ts';
import { deltaOf, verdictBasis, verdictHeadline, verdictTone } from '../../web/src/dashboard/verdictWords.ts';
import { weightingNotes, type Stratum } from '../../web/src/dashboard/weightingWords.ts';

const sv = texts('sv');
const en = texts('en');

function compared(over: Partial<IndicatorComparison>): IndicatorComparison {
  return {
    baseline: { n: 40, mean: 60, sd: 10, ciLow: 57, ciHigh: 63 },
    followup: { n: 40, mean: 64, sd: 10, ciLow: 61, ciHigh: 67 },
    diff: 4,
    diffCiLow: 1.2,
    diffCiHigh: 6.8,
    pValue: 0.02,
    pHolm: 0.143,
    significant: true,
    verdict: 'possible',
    groups: {},
    ...over,
  } as IndicatorComparison;
}

const nki = { id: 'nki', label: 'NKI', kind: 'index', items: ['a', 'b'], scale: [1, 10] } as unknown as Indicator;
const share = { id: 'aware', label: 'Känner till', kind: 'share', items: ['q'] } as unknown as Indicator;

describe('the verdict in words', () => {
  it('words each verdict as METHOD.md does, in Swedish and English, the direction from the sign of the change', () => {
    expect(verdictHeadline(compared({ verdict: 'confirmed' }), sv)).toBe('Säkerställd ökning');
    expect(verdictHeadline(compared({ verdict: 'confirmed', diff: -3 }), sv)).toBe('Säkerställd minskning');
    expect(verdictHeadline(compared({ verdict: 'possible' }), sv)).toBe(
      'Möjlig ökning, kan bero på slumpen när många indikatorer prövas',
    );
    expect(verdictHeadline(compared({ verdict: 'possible', diff: -1 }), sv)).toMatch(/^Möjlig minskning, /);
    expect(verdictHeadline(compared({ verdict: 'no_change' }), sv)).toBe('Ingen förändring av betydelse');
    expect(verdictHeadline(compared({ verdict: 'inconclusive' }), sv)).toBe(
      'För få svar för att säga om något har förändrats',
    );
    expect(verdictHeadline(compared({ verdict: 'not_assessable' }), sv)).toBe('Kan inte bedömas');
    expect(verdictHeadline(compared({ verdict: 'confirmed', diff: -3 }), en)).toBe('Confirmed decrease');
    expect(verdictHeadline(compared({ verdict: 'no_change' }), en)).toBe('No change that matters');
  });

  it('says which test the verdict rests on', () => {
    expect(verdictBasis(compared({ verdict: 'confirmed', pHolm: 0.012 }), 'index', nki, 'sv', sv)).toBe(
      'Holm-justerat p = 0,012',
    );
    expect(verdictBasis(compared({ verdict: 'confirmed', pHolm: 0.0001 }), 'index', nki, 'en', en)).toBe(
      'Holm-adjusted p < 0.001',
    );
    expect(verdictBasis(compared({}), 'index', nki, 'sv', sv)).toBe('p = 0,020, men Holm-justerat p = 0,143');
    const within = compared({ verdict: 'no_change', pValue: 0.4, diffCiLow: -2.5, diffCiHigh: 3.1 });
    expect(verdictBasis(within, 'index', nki, 'sv', sv)).toBe(
      'Hela förändringens 95 % KI (−2,5 till 3,1) ligger inom ±5,0',
    );
    const wide = compared({ verdict: 'inconclusive', pValue: 0.3, diff: 0.04, diffCiLow: -0.08, diffCiHigh: 0.16 });
    expect(verdictBasis(wide, 'share', share, 'sv', sv)).toBe(
      'Förändringens 95 % KI (−8,0 till 16,0) når utanför ±5,0 procentenheter',
    );
    const none = compared({
      verdict: 'not_assessable',
      pValue: null,
      pHolm: null,
      notes: [
        'a whole round has fewer than 5 respondents with a value (minimum group size): no comparison',
        'weighted: the standard error of the difference is 0',
      ],
    });
    expect(verdictBasis(none, 'index', nki, 'sv', sv)).toBe(
      'En hel omgång har färre än 5 svar på indikatorn (minsta gruppstorlek): ingen jämförelse.',
    );
    expect(verdictBasis(compared({ verdict: 'not_assessable', pValue: null }), 'index', nki, 'en', en)).toBe(
      'No p-value',
    );
  });

  it("takes the meaningful change from the definition, else its kind's default", () => {
    expect(deltaOf(nki, 'index')).toBe(5);
    expect(deltaOf({ ...nki, meaningfulChange: 8 } as Indicator, 'index')).toBe(8);
    expect(deltaOf(share, 'share')).toBe(0.05);
    expect(deltaOf({ id: 'm', kind: 'mean', items: ['q'], scale: [1, 5] } as unknown as Indicator, 'mean')).toBe(0.2);
    expect(deltaOf(undefined, 'mean')).toBeNull();
  });

  it('emphasises a confirmed change only, and colours it by its direction', () => {
    expect(verdictTone(compared({ verdict: 'confirmed' }))).toEqual({ strong: true, down: false });
    expect(verdictTone(compared({ verdict: 'confirmed', diff: -2 }))).toEqual({ strong: true, down: true });
    for (const verdict of ['possible', 'no_change', 'inconclusive', 'not_assessable'] as const)
      expect(verdictTone(compared({ verdict, diff: -2 }))).toEqual({ strong: false, down: false });
  });

  it('has no second yes/no judgement among its words', () => {
    for (const t of [sv, en]) {
      const words = Object.keys(t);
      for (const gone of ['significance', 'significantYes', 'sigShortYes', 'holmVerdict', 'holmNo'])
        expect(words).not.toContain(gone);
    }
  });
});

describe('the weighting notes', () => {
  const names: Record<string, string> = { guld: 'Guldsmedshyttan', vede: 'Vedevåg', ramsberg: 'Ramsberg' };
  const name = (s: Stratum) => names[s.area!]!;
  const round = (over: Partial<WeightedRound>): WeightedRound =>
    ({
      n: 30,
      mean: 60,
      se: 2,
      ciLow: 56,
      ciHigh: 64,
      excluded: 0,
      strataEmpty: [],
      strataSingle: [],
      ...over,
    }) as WeightedRound;

  it('says plainly which strata were merged, and why', () => {
    expect(weightingNotes(round({ strataCollapsed: [[{ area: 'guld' }, { area: 'vede' }]] }), sv, 5, name)).toEqual([
      'Viktningen slog ihop Guldsmedshyttan med Vedevåg eftersom de hade färre än 5 svar.',
    ]);
    expect(
      weightingNotes(
        round({ strataCollapsed: [[{ area: 'guld' }, { area: 'vede' }, { area: 'ramsberg' }]] }),
        en,
        5,
        name,
      ),
    ).toEqual(['The weighting merged Guldsmedshyttan, Vedevåg and Ramsberg because they had fewer than 5 responses.']);
  });

  it('shows a withheld count or list as withheld, never as 0 or none', () => {
    const notes = weightingNotes(
      round({ excluded: null, strataEmpty: null, strataSingle: [{ area: 'ramsberg' }] }),
      sv,
      5,
      name,
    );
    expect(notes).toEqual([
      'Grupper med bara ett svar (ingen spridning att skatta): Ramsberg.',
      'Uppgift undanhålls om hur många svar som saknar uppgift om viktningsvariabeln och vilka grupper som saknar svar (den skulle avslöja en liten grupp).',
    ]);
    expect(notes.join(' ')).not.toMatch(/\b0\b/);
    expect(weightingNotes(round({}), sv, 5, name)).toEqual([]);
  });
});

describe('the notes of a comparison', () => {
  it('reads why a weighted figure is withheld in Swedish, and keeps those reasons out of the verdict', () => {
    expect(
      translateNote(
        'weighted followup: fewer than 5 respondents with a value have every stratum variable answered: no weighted figure',
        sv,
      ),
    ).toBe(
      'Viktat, uppföljningen: färre än 5 svar har alla viktningsvariabler besvarade, så inget viktat värde visas (skyddar små grupper).',
    );
    expect(
      translateNote(
        'weighted baseline: the weighted figure would single out the fewer than 5 respondents who left area unanswered',
        sv,
      ),
    ).toBe(
      'Viktat, nollmätningen: visas inte, eftersom det viktade värdet skulle peka ut de färre än 5 som lämnade frågan om område obesvarad (skyddar små grupper).',
    );
    const ind = compared({
      verdict: 'not_assessable',
      pValue: null,
      notes: [
        'weighted baseline: the weighted figure would single out the fewer than 5 respondents who left area unanswered',
      ],
    });
    expect(verdictBasis(ind, 'index', nki, 'sv', sv)).toBe('Inget p-värde');
  });
});

describe('the CSV', () => {
  it('has one verdict column (on the unweighted difference row) and no yes/no significance column', () => {
    expect(CSV_COLUMNS).toContain('verdict');
    expect(CSV_COLUMNS).not.toContain('significant' as never);
    const data = {
      comparison: { indicators: { nki: compared({ verdict: 'confirmed', pHolm: 0.01 }) } },
      baseline: { name: 'Noll' },
      followup: { name: 'Uppf' },
      indicators: [nki],
      project: { areas: [] },
    } as unknown as DashboardData;
    const [head, ...lines] = comparisonCsv(data, 'en').trimEnd().split('\r\n');
    const header = head!.split(',');
    const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));
    expect(rows.find((r) => r.round === 'difference')!.verdict).toBe('confirmed');
    expect(rows.filter((r) => r.round !== 'difference').every((r) => r.verdict === '')).toBe(true);
  });
});
