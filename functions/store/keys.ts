// Partition and sort keys of every item kind, in one place.

export const projectKey = (projectId: string) => ({ pk: `PROJECT#${projectId}`, sk: 'PROJECT' });
/** All projects are listed under one partition: a handful of items, read by the admin pages. */
export const projectListKey = (projectId: string) => ({ pk: 'PROJECTS', sk: `PROJECT#${projectId}` });
export const questionnaireKey = (projectId: string, questionnaireId: string) => ({
  pk: `PROJECT#${projectId}`,
  sk: `QUESTIONNAIRE#${questionnaireId}`,
});
export const roundKey = (roundId: string) => ({ pk: `ROUND#${roundId}`, sk: 'ROUND' });
export const projectRoundKey = (projectId: string, roundId: string) => ({
  pk: `PROJECT#${projectId}`,
  sk: `ROUND#${roundId}`,
});
export const invitationKey = (roundId: string, codeHash: string) => ({
  pk: `ROUND#${roundId}`,
  sk: `CODE#${codeHash}`,
});

/** The write shard of a round that holds a response, its removal and the shard's snapshot. */
export const shardPartition = (roundId: string, shard: number) => `ROUND#${roundId}#P${shard}`;
export const responseSortKey = (responseKey: string) => `R#${responseKey}`;
/** The removal event of a response: beside it in the same shard, after it in time. */
export const removalSortKey = (responseKey: string) => `X#${responseKey}`;
export const SNAPSHOT_SORT_KEY = 'SNAPSHOT';

/** Sort key of the time index: fixed-width server time, then the item's own key (unique). */
export function timeKey(ts: number, suffix: string): string {
  return `${String(ts).padStart(15, '0')}#${suffix}`;
}
