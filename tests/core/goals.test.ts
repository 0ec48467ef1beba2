// METHOD.md's "Goal verdicts" at their edges: count goals around min and max, indicator goals
// around d = 0, alpha and minChange, in both directions, and not assessable without figures.
import { describe, expect, it } from 'vitest';
import {
  countActivities,
  countVerdict,
  indicatorVerdict,
  type Activity,
  type IndicatorBasis,
} from '../../functions/core/goals.ts';
import { activitiesInPeriod, reportGoals, type GoalStatus } from '../../functions/core/reports.ts';

describe('count goals', () => {
  it('are achieved at min, partly between 0 and min, not achieved at 0, and say when over max', () => {
    const target = { min: 10, max: 12 };
    expect(countVerdict(0, target).verdict).toBe('not_achieved');
    expect(countVerdict(1, target).verdict).toBe('partly');
    expect(countVerdict(9, target).verdict).toBe('partly');
    expect(countVerdict(10, target)).toEqual({
      verdict: 'achieved',
      basis: { kind: 'count', actual: 10, min: 10, max: 12, overTarget: false },
    });
    expect(countVerdict(12, target).basis.overTarget).toBe(false);
    expect(countVerdict(13, target)).toMatchObject({ verdict: 'achieved', basis: { overTarget: true } });
    expect(countVerdict(50, { min: 50 })).toMatchObject({
      verdict: 'achieved',
      basis: { max: null, overTarget: false },
    });
    expect(countVerdict(0, { min: 0 }).verdict).toBe('achieved');
  });

  it('count activities of the type, in the area, up to and including the day, never removed ones', () => {
    const activity = (date: string, extra: Partial<Activity> = {}): Activity => ({
      id: date,
      projectId: 'p',
      type: 'workshop',
      date,
      title: 't',
      area: 'a',
      participants: null,
      note: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'x',
      removed: null,
      ...extra,
    });
    const list = [
      activity('2026-03-01'),
      activity('2026-03-31'),
      activity('2026-04-01'),
      activity('2026-03-15', { area: 'b' }),
      activity('2026-03-16', { type: 'meeting' }),
      activity('2026-03-17', { removed: { at: '2026-03-18T00:00:00.000Z', by: 'x', reason: null } }),
    ];
    expect(countActivities(list, 'workshop', null, '2026-03-31')).toBe(3);
    expect(countActivities(list, 'workshop', 'a', '2026-03-31')).toBe(2);
    expect(countActivities(list, 'workshop', null, '2026-03-30')).toBe(2);
    expect(countActivities(list, 'workshop', null, '2026-04-01')).toBe(4);
  });
});

describe('indicator goals', () => {
  const basis = (
    difference: number | null,
    pValue: number | null,
    minChange: number | null = null,
  ): IndicatorBasis => ({
    kind: 'indicator',
    difference,
    ciLow: null,
    ciHigh: null,
    pValue,
    alpha: 0.05,
    nBaseline: 100,
    nFollowup: 100,
    weighted: false,
    minChange,
    note: null,
  });

  it('are not achieved at d = 0 or against the direction, whatever p says', () => {
    expect(indicatorVerdict(basis(0, 0.0001), 'increase')).toBe('not_achieved');
    expect(indicatorVerdict(basis(0, 0.0001), 'decrease')).toBe('not_achieved');
    expect(indicatorVerdict(basis(-3, 0.0001), 'increase')).toBe('not_achieved');
    expect(indicatorVerdict(basis(3, 0.0001), 'decrease')).toBe('not_achieved');
  });

  it('are achieved only with p below alpha, partly just above it', () => {
    expect(indicatorVerdict(basis(2, 0.0499999), 'increase')).toBe('achieved');
    expect(indicatorVerdict(basis(2, 0.05), 'increase')).toBe('partly');
    expect(indicatorVerdict(basis(2, 0.0500001), 'increase')).toBe('partly');
    expect(indicatorVerdict(basis(-2, 0.01), 'decrease')).toBe('achieved');
  });

  it("need the difference to reach minChange, in the goal's direction", () => {
    expect(indicatorVerdict(basis(4.99, 0.001, 5), 'increase')).toBe('partly');
    expect(indicatorVerdict(basis(5, 0.001, 5), 'increase')).toBe('achieved');
    expect(indicatorVerdict(basis(-5, 0.001, 5), 'decrease')).toBe('achieved');
    expect(indicatorVerdict(basis(-4, 0.001, 5), 'decrease')).toBe('partly');
  });

  it('are not assessable when the difference or its p is withheld', () => {
    expect(indicatorVerdict(basis(null, null), 'increase')).toBe('not_assessable');
    expect(indicatorVerdict(basis(2, null), 'increase')).toBe('not_assessable');
    expect(indicatorVerdict(basis(null, 0.01), 'increase')).toBe('not_assessable');
  });
});

describe('reports', () => {
  it('keep the computed verdict beside an override, and the override stands', () => {
    const status: GoalStatus = {
      id: 'g',
      title: 'Minst 6 workshops',
      kind: 'count',
      area: null,
      target: { min: 6 },
      measure: { source: 'activities', type: 'workshop' },
      indicator: null,
      due: null,
      actual: 5,
      verdict: 'partly',
      basis: { kind: 'count', actual: 5, min: 6, max: null, overTarget: false },
    };
    const override = {
      verdict: 'achieved' as const,
      reason: 'En sjätte hölls digitalt',
      by: 'Anna',
      at: '2026-06-01T00:00:00.000Z',
    };
    const [goal] = reportGoals([status], { g: { comment: 'Bra', override } });
    expect(goal).toMatchObject({ verdict: 'achieved', computedVerdict: 'partly', override, comment: 'Bra' });
    expect(reportGoals([status], {})[0]).toMatchObject({ verdict: 'partly', override: null, comment: null });
  });

  it("list the activities of the period, grouped by type in the project's order", () => {
    const types = [
      { id: 'workshop', label: { sv: 'Workshop', en: 'Workshop' } },
      { id: 'meeting', label: { sv: 'Möte', en: 'Meeting' } },
    ];
    const make = (id: string, type: string, date: string): Activity => ({
      id,
      projectId: 'p',
      type,
      date,
      title: id,
      area: null,
      participants: 3,
      note: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'x',
      removed: null,
    });
    const groups = activitiesInPeriod(
      [make('a', 'meeting', '2026-02-01'), make('b', 'workshop', '2026-02-02'), make('c', 'workshop', '2027-01-01')],
      types,
      '2026-01-01',
      '2026-12-31',
    );
    expect(groups.map((g) => [g.type, g.count])).toEqual([
      ['workshop', 1],
      ['meeting', 1],
    ]);
  });
});
