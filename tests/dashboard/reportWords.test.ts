// The words of the report's summary and the one-round view, in Swedish and English, and one
// round's CSV (the comparison's columns).
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvFileName, csvHeaders, roundCsv } from '../../web/src/dashboard/csv.ts';
import type { RoundData } from '../../web/src/dashboard/data.ts';
import { listIn, reportWords } from '../../web/src/dashboard/reportWords.ts';

const sv = reportWords('sv');
const en = reportWords('en');

describe('the report words', () => {
  it('lists names as people write them', () => {
    expect(listIn([], 'och')).toBe('');
    expect(listIn(['Norrby'], 'och')).toBe('Norrby');
    expect(listIn(['Norrby', 'Lillby'], 'och')).toBe('Norrby och Lillby');
    expect(listIn(['A', 'B', 'C'], 'and')).toBe('A, B and C');
  });

  it('says once which groups are not reported, and why, in both languages', () => {
    expect(sv.tooSmall(['Lillby'], 5)).toContain('färre än 5 svar');
    expect(sv.protecting(['Mellanby'], 5)).toContain('en mindre grupp (färre än 5 svar)');
    expect(en.protecting(['Mellanby'], 5)).toMatch(/^Mellanby is not reported/);
    expect(en.protecting(['A', 'B'], 5)).toMatch(/^A and B are not reported/);
    expect(sv.omitted(['Stolthet'], 5, true)).toContain('i omgången');
    expect(sv.omitted(['Stolthet'], 5, false)).toContain('i båda omgångarna');
    expect(en.omitted(['X', 'Y'], 5, false)).toBe(
      'X and Y have fewer than 5 responses in both rounds and no section of their own.',
    );
  });

  it('marks an open round preliminary with its response count', () => {
    expect(sv.preliminaryBadge('Nollmätning 2026', '22')).toBe(
      'Preliminärt: Nollmätning 2026 är fortfarande öppen (22 svar hittills)',
    );
    expect(en.preliminaryBadge('Baseline 2026', '22')).toBe(
      'Preliminary: Baseline 2026 is still open (22 responses so far)',
    );
    expect(sv.openPart('22', '3 dec. 2026 15:51')).toContain('preliminära');
  });

  it('does not repeat the kind a round is named after', () => {
    expect(sv.oneRoundSubtitle('Nollmätning', 'Nollmätning 2026')).toBe('Nollmätning 2026');
    expect(sv.oneRoundSubtitle('Nollmätning', 'Våren 2026')).toBe('Nollmätning: Våren 2026');
    expect(sv.oneRoundSubtitle(sv.reportKind('Nollmätning'), 'Nollmätning 2026')).toBe(
      'Nollmätningsrapport: Nollmätning 2026',
    );
    expect(en.reportKind('Baseline')).toBe('Baseline report');
  });
});

describe("one round's CSV", () => {
  const data = {
    project: {
      id: 'p',
      name: 'Bygden',
      areas: [
        { id: 'norrby', name: 'Norrby' },
        { id: 'lillby', name: 'Lillby' },
      ],
    },
    round: { id: 'r', name: 'Nollmätning 2026', kind: 'baseline' },
    indicators: [{ id: 'nki', label: 'Nöjdhet', kind: 'index', items: ['a'] }],
    reading: {
      indicators: {
        nki: {
          label: 'Nöjdhet',
          kind: 'index',
          summary: { n: 22, mean: 58.125, sd: 12, ciLow: 53.1, ciHigh: 63.1 },
          groups: {
            area: {
              norrby: { n: 14, mean: 57.7, sd: 11, ciLow: 50.5, ciHigh: 64.8 },
              lillby: { suppressed: true, n: null },
            },
          },
          weighted: {
            estimate: 58.2,
            se: 2.4,
            ciLow: 53.4,
            ciHigh: 62.9,
            excluded: 0,
            strataEmpty: [],
            strataSingle: [],
            weighted: true,
          },
          distribution: {},
          groupDistributions: {},
        },
      },
    },
  } as unknown as RoundData;

  it('has the comparison columns: the whole round, its weighted figure and each area (suppressed as such)', () => {
    const lines = roundCsv(data, 'sv').trimEnd().split('\r\n');
    expect(lines[0]).toBe(csvHeaders('sv').join(';'));
    expect(lines[0]!.split(';').slice(0, 4)).toEqual(['indikator', 'namn', 'slag', 'omgång']);
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(';').map((v, i) => [CSV_COLUMNS[i], v])));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ indicator: 'nki', round: 'baseline', weighted: 'no', n: '22', estimate: '58,125' });
    expect(rows[1]).toMatchObject({ weighted: 'yes', estimate: '58,2', suppressed: 'no' });
    expect(rows[2]).toMatchObject({ group_name: 'Norrby', n: '14' });
    expect(rows[3]).toMatchObject({ group_name: 'Lillby', suppressed: 'yes', n: '', estimate: '' });
    expect(csvFileName('Bygden före', 'Nollmätning 2026')).toBe('bygdpuls-bygden-fore-nollmatning-2026.csv');
  });
});
