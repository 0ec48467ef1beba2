// Partition and sort keys of every item kind, in one place: repositories build and read keys only
// through these.

const PROJECT_PREFIX = 'PROJECT#';
const ROUND_PREFIX = 'ROUND#';
/** Sort-key prefixes of the items a project or round partition holds, for begins_with queries. */
export const QUESTIONNAIRE_PREFIX = 'QUESTIONNAIRE#';
export const PROJECT_ROUND_PREFIX = ROUND_PREFIX;
export const INVITATION_PREFIX = 'CODE#';
export const RESPONSE_PREFIX = 'R#';
const REMOVAL_PREFIX = 'X#';

export const projectPartition = (projectId: string) => `${PROJECT_PREFIX}${projectId}`;
export const roundPartition = (roundId: string) => `${ROUND_PREFIX}${roundId}`;

export const projectKey = (projectId: string) => ({ pk: projectPartition(projectId), sk: 'PROJECT' });
/** All projects are listed under one partition: a handful of items, read by the admin pages. */
export const PROJECT_LIST_PARTITION = 'PROJECTS';
export const projectListKey = (projectId: string) => ({
  pk: PROJECT_LIST_PARTITION,
  sk: `${PROJECT_PREFIX}${projectId}`,
});
/** The project id of a project list entry's sort key. */
export const projectIdOfListKey = (sk: string) => sk.slice(PROJECT_PREFIX.length);
export const questionnaireKey = (projectId: string, questionnaireId: string) => ({
  pk: projectPartition(projectId),
  sk: `${QUESTIONNAIRE_PREFIX}${questionnaireId}`,
});
export const roundKey = (roundId: string) => ({ pk: roundPartition(roundId), sk: 'ROUND' });
export const projectRoundKey = (projectId: string, roundId: string) => ({
  pk: projectPartition(projectId),
  sk: `${PROJECT_ROUND_PREFIX}${roundId}`,
});
export const invitationKey = (roundId: string, codeHash: string) => ({
  pk: roundPartition(roundId),
  sk: `${INVITATION_PREFIX}${codeHash}`,
});

/** The write shard of a round that holds a response, its removal and the shard's snapshot. */
export const shardPartition = (roundId: string, shard: number) => `${roundPartition(roundId)}#P${shard}`;
export const responseSortKey = (responseKey: string) => `${RESPONSE_PREFIX}${responseKey}`;
/** The removal event of a response: beside it in the same shard, after it in time. */
export const removalSortKey = (responseKey: string) => `${REMOVAL_PREFIX}${responseKey}`;
/** The response key of a response's or removal's sort key (both prefixes are as long). */
export const responseKeyOfSortKey = (sk: string) => sk.slice(RESPONSE_PREFIX.length);
export const isRemovalSortKey = (sk: string) => sk.startsWith(REMOVAL_PREFIX);
export const SNAPSHOT_SORT_KEY = 'SNAPSHOT';
/** A round's latest release (../shared/docs/METHOD.md, "Releases, not live figures"): one item beside the round. */
export const releaseKey = (roundId: string) => ({ pk: roundPartition(roundId), sk: 'RELEASE' });

/** Sort key of the time index: fixed-width server time, then the item's own key (unique). */
export function timeKey(ts: number, suffix: string): string {
  return `${String(ts).padStart(15, '0')}#${suffix}`;
}

/** An issued access token: its record (the revocation list is its revokedAt), read by id. */
export const TOKEN_PREFIX = 'TOKEN#';
export const tokenKey = (tokenId: string) => ({ pk: `${TOKEN_PREFIX}${tokenId}`, sk: 'TOKEN' });
/** Issued tokens listed by project; every-project (administrator) tokens under one partition. */
export const tokenListPartition = (project: string) => (project === '*' ? 'TOKENS' : projectPartition(project));
export const tokenListKey = (project: string, tokenId: string) => ({
  pk: tokenListPartition(project),
  sk: `${TOKEN_PREFIX}${tokenId}`,
});
/** A one-time sign-in code, stored only as its hash. */
export const signInKey = (codeHash: string) => ({ pk: `SIGNIN#${codeHash}`, sk: 'SIGNIN' });

/** A resident's idea, its events and its contact details live in its project's partition. */
export const IDEA_PREFIX = 'IDEA#';
export const IDEA_CONTACT_PREFIX = 'IDEACONTACT#';
/** Which project an idea belongs to, read by id (the routes under /api/ideas/:ideaId). */
export const ideaRefKey = (ideaId: string) => ({ pk: `${IDEA_PREFIX}${ideaId}`, sk: 'IDEA' });
/** Sort keys of one idea's items: its submission (A) and its events (E#000001, ...), in order. */
export const ideaItemsPrefix = (ideaId: string) => `${IDEA_PREFIX}${ideaId}#`;
export const ideaKey = (projectId: string, ideaId: string) => ({
  pk: projectPartition(projectId),
  sk: `${ideaItemsPrefix(ideaId)}A`,
});
export const ideaEventKey = (projectId: string, ideaId: string, seq: number) => ({
  pk: projectPartition(projectId),
  sk: `${ideaItemsPrefix(ideaId)}E#${String(seq).padStart(6, '0')}`,
});
/** The idea of one of its items' sort keys. */
export const ideaIdOfSortKey = (sk: string) => sk.slice(IDEA_PREFIX.length, sk.indexOf('#', IDEA_PREFIX.length));
export const isIdeaEventSortKey = (sk: string) => sk.includes('#E#');
export const ideaContactKey = (projectId: string, ideaId: string) => ({
  pk: projectPartition(projectId),
  sk: `${IDEA_CONTACT_PREFIX}${ideaId}`,
});

/** Goals, activities and funder reports live in their project's partition. */
export const ACTIVITY_PREFIX = 'ACTIVITY#';
export const GOAL_PREFIX = 'GOAL#';
export const REPORT_PREFIX = 'REPORT#';
export const activityKey = (projectId: string, activityId: string) => ({
  pk: projectPartition(projectId),
  sk: `${ACTIVITY_PREFIX}${activityId}`,
});
/** An activity's removal: an item beside it, never a delete. */
export const activityRemovalKey = (projectId: string, activityId: string) => ({
  pk: projectPartition(projectId),
  sk: `${ACTIVITY_PREFIX}${activityId}#REMOVED`,
});
export const goalKey = (projectId: string, goalId: string) => ({
  pk: projectPartition(projectId),
  sk: `${GOAL_PREFIX}${goalId}`,
});
export const reportKey = (projectId: string, reportId: string) => ({
  pk: projectPartition(projectId),
  sk: `${REPORT_PREFIX}${reportId}`,
});
/** Which project a report belongs to, read by id (the routes under /api/reports/:reportId). */
export const reportRefKey = (reportId: string) => ({ pk: `${REPORT_PREFIX}${reportId}`, sk: 'REPORT' });
