/**
 * Comment activity, read rather than delivered. A follower's activity on a draft is what
 * others wrote there since their baseline, which their subscription keeps (`seen`, `seenOwn`,
 * `seenAt`: the draft's comment count and their own comments when they began following or
 * last read). The draft keeps the counts as comments come (../comments/participation.ts), so
 * a comment costs the same few writes however many follow the draft, and N commenters cost
 * O(N) writes in all, not one per follower per comment.
 *
 * Reading it costs one Query of the resident's followed drafts and BatchGetItems of their
 * counts and titles (three keys per draft: one call for up to 33 drafts). Marking read closes an
 * activity: it is kept as a read notification (`<at>#<id>`, as any other) and the baseline
 * moves to the counts it showed, so the next comment begins a new one.
 */
import { createHash } from 'node:crypto';
import { queryAll } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact } from '#shared/data/transact.ts';
import type { Localized } from '#shared/schema.ts';
import { activityCounts, type ActivityCounts } from '#shared/comments/participation.ts';
import { followersKey, type SubscriptionItem } from '#shared/subscriptions/repository.ts';
import type { Notification } from '#shared/notifications/schema.ts';

export type CommentActivity = Omit<Extract<Notification, { event: 'CommentActivity' }>, 'unread'>;

/** The activity's id: one per draft and baseline, so it stays the same while it grows and once it is read. */
export const activityId = (draftId: string, seen: number): string =>
  createHash('sha256').update(`CommentActivity\n${draftId}\n${seen}`).digest('base64url').slice(0, 22);

/** The part of a subscription an activity starts from. */
export type Baseline = Pick<SubscriptionItem, 'subjectId' | 'since' | 'seen' | 'seenOwn' | 'seenAt'>;

/** Pure: the follower's activity on the draft, or nothing when nobody else has commented since the baseline. */
export function activityOf(s: Baseline, counts: ActivityCounts, title: Localized | null): CommentActivity | undefined {
  const count = (counts.comments - (s.seen ?? 0)) - (counts.mine - (s.seenOwn ?? 0));
  if (count <= 0 || !counts.lastAt || !counts.lastCommentId) return undefined;
  return {
    id: activityId(s.subjectId, s.seen ?? 0),
    event: 'CommentActivity',
    at: counts.lastAt,
    title,
    draftId: s.subjectId,
    count,
    since: s.seenAt ?? s.since,
    latestAt: counts.lastAt,
    commentId: counts.lastCommentId,
  };
}

/** An open activity and the subscription and counts it was computed from (what closing it needs). */
export interface OpenActivity {
  activity: CommentActivity;
  subscription: SubscriptionItem;
  counts: ActivityCounts;
}

/** The drafts `sub` follows, with their baselines. */
const followedDrafts = (sub: string): Promise<SubscriptionItem[]> =>
  queryAll<SubscriptionItem>({
    IndexName: 'byUser',
    KeyConditionExpression: 'userPk = :pk AND begins_with(userSk, :drafts)',
    FilterExpression: '#state = :following',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':pk': `USER#${sub}`, ':drafts': 'SUBSCRIPTION#draft#', ':following': 'following' },
  });

/** Every open comment activity of `sub`, newest first. `consistent` for the counts (marking read). */
export async function openActivities(sub: string, consistent = false): Promise<OpenActivity[]> {
  const followed = await followedDrafts(sub);
  if (followed.length === 0) return [];
  const counts = await activityCounts(sub, followed.map((s) => s.subjectId), { consistent, titles: true });
  return followed
    .map((s) => ({ activity: activityOf(s, counts.get(s.subjectId)!, counts.get(s.subjectId)!.title ?? null), subscription: s, counts: counts.get(s.subjectId)! }))
    .filter((o): o is OpenActivity => o.activity !== undefined)
    .sort((a, b) => position(b.activity).localeCompare(position(a.activity)));
}

/** Where an activity stands in the feed, as a stored notification's feed key (`<at>#<id>`) does. */
export const position = (n: { at: string; id: string }): string => `${n.at}#${n.id}`;

/**
 * Closes an open activity that is read: keeps it as a read notification (its put comes from
 * the caller, which owns the feed's items) and moves the baseline to the counts it showed, in
 * one transaction conditioned on the baseline being where it was read. A comment that came
 * meanwhile stays beyond the new baseline, so it is unread in the next activity; a concurrent
 * close or unfollow wins, and this one does nothing.
 */
export async function closeActivity(open: OpenActivity, keep: (activity: CommentActivity) => Record<string, unknown>, at: string): Promise<boolean> {
  const s = open.subscription;
  try {
    await transact([
      { Put: { TableName: tableName(), Item: keep(open.activity) } },
      {
        Update: {
          TableName: tableName(),
          Key: { pk: followersKey({ kind: 'draft', id: s.subjectId }), sk: s.sk },
          UpdateExpression: 'SET seen = :comments, seenOwn = :mine, seenAt = :at',
          ConditionExpression: '#state = :following AND ' + (s.seen === undefined ? 'attribute_not_exists(seen)' : 'seen = :seen'),
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':comments': open.counts.comments, ':mine': open.counts.mine, ':at': at, ':following': 'following',
            ...(s.seen === undefined ? {} : { ':seen': s.seen }),
          },
        },
      },
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionCancelled) return false;
    throw error;
  }
}
