// Residents' ideas: the submission (one item), its events (one item each, numbered: the next
// number is a conditional write, so two moderators cannot both change the same state), the
// contact details apart from both (administrators only; deleted on request), and a reference from
// the idea's id to its project. The state is what the events make of it (functions/core/ideas.ts).
import { DeleteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { IdeaEvent, IdeaSubmission } from '../core/ideas.ts';
import { json, readJson, readString, str, type Item } from './attributes.ts';
import {
  IDEA_CONTACT_PREFIX,
  IDEA_PREFIX,
  ideaContactKey,
  ideaEventKey,
  ideaIdOfSortKey,
  ideaItemsPrefix,
  ideaKey,
  ideaRefKey,
  isIdeaEventSortKey,
  projectPartition,
} from './keys.ts';
import { getItem, queryAll } from './query.ts';
import { createAll, putNew } from './writes.ts';

/** Contact details a resident gave with consent: never public, never logged. */
export interface IdeaContact {
  name: string | null;
  email: string | null;
  /** When consent was given (the submission's time). */
  consentAt: string;
}

export interface StoredIdea {
  submission: IdeaSubmission;
  events: IdeaEvent[];
}

const keyed = (key: { pk: string; sk: string }): Item => ({ pk: str(key.pk), sk: str(key.sk) });

export class IdeaRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new idea (its reference, the idea, its contact details): all or nothing (createAll). */
  async submit(submission: IdeaSubmission, contact: IdeaContact | null): Promise<void> {
    const writes: { item: Item; unique: boolean }[] = [
      { item: { ...keyed(ideaRefKey(submission.id)), projectId: str(submission.projectId) }, unique: true },
      { item: { ...keyed(ideaKey(submission.projectId, submission.id)), idea: json(submission) }, unique: true },
    ];
    if (contact)
      writes.push({
        item: { ...keyed(ideaContactKey(submission.projectId, submission.id)), contact: json(contact) },
        unique: true,
      });
    await createAll(this.client, this.tableName, writes);
  }

  /** The project an idea belongs to, or null. */
  async projectOf(ideaId: string): Promise<string | null> {
    const item = await getItem(this.client, this.tableName, ideaRefKey(ideaId));
    return item ? readString(item, 'projectId') : null;
  }

  /** One idea and its events, in order; null if the project has no such idea. */
  async get(projectId: string, ideaId: string): Promise<StoredIdea | null> {
    const ideas = await this.read(projectId, ideaItemsPrefix(ideaId));
    return ideas[0] ?? null;
  }

  /** Every idea of a project with its events, oldest first. */
  async list(projectId: string): Promise<StoredIdea[]> {
    const ideas = await this.read(projectId, IDEA_PREFIX);
    return ideas.sort((a, b) => (a.submission.at < b.submission.at ? -1 : a.submission.at > b.submission.at ? 1 : 0));
  }

  private async read(projectId: string, prefix: string): Promise<StoredIdea[]> {
    const byId = new Map<string, StoredIdea>();
    const events = new Map<string, IdeaEvent[]>();
    const items = queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': str(projectPartition(projectId)), ':prefix': str(prefix) },
      ConsistentRead: true,
    });
    for await (const item of items) {
      const sk = readString(item, 'sk');
      const id = ideaIdOfSortKey(sk);
      if (isIdeaEventSortKey(sk)) {
        const list = events.get(id) ?? [];
        list.push(readJson<IdeaEvent>(item, 'event'));
        events.set(id, list);
      } else byId.set(id, { submission: readJson<IdeaSubmission>(item, 'idea'), events: [] });
    }
    for (const [id, idea] of byId) idea.events = (events.get(id) ?? []).sort((a, b) => a.seq - b.seq);
    return [...byId.values()];
  }

  /**
   * Appends an event under its number. A number taken by another event is a ConflictError: someone
   * changed the idea since it was read. An identical retry of this very write is fine (putNew).
   */
  async append(projectId: string, ideaId: string, event: IdeaEvent): Promise<void> {
    await putNew(this.client, this.tableName, {
      ...keyed(ideaEventKey(projectId, ideaId, event.seq)),
      event: json(event),
    });
  }

  /** The contact details of every idea of a project that has them, by idea id. */
  async contacts(projectId: string): Promise<Map<string, IdeaContact>> {
    const contacts = new Map<string, IdeaContact>();
    const items = queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': str(projectPartition(projectId)), ':prefix': str(IDEA_CONTACT_PREFIX) },
      ConsistentRead: true,
    });
    for await (const item of items)
      contacts.set(readString(item, 'sk').slice(IDEA_CONTACT_PREFIX.length), readJson<IdeaContact>(item, 'contact'));
    return contacts;
  }

  /** Deletes an idea's contact details; whether there were any. */
  async deleteContact(projectId: string, ideaId: string): Promise<boolean> {
    const { Attributes } = await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: keyed(ideaContactKey(projectId, ideaId)),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes !== undefined;
  }
}
