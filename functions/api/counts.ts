// Response counts of a round per area and, for invited rounds, response rates per area. Counts
// of areas under the minimum group size are shown as such ("under k"), never as a number.
import { isPublishable } from '../core/compare.ts';
import { complementarySuppressions, SECONDARY } from '../core/disclosure.ts';
import type { AreaCount, RoundCounts } from './contract.ts';
import { readRoundAggregate } from '../fold/read.ts';
import type { Store } from '../store/index.ts';
import { roundQuestionnaire } from '../store/questionnaires.ts';
import type { Project, Round } from '../store/types.ts';
import { createScorer } from '../core/scoring.ts';

export async function readRoundCounts(
  store: Store,
  project: Project,
  round: Round,
): Promise<Omit<RoundCounts, 'round'>> {
  const questionnaire = await roundQuestionnaire(store, round);
  const view = await readRoundAggregate(store, round, createScorer(questionnaire.indicators));
  const perArea = new Map<string, number>();
  for (const cell of Object.values(view.aggregate.cells)) {
    const area = cell.background.area;
    if (area !== null) perArea.set(area, (perArea.get(area) ?? 0) + cell.respondents);
  }
  const invitedByArea = round.access === 'invite' ? await store.invitations.countByArea(round.id) : null;
  const k = project.settings.minGroupSize;
  const areas = project.areas.map((area): AreaCount => {
    const count = perArea.get(area.id) ?? 0;
    const published = isPublishable(count, k);
    const invited = invitedByArea ? (invitedByArea.get(area.id) ?? 0) : null;
    return {
      area: area.id,
      name: area.name,
      responses: published ? count : null,
      underMinimum: !published,
      invited,
      rate: published && invited ? count / invited : null,
    };
  });
  // Total minus the published areas must not give away a small area (or the few with no area).
  const extra = new Set(
    complementarySuppressions(
      [view.responses],
      areas.map((a) => ({ key: a.area, sizes: a.responses === null ? null : [a.responses] })),
      k,
    ),
  );
  for (const a of areas) if (extra.has(a.area)) Object.assign(a, { responses: null, rate: null, reason: SECONDARY });
  const invited = invitedByArea ? [...invitedByArea.values()].reduce((sum, n) => sum + n, 0) : null;
  return { responses: view.responses, areas, invited };
}
