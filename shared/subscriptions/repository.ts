/**
 * Who follows what. One partition per followed subject, `FOLLOWERS#<kind>#<id>`, one item
 * per resident, `USER#<sub>`, so the fan-out reads a subject's followers with one Query
 * per page, and the byUser index (`USER#<sub>` / `SUBSCRIPTION#<kind>#<id>`) finds them
 * for the resident's export and erasure.
 * Unfollowing keeps the item with `state: unfollowed`: it is the resident's explicit "no",
 * which automatic following (on commenting, or from a draft to its decision) respects.
 * A draft's subscription also holds the follower's comment-activity baseline (`seen`,
 * `seenOwn`, `seenAt`): the draft's comment count and the follower's own at the moment they
 * began following or last read (../notifications/activity.ts).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { activityCounts } from '#shared/comments/participation.ts';
import type { Subject, Subscription, SubscriptionOrigin } from '#shared/subscriptions/schema.ts';

export interface SubscriptionItem {
  pk: string;
  sk: string;
  type: 'subscription';
  kind: Subject['kind'];
  subjectId: string;
  sub: string;
  state: 'following' | 'unfollowed';
  origin: SubscriptionOrigin;
  since: string;
  userPk: string;
  userSk: string;
  /** Drafts only: comments on the draft, and the follower's own among them, when the activity began; and when. */
  seen?: number;
  seenOwn?: number;
  seenAt?: string;
}

/** Where a follower's comment activity begins: the counts as they stand now. */
export interface Baseline {
  comments: number;
  mine: number;
}

export const followersKey = (subject: Subject) => `FOLLOWERS#${subject.kind}#${subject.id}`;
const subscriptionKey = (subject: Subject, sub: string) => ({ pk: followersKey(subject), sk: `USER#${sub}` });

/** The item that says `sub` follows (or has unfollowed) `subject`: what every write here puts, and what bulk loads build. */
export const subscriptionItem = (
  subject: Subject, sub: string, state: SubscriptionItem['state'], origin: SubscriptionOrigin, now: Date, baseline?: Baseline,
): SubscriptionItem => ({
  ...subscriptionKey(subject, sub),
  type: 'subscription',
  kind: subject.kind,
  subjectId: subject.id,
  sub,
  state,
  origin,
  since: now.toISOString(),
  userPk: `USER#${sub}`,
  userSk: `SUBSCRIPTION#${subject.kind}#${subject.id}`,
  ...(baseline ? { seen: baseline.comments, seenOwn: baseline.mine, seenAt: now.toISOString() } : {}),
});

/** A draft's baseline for `sub` as it stands (consistent reads); other subjects have none. */
const baselineOf = async (subject: Subject, sub: string): Promise<Baseline | undefined> =>
  subject.kind === 'draft' ? (await activityCounts(sub, [subject.id], { consistent: true })).get(subject.id) : undefined;

export const subscriptionView = (subject: Subject, s: SubscriptionItem | undefined): Subscription => ({
  subject: { kind: subject.kind, id: subject.id },
  following: s?.state === 'following',
  origin: s?.origin ?? null,
  since: s?.since ?? null,
});

export async function getSubscription(subject: Subject, sub: string): Promise<SubscriptionItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: subscriptionKey(subject, sub), ConsistentRead: true }));
  return out.Item as SubscriptionItem | undefined;
}

/** Puts `next` unless the resident's subscription is already in its state; returns the one that stands. */
async function putState(next: SubscriptionItem): Promise<SubscriptionItem> {
  try {
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: next,
      ConditionExpression: 'attribute_not_exists(pk) OR #state <> :state',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':state': next.state },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
    return next;
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    const old = (error as { Item?: Record<string, AttributeValue> }).Item;
    return old ? (unmarshall(old) as SubscriptionItem) : next;
  }
}

/** The resident follows `subject`; repeating it changes nothing (it keeps its first time and origin). */
export const follow = async (subject: Subject, sub: string, now: Date): Promise<SubscriptionItem> =>
  putState(subscriptionItem(subject, sub, 'following', 'explicit', now, await baselineOf(subject, sub)));

/** The resident stops following `subject`, and says so for good: automatic following will not override it. */
export async function unfollow(subject: Subject, sub: string, now: Date): Promise<void> {
  await putState(subscriptionItem(subject, sub, 'unfollowed', 'explicit', now));
}

/**
 * Follows on the resident's behalf (they commented; they followed the draft a decision
 * came from) unless they already follow or have unfollowed: one conditional put, so a
 * repeated event and a concurrent "unfollow" both leave the resident's own choice standing.
 * Returns true when it added the subscription.
 */
export async function followUnlessDeclined(subject: Subject, sub: string, origin: SubscriptionOrigin, now: Date): Promise<boolean> {
  try {
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: subscriptionItem(subject, sub, 'following', origin, now, await baselineOf(subject, sub)),
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/** One page of `subject`'s followers, in key order: each with its item's sort key (where the page ends). */
export interface FollowerPage {
  followers: { key: string; sub: string }[];
  /** The sort key to continue after, or undefined on the last page. */
  next?: string;
}

/** Up to `limit` follower items of `subject` after sort key `after`: one Query, bounded for a paged fan-out. */
export async function followersPage(subject: Subject, after: string | undefined, limit: number): Promise<FollowerPage> {
  const pk = followersKey(subject);
  const out = await db().send(new QueryCommand({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: '#state = :following',
    ProjectionExpression: 'sk, #sub',
    ExpressionAttributeNames: { '#state': 'state', '#sub': 'sub' },
    ExpressionAttributeValues: { ':pk': pk, ':following': 'following' },
    ExclusiveStartKey: after === undefined ? undefined : { pk, sk: after },
    Limit: limit,
    ConsistentRead: true,
  }));
  const followers = (out.Items ?? []).map((i) => ({ key: String(i.sk), sub: String(i.sub) }));
  return { followers, next: out.LastEvaluatedKey ? String(out.LastEvaluatedKey.sk) : undefined };
}
