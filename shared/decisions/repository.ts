/**
 * Decisions in the table. Item collection `DECISION#<id>`: the decision (`sk = DECISION`);
 * implementation results and their timeline join it later. The decision keeps the chain it
 * closes (draft -> meeting -> agenda item) as it stood when it was recorded, and
 * `implementation`, the roll-up of its results (`planned`, 0 until there are any).
 * Listings, newest decision first, by `decidedAt#id`:
 *   gsi1: `DECISIONS` — every decision;  gsi2: `DECISIONS#<bodyId>` — one body's.
 * Recording one is a single transaction: the decision, the agenda item's link to it on the
 * meeting (at the version the checks read), and the linked draft becoming `decided`.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryPage } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import type { Localized, Page } from '#shared/schema.ts';
import { draftDecidedUpdate, type DraftItem } from '#shared/drafts/repository.ts';
import { meetingKey, meetingListingKey, type MeetingItem } from '#shared/meetings/repository.ts';
import type { StoredAgendaItem } from '#shared/meetings/rules.ts';
import type { Decision, DecisionDocument, Implementation, MemberVote, Outcome, RecordDecisionBody, Votes } from '#shared/decisions/schema.ts';

export interface DecisionItem {
  pk: string;
  sk: 'DECISION';
  type: 'decision';
  id: string;
  outcome: Outcome;
  text: Localized;
  /** Not `votes`: that name is the byVotes index's numeric sort key. */
  voteCounts?: Votes;
  decidedAt: string;
  bodyId: string;
  meetingId: string;
  itemId: string;
  draftId?: string;
  caseId?: string;
  /** The agenda item's title: what was decided, in the words of the agenda. */
  title: Localized;
  draftTitle?: Localized;
  meeting: { title?: Localized; startsAt: string };
  item: { number: number; section?: string };
  implementation: Implementation;
  /** Imports: each member's vote, the document's metadata and link, the source record and a hash of what was imported. */
  members?: MemberVote[];
  documents?: DecisionDocument[];
  source?: { system: 'ahjo'; id: string };
  importHash?: string;
  createdAt: string;
  updatedAt?: string;
}

/** What an import sets on a decision besides the recorded fields. */
export type ImportedFields = Pick<DecisionItem, 'members' | 'documents' | 'source' | 'importHash'>;

export const decisionKey = (id: string) => ({ pk: `DECISION#${id}`, sk: 'DECISION' as const });

/** Until results are reported, a decision's implementation is planned and at 0 %. */
export const notStarted: Implementation = { status: 'planned', progress: 0 };

export const decisionView = (d: DecisionItem): Decision => ({
  id: d.id,
  outcome: d.outcome,
  text: d.text,
  votes: d.voteCounts ? {
    for: d.voteCounts.for, against: d.voteCounts.against, abstain: d.voteCounts.abstain ?? 0, absent: d.voteCounts.absent ?? 0,
    ...(d.members ? { members: d.members } : {}),
  } : null,
  decidedAt: d.decidedAt,
  bodyId: d.bodyId,
  meetingId: d.meetingId,
  itemId: d.itemId,
  draftId: d.draftId ?? null,
  caseId: d.caseId ?? null,
  draft: d.draftId ? { id: d.draftId, title: d.draftTitle ?? null } : null,
  meeting: { id: d.meetingId, title: d.meeting.title ?? null, startsAt: d.meeting.startsAt },
  agendaItem: { id: d.itemId, number: d.item.number, title: d.title, section: d.item.section ?? null },
  links: {
    self: `/v1/decisions/${d.id}`,
    draft: d.draftId ? `/v1/drafts/${d.draftId}` : null,
    meeting: `/v1/meetings/${d.meetingId}`,
    agendaItem: `/v1/meetings/${d.meetingId}/items/${d.itemId}`,
  },
  implementation: d.implementation ?? notStarted,
  documents: d.documents ?? [],
  source: d.source ?? null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt ?? d.createdAt,
});

export async function getDecision(id: string, consistent = false): Promise<DecisionItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: decisionKey(id), ConsistentRead: consistent }));
  return out.Item as DecisionItem | undefined;
}

export interface NewDecision {
  meeting: MeetingItem;
  item: StoredAgendaItem;
  draft?: DraftItem;
  input: RecordDecisionBody;
  decidedAt: string;
  imported?: ImportedFields;
}

/**
 * Stores the decision if the meeting is still at the version the caller checked. Returns
 * undefined when it moved on (the caller checks again and retries).
 */
export async function recordDecision(
  { meeting, item, draft, input, decidedAt, imported }: NewDecision, now: Date, id: string = newId(),
): Promise<DecisionItem | undefined> {
  const at = now.toISOString();
  const decision: DecisionItem = {
    ...decisionKey(id),
    type: 'decision',
    id,
    outcome: input.outcome,
    text: input.text,
    voteCounts: input.votes,
    decidedAt,
    bodyId: meeting.bodyId,
    meetingId: meeting.id,
    itemId: item.id,
    draftId: draft?.id,
    caseId: item.caseId ?? draft?.caseId,
    title: item.title,
    draftTitle: draft?.title,
    meeting: { title: meeting.title, startsAt: meeting.startsAt },
    item: { number: item.number, section: item.section },
    implementation: notStarted,
    ...imported,
    createdAt: at,
  };
  const listing = decisionListing(meeting.bodyId, decidedAt, id);
  const items: TransactItem[] = [
    { Put: { TableName: tableName(), Item: { ...decision, ...listing }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        TableName: tableName(),
        Key: meetingKey(meeting.id),
        UpdateExpression: 'SET decisions.#item = :id, version = :next, updatedAt = :at',
        ConditionExpression: 'version = :expected AND attribute_not_exists(decisions.#item)',
        ExpressionAttributeNames: { '#item': item.id },
        ExpressionAttributeValues: { ':id': id, ':next': meeting.version + 1, ':at': at, ':expected': meeting.version },
      },
    },
    { Update: { TableName: tableName(), Key: meetingListingKey(meeting.id), UpdateExpression: 'SET version = :next, updatedAt = :at', ExpressionAttributeValues: { ':next': meeting.version + 1, ':at': at } } },
    ...(draft ? draftDecidedUpdate(draft.id, id, now, draft.publishedAt !== undefined) : []),
  ];
  try {
    await transact(items);
    return decision;
  } catch (error) {
    if (error instanceof TransactionCancelled) return undefined;
    throw error;
  }
}

const decisionListing = (bodyId: string, decidedAt: string, id: string) =>
  ({ gsi1pk: 'DECISIONS', gsi1sk: `${decidedAt}#${id}`, gsi2pk: `DECISIONS#${bodyId}`, gsi2sk: `${decidedAt}#${id}` });

/**
 * A re-import that changed the decision: its text, votes, date and documents are replaced,
 * if it is still as `expectedHash` left it. False when another import got in between.
 */
export async function updateImportedDecision(
  d: DecisionItem, next: { text: Localized; voteCounts?: Votes; decidedAt: string; imported: ImportedFields }, expectedHash: string | undefined, now: Date,
): Promise<boolean> {
  const listing = decisionListing(d.bodyId, next.decidedAt, d.id);
  const values: Record<string, unknown> = {
    ':text': next.text, ':decidedAt': next.decidedAt, ':documents': next.imported.documents ?? [], ':source': next.imported.source,
    ':hash': next.imported.importHash, ':at': now.toISOString(), ':g1': listing.gsi1sk, ':g2': listing.gsi2sk,
    ...(next.voteCounts ? { ':votes': next.voteCounts, ':members': next.imported.members ?? [] } : {}),
    ...(expectedHash ? { ':expected': expectedHash } : {}),
  };
  try {
    await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: decisionKey(d.id),
      UpdateExpression: 'SET #text = :text, decidedAt = :decidedAt, documents = :documents, #source = :source, importHash = :hash, '
        + 'updatedAt = :at, gsi1sk = :g1, gsi2sk = :g2'
        + (next.voteCounts ? ', voteCounts = :votes, members = :members' : ' REMOVE voteCounts, members'),
      ConditionExpression: expectedHash ? 'importHash = :expected' : 'attribute_exists(pk) AND attribute_not_exists(importHash)',
      ExpressionAttributeNames: { '#text': 'text', '#source': 'source' },
      ExpressionAttributeValues: values,
    }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export function listDecisions(q: { bodyId?: string; limit: number; cursor?: string }): Promise<Page<Decision>> {
  const [index, pk] = q.bodyId ? ['gsi2', `DECISIONS#${q.bodyId}`] : ['gsi1', 'DECISIONS'];
  return queryPage({
    IndexName: index,
    KeyConditionExpression: `${index}pk = :pk`,
    ExpressionAttributeValues: { ':pk': pk },
    ScanIndexForward: false,
  }, { ...q, scope: `decisions:${q.bodyId ?? ''}` }, (item) => decisionView(item as unknown as DecisionItem));
}
