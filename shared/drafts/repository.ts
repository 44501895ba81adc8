/**
 * Drafts in the table. Item collection `DRAFT#<id>`: the draft (`sk = DRAFT`), one
 * snapshot per version (`VERSION#<n>`), its comments, votes and polls.
 * Published drafts are listed through
 *   gsi1: `DRAFTS` (or `DRAFTS#decided`) by `closesAt#id` — open/scheduled/closed/decided;
 *   gsi2: `DRAFTS` by `publishedAt#id` — every published draft, newest first.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryPage } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, conditionFailed, transact } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { conflict, notFound, preconditionFailed } from '#shared/http/problem.ts';
import type { Localized, Page } from '#shared/schema.ts';
import { draftStatus } from '#shared/drafts/rules.ts';
import type { CommentingMode, CreateDraftBody, Draft, DraftVersion, Section } from '#shared/drafts/schema.ts';

export interface DraftItem {
  pk: string;
  sk: 'DRAFT';
  type: 'draft';
  id: string;
  version: number;
  title: Localized;
  summary?: Localized;
  sections: Section[];
  caseId?: string;
  commenting: CommentingMode;
  tags: string[];
  opensAt?: string;
  closesAt?: string;
  publishedAt?: string;
  closedAt?: string;
  decisionId?: string;
  commentCount: number;
  changelog?: Localized;
  createdAt: string;
  updatedAt: string;
}

export const draftKey = (id: string) => ({ pk: `DRAFT#${id}`, sk: 'DRAFT' as const });
const versionKey = (id: string, version: number) => ({ pk: `DRAFT#${id}`, sk: `VERSION#${String(version).padStart(10, '0')}` });
/** gsi1 partition of a published draft: decided drafts move to their own list. */
const listing = (d: { closesAt: string; id: string; decisionId?: string }) => ({
  gsi1pk: d.decisionId ? 'DRAFTS#decided' : 'DRAFTS',
  gsi1sk: `${d.closesAt}#${d.id}`,
});

/** The public shape of a draft at `now`. */
export const draftView = (d: DraftItem, now: Date): Draft => ({
  id: d.id,
  version: d.version,
  status: draftStatus(d, now),
  title: d.title,
  summary: d.summary ?? null,
  sections: d.sections,
  caseId: d.caseId ?? null,
  commenting: d.commenting,
  tags: d.tags,
  opensAt: d.opensAt ?? null,
  closesAt: d.closesAt ?? null,
  publishedAt: d.publishedAt ?? null,
  commentCount: d.commentCount,
  decisionId: d.decisionId ?? null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

const snapshot = (d: DraftItem) => ({
  ...versionKey(d.id, d.version),
  type: 'draftVersion',
  draftId: d.id,
  version: d.version,
  at: d.updatedAt,
  changelog: d.changelog,
  title: d.title,
  summary: d.summary,
  sections: d.sections,
  caseId: d.caseId,
  tags: d.tags,
});

export async function getDraft(id: string, consistent = false): Promise<DraftItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: draftKey(id), ConsistentRead: consistent }));
  return out.Item as DraftItem | undefined;
}

export async function createDraft(input: CreateDraftBody, now: Date, id: string = newId()): Promise<DraftItem> {
  const at = now.toISOString();
  const item: DraftItem = {
    ...draftKey(id),
    type: 'draft',
    id,
    version: 1,
    title: input.title,
    summary: input.summary,
    sections: input.sections.map((s) => ({ id: newId(), title: s.title, body: s.body })),
    caseId: input.caseId,
    commenting: input.commenting,
    tags: input.tags,
    commentCount: 0,
    createdAt: at,
    updatedAt: at,
  };
  await transact([
    { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: snapshot(item) } },
  ]);
  return item;
}

/** 412 with the version the client should fetch. */
export const staleVersion = (current: number) => preconditionFailed(current);

/**
 * Replaces the draft with `next` if it is still at `expectedVersion`, keeping a snapshot
 * of the new version. Throws 412 when someone else saved first.
 */
export async function saveDraftVersion(next: DraftItem, expectedVersion: number): Promise<void> {
  try {
    await transact([
      {
        Put: {
          TableName: tableName(),
          Item: next,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
      { Put: { TableName: tableName(), Item: snapshot(next), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  } catch (error) {
    if (error instanceof TransactionCancelled) throw preconditionFailed();
    throw error;
  }
}

/** Publishes an unpublished draft with its window; 409 when it already was published. */
export async function publishDraft(id: string, window: { opensAt: string; closesAt: string }, now: Date): Promise<DraftItem> {
  const at = now.toISOString();
  try {
    const out = await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: draftKey(id),
      UpdateExpression:
        'SET publishedAt = :at, opensAt = :opensAt, closesAt = :closesAt, updatedAt = :at, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(publishedAt)',
      ExpressionAttributeValues: {
        ':at': at,
        ':opensAt': window.opensAt,
        ':closesAt': window.closesAt,
        ...prefixed(listing({ closesAt: window.closesAt, id })),
        ':gsi2pk': 'DRAFTS',
        ':gsi2sk': `${at}#${id}`,
      },
      ReturnValues: 'ALL_NEW',
    }));
    return out.Attributes as DraftItem;
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    if (!(await getDraft(id, true))) throw notFound('Draft');
    throw conflict('already-published', 'Already published', 'This draft has already been published.');
  }
}

const prefixed = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`:${k}`, v]));

/** Closes participation now: the window ends at `now`. 409 unless open or scheduled. */
export async function closeDraft(id: string, now: Date): Promise<DraftItem> {
  const at = now.toISOString();
  try {
    const out = await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: draftKey(id),
      UpdateExpression: 'SET closesAt = :at, closedAt = :at, updatedAt = :at, gsi1sk = :gsi1sk',
      ConditionExpression: 'attribute_exists(publishedAt) AND closesAt > :at AND attribute_not_exists(decisionId)',
      ExpressionAttributeValues: { ':at': at, ':gsi1sk': `${at}#${id}` },
      ReturnValues: 'ALL_NEW',
    }));
    return out.Attributes as DraftItem;
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    const draft = await getDraft(id, true);
    if (!draft) throw notFound('Draft');
    if (!draft.publishedAt) throw conflict('not-published', 'Not published', 'Only a published draft can be closed.');
    throw conflict('already-closed', 'Already closed', 'Participation on this draft has already closed.');
  }
}

/** Published drafts by status at `now`: each status is one Query. */
export async function listDrafts(
  status: 'open' | 'scheduled' | 'closed' | 'decided' | undefined,
  page: { limit: number; cursor?: string },
  now: Date,
): Promise<Page<Draft>> {
  const t = `${now.toISOString()}#~`;
  const view = (item: Record<string, unknown>) => draftView(item as unknown as DraftItem, now);
  const scope = `drafts:${status ?? 'all'}`;
  const byClose = (pk: string, op: '<' | '>', forward: boolean, filter?: string) => ({
    IndexName: 'gsi1',
    KeyConditionExpression: `gsi1pk = :pk AND gsi1sk ${op} :t`,
    ...(filter ? { FilterExpression: filter } : {}),
    ExpressionAttributeValues: { ':pk': pk, ':t': t, ...(filter ? { ':now': now.toISOString() } : {}) },
    ScanIndexForward: forward,
  });
  switch (status) {
    case 'open':
      return queryPage(byClose('DRAFTS', '>', true, 'opensAt <= :now'), { ...page, scope }, view);
    case 'scheduled':
      return queryPage(byClose('DRAFTS', '>', false, 'opensAt > :now'), { ...page, scope }, view);
    case 'closed':
      return queryPage(byClose('DRAFTS', '<', false), { ...page, scope }, view);
    case 'decided':
      return queryPage({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'DRAFTS#decided' },
        ScanIndexForward: false,
      }, { ...page, scope }, view);
    default:
      return queryPage({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': 'DRAFTS' },
        ScanIndexForward: false,
      }, { ...page, scope }, view);
  }
}

export async function listDraftVersions(id: string, page: { limit: number; cursor?: string }): Promise<Page<DraftVersion>> {
  return queryPage({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${id}`, ':prefix': 'VERSION#' },
    ScanIndexForward: false,
  }, { ...page, scope: `versions:${id}` }, (item) => ({
    version: item.version as number,
    at: item.at as string,
    changelog: (item.changelog as Localized | undefined) ?? null,
    title: item.title as Localized,
    summary: (item.summary as Localized | undefined) ?? null,
    sections: item.sections as Section[],
    caseId: (item.caseId as string | undefined) ?? null,
    tags: (item.tags as string[] | undefined) ?? [],
  }));
}

/**
 * Marks a draft decided (called when a decision is recorded on an agenda item linking it):
 * a published draft leaves the open/closed listings for the decided one, and participation
 * ends (`closedAt`, if it was still open; `decisionId` alone already stops it). A draft
 * decided again (tabled first, decided later) points at its latest decision. An unpublished
 * draft only records the decision: it stays out of every public listing.
 */
export const draftDecidedUpdate = (id: string, decisionId: string, now: Date, published = true) => {
  const at = now.toISOString();
  return {
    Update: {
      TableName: tableName(),
      Key: draftKey(id),
      UpdateExpression: published
        ? 'SET decisionId = :decisionId, updatedAt = :at, gsi1pk = :decided, closesAt = if_not_exists(closesAt, :at), closedAt = if_not_exists(closedAt, :at)'
        : 'SET decisionId = :decisionId, updatedAt = :at',
      ConditionExpression: published ? 'attribute_exists(publishedAt)' : 'attribute_exists(pk) AND attribute_not_exists(publishedAt)',
      ExpressionAttributeValues: { ':decisionId': decisionId, ':at': at, ...(published ? { ':decided': 'DRAFTS#decided' } : {}) },
    },
  };
};
