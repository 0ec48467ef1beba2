// Response counts of a round per area and, for invited rounds, response rates per area. Counts
// of areas under the minimum group size are shown as such ("under k"), never as a number.
// Evaluators' counts come from the round's latest release (../shared/docs/METHOD.md, "Releases, not live
// figures"); only administrators' are live, and only when the route asks for them (`live`).
import { complementarySuppressions, isPublishable, SECONDARY } from '../core/disclosure.ts';
import type { RoundAggregate } from '../core/aggregates.ts';
import type { AreaCount, RoundCounts } from './contract.ts';
import { readRoundAggregate } from '../fold/read.ts';
import type { Store } from '../store/index.ts';
import { roundQuestionnaire } from '../store/questionnaires.ts';
import type { Project, Round } from '../store/types.ts';
import { createScorer } from '../core/scoring.ts';
import { NO_RELEASE, releaseInfo } from './releaseInfo.ts';

export async function readRoundCounts(
  store: Store,
  project: Project,
  round: Round,
  options: { live?: boolean } = {},
): Promise<Omit<RoundCounts, 'round'>> {
  const invitedByArea = round.access === 'invite' ? await store.invitations.countByArea(round.id) : null;
  const invited = invitedByArea ? [...invitedByArea.values()].reduce((sum, n) => sum + n, 0) : null;
  if (options.live) {
    const questionnaire = await roundQuestionnaire(store, round);
    const view = await readRoundAggregate(store, round, createScorer(questionnaire.indicators));
    return { ...areaCounts(project, view.aggregate, view.responses, invitedByArea), invited };
  }
  const release = await store.releases.latest(round.id);
  const preliminary = round.status === 'open';
  if (!release) {
    const empty = areaCounts(project, { cells: Object.create(null) }, 0, invitedByArea);
    return { ...empty, invited, release: null, preliminary, withheld: NO_RELEASE };
  }
  return {
    ...areaCounts(project, release.aggregate, release.n, invitedByArea),
    invited,
    release: releaseInfo(release),
    preliminary,
  };
}

function areaCounts(
  project: Project,
  aggregate: RoundAggregate,
  responses: number,
  invitedByArea: Map<string | null, number> | null,
): { responses: number; areas: AreaCount[] } {
  const perArea = new Map<string, number>();
  for (const cell of Object.values(aggregate.cells)) {
    const area = cell.background.area;
    if (area !== null) perArea.set(area, (perArea.get(area) ?? 0) + cell.respondents);
  }
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
      [responses],
      areas.map((a) => ({ key: a.area, sizes: a.responses === null ? null : [a.responses] })),
      k,
    ),
  );
  for (const a of areas) if (extra.has(a.area)) Object.assign(a, { responses: null, rate: null, reason: SECONDARY });
  return { responses, areas };
}
