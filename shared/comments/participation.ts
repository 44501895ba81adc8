/**
 * What the consultation report counts, kept as the comments come: one counter item per
 * draft (`DRAFT#<id>` / `PARTICIPATION`) changed in the same transaction as the comment or
 * response it counts, so the report reads one item instead of every comment. Distinct
 * people are counted by marker items (`PARTICIPANT#<marker>`, and `…#S#<sectionId>` per
 * section; `none` stands for the draft as a whole) whose key is the keyed hash that stands
 * for a person on their marks: a conditional put admits each person once, names nobody, and
 * outlives their erasure. Counts are of comments received (replies included), whatever
 * became of them later. As in the open-data statistics, a participant is a signed-in
 * account or an anonymous name.
 *
 * The same items tell a follower's comment activity (../notifications/activity.ts) without a
 * write per follower: `comments` only grows, `lastAt`/`lastCommentId` name the latest comment,
 * and the draft-level marker counts its person's own comments (`mine`), so what others wrote
 * since a follower's baseline is a subtraction.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getItems } from '#shared/data/batch.ts';
import { draftListingKey } from '#shared/drafts/keys.ts';
import type { Localized } from '#shared/schema.ts';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import type { TransactItem } from '#shared/data/transact.ts';
import { markerOf } from '#shared/me/marks.ts';

export const participationKey = (draftId: string) => ({ pk: `DRAFT#${draftId}`, sk: 'PARTICIPATION' });
export const participantKey = (draftId: string, marker: string, sectionId?: string) =>
  ({ pk: `DRAFT#${draftId}`, sk: `PARTICIPANT#${marker}${sectionId ? `#S#${sectionId}` : ''}` });

/** The counter item as stored: totals, and per section `s#<sectionId>#comments` / `s#<sectionId>#participants`. */
export type ParticipationItem = Record<string, unknown> & {
  comments?: number;
  participants?: number;
  roots?: number;
  answered?: number;
};

/** The place of comments on no section: the draft as a whole. */
const none = 'none';

const sectionCounter = (sectionId: string, what: 'comments' | 'participants') => `s#${sectionId}#${what}`;

export interface Counted {
  draftId: string;
  commentId: string;
  sectionId?: string;
  root: boolean;
  /** Absent for anonymous comments. */
  authorSub?: string;
  /** The name an anonymous comment gave. */
  authorName?: string;
}

/**
 * The writes that count one new comment: the counters, and a marker for each place
 * (draft, section) where its author had not spoken before. `markers` says which items
 * carry a condition, so a lost race (the same person twice at once) can be told apart.
 */
export async function countComment(c: Counted, at: string): Promise<{ items: TransactItem[]; markers: number }> {
  const person = c.authorSub ?? (c.authorName !== undefined ? `anonymous:${c.authorName}` : undefined);
  const marker = person ? await markerOf(person) : undefined;
  const place = c.sectionId ?? none;
  let newInDraft = true;
  let newInSection = true;
  if (marker) {
    const known = await db().send(new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `DRAFT#${c.draftId}`, ':prefix': `PARTICIPANT#${marker}` },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    }));
    const sks = new Set((known.Items ?? []).map((i) => String(i.sk)));
    newInDraft = !sks.has(participantKey(c.draftId, marker).sk);
    newInSection = !sks.has(participantKey(c.draftId, marker, place).sk);
  }
  const adds: [string, number][] = [['comments', 1], ...(c.root ? [['roots', 1] as [string, number]] : [])];
  if (newInDraft) adds.push(['participants', 1]);
  adds.push([sectionCounter(place, 'comments'), 1]);
  if (newInSection) adds.push([sectionCounter(place, 'participants'), 1]);
  const items: TransactItem[] = [{
    Update: {
      TableName: tableName(),
      Key: participationKey(c.draftId),
      UpdateExpression: `SET #type = :type, lastAt = :at, lastCommentId = :commentId ADD ${adds.map((_, i) => `#a${i} :one`).join(', ')}`,
      ExpressionAttributeNames: { '#type': 'type', ...Object.fromEntries(adds.map(([name], i) => [`#a${i}`, name])) },
      ExpressionAttributeValues: { ':one': 1, ':type': 'participation', ':at': at, ':commentId': c.commentId },
    },
  }];
  const put = (sectionId?: string): TransactItem => ({
    Put: {
      TableName: tableName(),
      Item: { ...participantKey(c.draftId, marker!, sectionId), type: 'participant', at, ...(sectionId ? {} : { mine: 1 }) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  // The person's own comments on the draft: counted on their marker (a known one needs no condition).
  const mine: TransactItem[] = marker && !newInDraft
    ? [{ Update: { TableName: tableName(), Key: participantKey(c.draftId, marker), UpdateExpression: 'ADD mine :one', ExpressionAttributeValues: { ':one': 1 } } }]
    : [];
  if (marker && newInDraft) items.push(put());
  if (marker && newInSection) items.push(put(place));
  return { items: [...items, ...mine], markers: items.length - 1 + mine.length };
}

/** The write that counts a root comment's first response (+1) or its withdrawal (-1). */
export const countResponse = (draftId: string, delta: 1 | -1): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: participationKey(draftId),
    UpdateExpression: 'SET #type = :type ADD answered :delta',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':delta': delta, ':type': 'participation' },
  },
});

export interface Participation {
  comments: number;
  participants: number;
  roots: number;
  answered: number;
  /** Per section; `null`: comments on the draft as a whole. */
  section(sectionId: string | null): { comments: number; participants: number };
}

/** The draft's counters: one GetItem, whatever the number of comments. */
export async function readParticipation(draftId: string, consistent = false): Promise<Participation> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: participationKey(draftId), ConsistentRead: consistent }));
  const item = (out.Item ?? {}) as ParticipationItem;
  const n = (name: string) => Number(item[name] ?? 0);
  return {
    comments: n('comments'),
    participants: n('participants'),
    roots: n('roots'),
    answered: n('answered'),
    section: (sectionId) => ({
      comments: n(sectionCounter(sectionId ?? none, 'comments')),
      participants: n(sectionCounter(sectionId ?? none, 'participants')),
    }),
  };
}

/** What a follower's comment activity on a draft is made of: the draft's counter and the follower's own comments. */
export interface ActivityCounts {
  /** Comments ever received on the draft. */
  comments: number;
  /** Of them, the follower's own. */
  mine: number;
  lastAt?: string;
  lastCommentId?: string;
  /** The draft's title, when asked for. */
  title?: Localized | null;
}

const listingSk = draftListingKey('').sk;
const countsProjection = { projection: 'pk, sk, comments, mine, lastAt, lastCommentId, title' };

/**
 * The counts for `sub` on each of `draftIds` (and with `titles`, each draft's title from its
 * listing): two or three keys per draft in BatchGetItems of 100, one round trip for most residents.
 */
export async function activityCounts(sub: string, draftIds: string[], options: { consistent?: boolean; titles?: boolean } = {}): Promise<Map<string, ActivityCounts>> {
  const marker = await markerOf(sub);
  const keys = draftIds.flatMap((id) => [participationKey(id), participantKey(id, marker), ...(options.titles ? [draftListingKey(id)] : [])]);
  const items = await getItems(keys, { ...countsProjection, consistent: options.consistent });
  const counts = new Map<string, ActivityCounts>(draftIds.map((id) => [id, { comments: 0, mine: 0 }]));
  for (const item of items) {
    const c = counts.get(String(item.pk).slice('DRAFT#'.length));
    if (!c) continue;
    if (item.sk === 'PARTICIPATION') {
      c.comments = Number(item.comments ?? 0);
      c.lastAt = item.lastAt as string | undefined;
      c.lastCommentId = item.lastCommentId as string | undefined;
    } else if (item.sk === listingSk) {
      c.title = (item.title as Localized | undefined) ?? null;
    } else {
      c.mine = Number(item.mine ?? 0);
    }
  }
  return counts;
}
