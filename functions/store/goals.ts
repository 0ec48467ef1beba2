// Goals, the activities count goals are computed from, and the funder reports that freeze their
// verdicts. All in the project's partition; a report also has a reference from its id to its
// project (the routes under /api/reports/:reportId). An activity's removal is an item of its own
// (an event, never a delete); a report changes by a conditional write on its version, and not at
// all once locked.
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Activity, Goal } from '../core/goals.ts';
import type { FunderReport } from '../core/reports.ts';
import { json, readJson, readString, str, type Item } from './attributes.ts';
import { ConflictError } from './errors.ts';
import { keyAttributes } from './items.ts';
import {
  ACTIVITY_PREFIX,
  activityKey,
  activityRemovalKey,
  GOAL_PREFIX,
  goalKey,
  projectPartition,
  REPORT_PREFIX,
  reportKey,
  reportRefKey,
} from './keys.ts';
import { getItem, queryAll } from './query.ts';
import { createAll, putNew } from './writes.ts';

export class GoalRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private async *prefixed(projectId: string, prefix: string): AsyncGenerator<Item> {
    yield* queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': str(projectPartition(projectId)), ':prefix': str(prefix) },
      ConsistentRead: true,
    });
  }

  async addActivity(activity: Activity): Promise<void> {
    await putNew(this.client, this.tableName, {
      ...keyAttributes(activityKey(activity.projectId, activity.id)),
      activity: json({ ...activity, removed: null }),
    });
  }

  /** Records an activity's removal (once: a second is a ConflictError). */
  async removeActivity(projectId: string, activityId: string, removed: NonNullable<Activity['removed']>) {
    await putNew(this.client, this.tableName, {
      ...keyAttributes(activityRemovalKey(projectId, activityId)),
      removed: json(removed),
    });
  }

  /** Every activity of a project, with its removal if it has one, by date. */
  async activities(projectId: string): Promise<Activity[]> {
    const byId = new Map<string, Activity>();
    const removals = new Map<string, Activity['removed']>();
    for await (const item of this.prefixed(projectId, ACTIVITY_PREFIX)) {
      const sk = readString(item, 'sk');
      if (sk.endsWith('#REMOVED'))
        removals.set(sk.slice(ACTIVITY_PREFIX.length, -'#REMOVED'.length), readJson(item, 'removed'));
      else {
        const activity = readJson<Activity>(item, 'activity');
        byId.set(activity.id, activity);
      }
    }
    for (const [id, removed] of removals) {
      const activity = byId.get(id);
      if (activity) activity.removed = removed;
    }
    return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
  }

  async addGoal(goal: Goal): Promise<void> {
    await putNew(this.client, this.tableName, { ...keyAttributes(goalKey(goal.projectId, goal.id)), goal: json(goal) });
  }

  /** Every goal of a project, in the order they were set. */
  async goals(projectId: string): Promise<Goal[]> {
    const goals: Goal[] = [];
    for await (const item of this.prefixed(projectId, GOAL_PREFIX)) goals.push(readJson<Goal>(item, 'goal'));
    return goals.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** A new report (version 1) and its reference: all or nothing (createAll). */
  async createReport(report: FunderReport): Promise<void> {
    await createAll(this.client, this.tableName, [
      { item: { ...keyAttributes(reportRefKey(report.id)), projectId: str(report.projectId) }, unique: true },
      { item: { ...keyAttributes(reportKey(report.projectId, report.id)), report: json(report) }, unique: true },
    ]);
  }

  /** The project a report belongs to, or null. */
  async projectOfReport(reportId: string): Promise<string | null> {
    const item = await getItem(this.client, this.tableName, reportRefKey(reportId));
    return item ? readString(item, 'projectId') : null;
  }

  async report(projectId: string, reportId: string): Promise<FunderReport | null> {
    const item = await getItem(this.client, this.tableName, reportKey(projectId, reportId));
    return item ? readJson<FunderReport>(item, 'report') : null;
  }

  async reports(projectId: string): Promise<FunderReport[]> {
    const reports: FunderReport[] = [];
    for await (const item of this.prefixed(projectId, REPORT_PREFIX)) reports.push(readJson(item, 'report'));
    return reports.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Replaces a report with its next version: only if the stored one is still `previous.version`
   * (another change in between is a ConflictError) and not locked.
   */
  async updateReport(previous: FunderReport, next: FunderReport): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...keyAttributes(reportKey(next.projectId, next.id)), report: json(next) },
          ConditionExpression: '#report = :previous',
          ExpressionAttributeNames: { '#report': 'report' },
          ExpressionAttributeValues: { ':previous': json(previous) },
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException')
        throw new ConflictError('the report was changed meanwhile');
      throw error;
    }
  }
}
