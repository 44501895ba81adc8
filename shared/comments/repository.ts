/**
 * Comments in the draft's item collection: `DRAFT#<draftId>` / `COMMENT#<id>`, votes as
 * `VOTE#<commentId>#<sub>`. Indexes:
 *   gsi1: `ROOTS#<draftId>` (root comments) or `REPLIES#<rootId>` (replies), by id = time;
 *   gsi2: `ROOTS#<draftId>#<sectionId>` (root comments on one section), by id;
 *   byVotes: `ROOTS#<draftId>` by `votes` (popular first);
 *   bySectionVotes: `ROOTS#<draftId>#<sectionId>` by `votes` (popular on one section);
 *   byUser: `USER#<sub>` for the author's own data;
 *   gsi3: `PLACES#<draftId>` by `<enclosing geohash cell>#<id>`: located comments, for `bbox`.
 * Counters (the draft's commentCount, a root's replyCount, votes) change in the same
 * transaction as what they count, so they never drift.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryPage } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { conflict, forbidden, notFound, participationClosed } from '#shared/http/problem.ts';
import type { Localized, Page } from '#shared/schema.ts';
import { draftListingKey } from '#shared/drafts/repository.ts';
import { markerOf } from '#shared/me/marks.ts';
import { enclosingCell } from '#shared/maps/geohash.ts';
import type { Geometry } from '#shared/maps/geometry.ts';
import { boxOf, touches, type Box } from '#shared/maps/place.ts';
import { placesPage, type PlaceIndex } from '#shared/maps/search.ts';
import type { AuthorKind } from '#shared/comments/rules.ts';
import type { Comment } from '#shared/comments/schema.ts';
import { countComment } from '#shared/comments/participation.ts';

export interface CommentItem {
  pk: string;
  sk: string;
  type: 'comment';
  id: string;
  draftId: string;
  sectionId?: string;
  parentId?: string;
  body?: string;
  authorSub?: string;
  authorName?: string;
  /** Absent on comments stored before kinds were recorded: derived from authorSub. */
  authorKind?: AuthorKind;
  /** The author deleted a comment a moderator had hidden: it stays hidden, and a restore leaves it deleted. */
  authorDeleted?: boolean;
  draftVersion: number;
  votes: number;
  replyCount: number;
  flagCount: number;
  status: 'visible' | 'deleted' | 'hidden';
  edited: boolean;
  moderation?: { reason: string; at: string };
  /** Staff's official response. */
  response?: { body: Localized; at: string };
  /** Where on the map it points. */
  location?: Geometry;
  createdAt: string;
  updatedAt: string;
}

/** Located comments are stored down to cells of about 4.8 m × 4.8 m. */
const locationPrecision = 9;
const placesOf = (draftId: string): PlaceIndex => ({ index: 'gsi3', pk: 'gsi3pk', sk: 'gsi3sk', partition: `PLACES#${draftId}`, precision: locationPrecision });

export const commentKey = (draftId: string, id: string) => ({ pk: `DRAFT#${draftId}`, sk: `COMMENT#${id}` });
/** One up-vote per person: keyed by a hash that names nobody, so it outlives the person's erasure. */
const voteKey = async (draftId: string, id: string, sub: string) => ({ pk: `DRAFT#${draftId}`, sk: `VOTE#${id}#${await markerOf(sub)}` });

/** Who wrote `c`, as shown: name and kind (older comments without a kind: derived from the account). */
export const authorOf = (c: CommentItem): Comment['author'] =>
  c.authorName === undefined ? null : { name: c.authorName, kind: c.authorKind ?? (c.authorSub ? 'resident' : 'anonymous') };

/** The public shape: tombstones keep their place but show neither body nor author. */
export const commentView = (c: CommentItem): Comment => ({
  id: c.id,
  draftId: c.draftId,
  sectionId: c.sectionId ?? null,
  parentId: c.parentId ?? null,
  body: c.status === 'visible' ? (c.body ?? null) : null,
  author: c.status === 'visible' ? authorOf(c) : null,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: c.draftVersion,
  votes: c.votes,
  replyCount: c.replyCount,
  status: c.status,
  edited: c.edited,
  moderation: c.status === 'hidden' && c.moderation ? c.moderation : null,
  response: c.status !== 'hidden' && c.response ? c.response : null,
  location: c.status === 'visible' ? (c.location ?? null) : null,
});

export async function getComment(draftId: string, id: string, consistent = false): Promise<CommentItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: commentKey(draftId, id), ConsistentRead: consistent }));
  return out.Item as CommentItem | undefined;
}

/** The condition that participation on a draft is open at `:now`. */
export const openCondition = 'attribute_exists(publishedAt) AND opensAt <= :now AND closesAt > :now AND attribute_not_exists(decisionId)';

export interface NewComment {
  draftId: string;
  draftVersion: number;
  body: string;
  sectionId?: string;
  /** The root comment this replies to. */
  rootId?: string;
  author: { sub?: string; name: string; kind: AuthorKind };
  location?: Geometry;
}

/** The stored comment `input` makes (the bench loads collections with it, as postComment stores one). */
export function commentItem(input: NewComment, now: Date, id: string = newId()): CommentItem {
  const at = now.toISOString();
  return {
    ...commentKey(input.draftId, id),
    type: 'comment',
    id,
    draftId: input.draftId,
    sectionId: input.sectionId,
    parentId: input.rootId,
    body: input.body,
    authorSub: input.author.sub,
    authorName: input.author.name,
    authorKind: input.author.kind,
    draftVersion: input.draftVersion,
    votes: 0,
    replyCount: 0,
    flagCount: 0,
    status: 'visible',
    edited: false,
    createdAt: at,
    updatedAt: at,
    ...(input.rootId
      ? { gsi1pk: `REPLIES#${input.rootId}`, gsi1sk: id }
      : {
          gsi1pk: `ROOTS#${input.draftId}`,
          gsi1sk: id,
          votePk: `ROOTS#${input.draftId}`,
          ...(input.sectionId
            ? { gsi2pk: `ROOTS#${input.draftId}#${input.sectionId}`, gsi2sk: id, sectionVotePk: `ROOTS#${input.draftId}#${input.sectionId}` }
            : {}),
        }),
    ...(input.author.sub ? { userPk: `USER#${input.author.sub}`, userSk: `COMMENT#${id}` } : {}),
    ...(input.location ? located(input.draftId, id, input.location) : {}),
  };
}

/** A location and its place-index keys. */
const located = (draftId: string, id: string, location: Geometry) => ({
  location,
  gsi3pk: placesOf(draftId).partition,
  gsi3sk: `${enclosingCell(boxOf([location])!, locationPrecision)}#${id}`,
});

/**
 * Stores a comment and counts it on the draft's listing (and its root) and in the draft's
 * participation counters, all or nothing.
 */
export async function postComment(input: NewComment, now: Date, id: string = newId()): Promise<CommentItem> {
  const at = now.toISOString();
  const item = commentItem(input, now, id);
  for (let attempt = 1; ; attempt++) {
    const counted = await countComment({ draftId: input.draftId, commentId: id, sectionId: input.sectionId, root: !input.rootId, authorSub: input.author.sub, authorName: input.author.name }, at);
    const items = [...commentWrites(input, item, at), ...counted.items];
    try {
      await transact(items);
      return item;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed(0)) throw participationClosed();
      // The same person commented at the same moment and was counted first: count again.
      const markers = error.reasons.slice(items.length - counted.markers);
      if (markers.includes('ConditionalCheckFailed') && attempt < 3) continue;
      throw conflict('comment-not-visible', 'Comment not visible', 'Replies go only to visible comments.');
    }
  }
}

/** The comment, and the counts on the draft's listing and its root. */
function commentWrites(input: NewComment, item: CommentItem, at: string): TransactItem[] {
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: draftListingKey(input.draftId),
        UpdateExpression: 'ADD commentCount :one',
        ConditionExpression: openCondition,
        ExpressionAttributeValues: { ':one': 1, ':now': at },
      },
    },
    { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  if (input.rootId) {
    items.push({
      Update: {
        TableName: tableName(),
        Key: commentKey(input.draftId, input.rootId),
        UpdateExpression: 'ADD replyCount :one',
        ConditionExpression: '#status = :visible',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':visible': 'visible' },
      },
    });
  }
  return items;
}

/** Loads a comment that `sub` wrote, or explains why it cannot be changed. */
async function ownComment(draftId: string, id: string, sub: string): Promise<CommentItem> {
  const comment = await getComment(draftId, id, true);
  if (!comment) throw notFound('Comment');
  if (!comment.authorSub || comment.authorSub !== sub) throw forbidden('Only the author may change a comment.');
  return comment;
}

export async function editComment(draftId: string, id: string, sub: string, body: string, now: Date): Promise<CommentItem> {
  const comment = await ownComment(draftId, id, sub);
  if (comment.status !== 'visible') throw conflict('comment-not-visible', 'Comment not visible', 'A removed comment cannot be edited.');
  const at = now.toISOString();
  try {
    await transact([
      {
        ConditionCheck: {
          TableName: tableName(),
          Key: draftListingKey(draftId),
          ConditionExpression: openCondition,
          ExpressionAttributeValues: { ':now': at },
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: commentKey(draftId, id),
          UpdateExpression: 'SET body = :body, edited = :true, updatedAt = :at',
          ConditionExpression: 'authorSub = :sub AND #status = :visible',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':body': body, ':true': true, ':at': at, ':sub': sub, ':visible': 'visible' },
        },
      },
    ]);
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    if (error.failed(0)) throw participationClosed();
    throw conflict('comment-not-visible', 'Comment not visible', 'A removed comment cannot be edited.');
  }
  return { ...comment, body, edited: true, updatedAt: at };
}

/**
 * The author removes their comment: it stays in place as a tombstone, and stops counting.
 * A comment a moderator hid stays hidden, with its public reason, but loses its body.
 * Either way its location goes too, and with it its place on the map.
 * Removing an already removed comment changes nothing.
 */
export async function deleteComment(draftId: string, id: string, sub: string, now: Date): Promise<void> {
  const comment = await ownComment(draftId, id, sub);
  if (comment.status === 'deleted' || comment.authorDeleted) return;
  const at = now.toISOString();
  if (comment.status === 'hidden') {
    try {
      await transact([{
        Update: {
          TableName: tableName(),
          Key: commentKey(draftId, id),
          UpdateExpression: 'SET authorDeleted = :true, updatedAt = :at REMOVE body, #location, gsi3pk, gsi3sk',
          ConditionExpression: '#status = :hidden',
          ExpressionAttributeNames: { '#status': 'status', '#location': 'location' },
          ExpressionAttributeValues: { ':true': true, ':at': at, ':hidden': 'hidden' },
        },
      }]);
      return;
    } catch (error) {
      if (error instanceof TransactionCancelled) return deleteComment(draftId, id, sub, now); // restored meanwhile
      throw error;
    }
  }
  const wasVisible = comment.status === 'visible';
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: commentKey(draftId, id),
          UpdateExpression: 'SET #status = :deleted, updatedAt = :at REMOVE body, #location, gsi3pk, gsi3sk',
          ConditionExpression: '#status = :was',
          ExpressionAttributeNames: { '#status': 'status', '#location': 'location' },
          ExpressionAttributeValues: { ':deleted': 'deleted', ':at': at, ':was': comment.status },
        },
      },
      ...(wasVisible
        ? [{ Update: { TableName: tableName(), Key: draftListingKey(draftId), UpdateExpression: 'ADD commentCount :minus', ExpressionAttributeValues: { ':minus': -1 } } }]
        : []),
    ]);
  } catch (error) {
    // Someone (the author again, or a moderator) changed it at the same moment: look again.
    if (error instanceof TransactionCancelled) return deleteComment(draftId, id, sub, now);
    throw error;
  }
}

/** Adds or removes `sub`'s up-vote; repeating either changes nothing. Returns the count. */
export async function setVote(draftId: string, id: string, sub: string, up: boolean, now: Date): Promise<number> {
  const at = now.toISOString();
  const key = await voteKey(draftId, id, sub);
  const items: TransactItem[] = [
    {
      ConditionCheck: {
        TableName: tableName(),
        Key: draftListingKey(draftId),
        ConditionExpression: openCondition,
        ExpressionAttributeValues: { ':now': at },
      },
    },
    up
      ? {
          Put: {
            TableName: tableName(),
            Item: { ...key, type: 'vote', draftId, commentId: id, createdAt: at, userPk: `USER#${sub}`, userSk: `VOTE#${draftId}#${id}` },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }
      : { Delete: { TableName: tableName(), Key: key, ConditionExpression: 'attribute_exists(pk)' } },
    {
      Update: {
        TableName: tableName(),
        Key: commentKey(draftId, id),
        UpdateExpression: 'ADD votes :delta',
        ConditionExpression: '#status = :visible',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':delta': up ? 1 : -1, ':visible': 'visible' },
      },
    },
  ];
  try {
    await transact(items);
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    if (error.failed(0)) throw participationClosed();
    if (error.failed(2)) throw conflict('comment-not-visible', 'Comment not visible', 'Only visible comments take votes.');
    // failed(1): the vote was already there (or already gone): nothing to change.
  }
  const comment = await getComment(draftId, id, true);
  return comment?.votes ?? 0;
}

export async function listRootComments(
  draftId: string,
  q: { sectionId?: string; sort: 'newest' | 'oldest' | 'popular'; limit: number; cursor?: string },
): Promise<Page<Comment>> {
  const scope = `comments:${draftId}:${q.sort}:${q.sectionId ?? ''}`;
  const view = (item: Record<string, unknown>) => commentView(item as unknown as CommentItem);
  if (q.sort === 'popular') {
    const [index, key] = q.sectionId ? ['bySectionVotes', 'sectionVotePk'] : ['byVotes', 'votePk'];
    return queryPage({
      IndexName: index,
      KeyConditionExpression: `${key} = :pk`,
      ExpressionAttributeValues: { ':pk': q.sectionId ? `ROOTS#${draftId}#${q.sectionId}` : `ROOTS#${draftId}` },
      ScanIndexForward: false,
    }, { ...q, scope }, view);
  }
  const [index, pk] = q.sectionId ? ['gsi2', `ROOTS#${draftId}#${q.sectionId}`] : ['gsi1', `ROOTS#${draftId}`];
  return queryPage({
    IndexName: index,
    KeyConditionExpression: `${index}pk = :pk`,
    ExpressionAttributeValues: { ':pk': pk },
    ScanIndexForward: q.sort === 'oldest',
  }, { ...q, scope }, view);
}

export async function listReplies(draftId: string, rootId: string, q: { limit: number; cursor?: string }): Promise<Page<Comment>> {
  return queryPage({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': `REPLIES#${rootId}` },
    ScanIndexForward: true,
  }, { ...q, scope: `replies:${draftId}:${rootId}` }, (item) => commentView(item as unknown as CommentItem));
}

/** A visible comment whose location touches `box` (when one is given). */
const visibleIn = (c: CommentItem, box: Box | undefined): boolean =>
  c.status === 'visible' && c.location !== undefined && (box === undefined || touches(c.location, box));

/** Root comments located in `box`, by place: a bounded number of Queries per page. */
export async function listCommentsInBox(
  draftId: string, box: Box, q: { sectionId?: string; limit: number; cursor?: string },
): Promise<Page<Comment>> {
  return placesPage(placesOf(draftId), box, { ...q, scope: `comments:${draftId}:${q.sectionId ?? ''}` }, (item) => {
    const c = item as unknown as CommentItem;
    return visibleIn(c, box) && (!q.sectionId || c.sectionId === q.sectionId) ? commentView(c) : undefined;
  });
}

/** Visible located comments (in `box`, when one is given), for the map. */
export async function listLocatedComments(draftId: string, box: Box | undefined, q: { limit: number; cursor?: string }): Promise<Page<CommentItem>> {
  const keep = (item: Record<string, unknown>) => (visibleIn(item as unknown as CommentItem, box) ? item as unknown as CommentItem : undefined);
  if (box) return placesPage(placesOf(draftId), box, { ...q, scope: `located:${draftId}` }, keep);
  const found = await queryPage({
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': placesOf(draftId).partition },
  }, { ...q, scope: `located:${draftId}` }, keep);
  return { items: found.items.filter((c): c is CommentItem => c !== undefined), nextCursor: found.nextCursor };
}
