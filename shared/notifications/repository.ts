/**
 * Notification feeds. One partition per resident, `NOTIFICATIONS#<sub>`; every item holds
 * one notification's fields flat (issue 10's digests read them as they are):
 *   `<at>#<id>`          a notification that no longer changes: one per event, or a closed
 *                        comment activity (read, so the next comment begins a new one)
 *   `ACTIVITY#<draftId>` the open comment activity on a draft: `count` grows (ADD), `since`
 *                        stays, `latestAt`/`at` move to the latest comment
 *   `READ`               the read mark: everything at or before `upTo` is read
 * The feed is read newest first through gsi3 (`FEED#<sub>` / `<at>#<id>`), so an activity
 * that grows moves to the top without rewriting keys; gsi3 must project the items whole.
 * Feeds expire after a year (TTL); byUser (`USER#<sub>`) finds every item for export and erasure.
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryPage } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed, TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import type { Page } from '#shared/schema.ts';
import type { CommentActivityDelta, Notification, NotificationContent } from '#shared/notifications/schema.ts';

const keepSeconds = 365 * 24 * 3600;
const feedIndex = 'gsi3';

/** The notification's id: the same for the same event (and agenda item), whoever receives it. */
export const notificationId = (eventId: string, key: string): string =>
  createHash('sha256').update(`${eventId}\n${key}`).digest('base64url').slice(0, 22);

export const feedKey = (sub: string): string => `NOTIFICATIONS#${sub}`;
const feedPk = (sub: string) => `FEED#${sub}`;
const activityKey = (sub: string, draftId: string) => ({ pk: feedKey(sub), sk: `ACTIVITY#${draftId}` });
const readMarkKey = (sub: string) => ({ pk: feedKey(sub), sk: 'READ' });
const expiry = (at: string) => Math.floor(Date.parse(at) / 1000) + keepSeconds;

/** Attributes that place an item, not part of the notification. */
const placement = new Set(['pk', 'sk', 'type', 'gsi3pk', 'gsi3sk', 'userPk', 'userSk', 'expiresAt']);

/** A notification that no longer changes, as a feed item (key `<at>#<id>`). */
/** A notification as stored: each kind with its own fields, without the reader's `unread`. */
export type StoredNotification = Notification extends infer N ? (N extends unknown ? Omit<N, 'unread'> : never) : never;

export const notificationItem = (sub: string, notification: StoredNotification): Record<string, unknown> => ({
  ...notification,
  pk: feedKey(sub),
  sk: `${notification.at}#${notification.id}`,
  type: 'notification',
  gsi3pk: feedPk(sub),
  gsi3sk: `${notification.at}#${notification.id}`,
  expiresAt: expiry(notification.at),
  userPk: `USER#${sub}`,
  userSk: `NOTIFICATION#${notification.at}#${notification.id}`,
});

/** The put that adds a one-per-event notification (repeating it writes the same item again). */
export const notificationPut = (sub: string, id: string, content: NotificationContent): TransactItem =>
  ({ Put: { TableName: tableName(), Item: notificationItem(sub, { id, ...content } as StoredNotification) } });

/**
 * The update that adds one comment to `sub`'s open activity on the draft, or opens one.
 * `ahead` (the comment is the latest seen) also moves `at`/`latestAt` and holds only while
 * that is so; the fan-out retries a comment that arrives late without it, so the count is
 * exact and the times only move forward.
 */
export function activityUpdate(sub: string, id: string, delta: CommentActivityDelta, ahead: boolean): TransactItem {
  const moves = ahead ? 'latestAt = :at, #at = :at, commentId = :commentId, gsi3sk = :feedSk, expiresAt = :expires'
    : 'latestAt = if_not_exists(latestAt, :at), #at = if_not_exists(#at, :at), commentId = if_not_exists(commentId, :commentId), ' +
      'gsi3sk = if_not_exists(gsi3sk, :feedSk), expiresAt = if_not_exists(expiresAt, :expires)';
  return {
    Update: {
      TableName: tableName(),
      Key: activityKey(sub, delta.draftId),
      UpdateExpression: `SET ${moves}, #type = :type, id = if_not_exists(id, :id), #event = :event, draftId = :draftId, title = :title, ` +
        'since = if_not_exists(since, :at), gsi3pk = :feedPk, userPk = :userPk, userSk = :userSk ADD #count :one',
      ...(ahead ? { ConditionExpression: 'attribute_not_exists(latestAt) OR latestAt <= :at' } : {}),
      ExpressionAttributeNames: { '#type': 'type', '#at': 'at', '#event': 'event', '#count': 'count' },
      ExpressionAttributeValues: {
        ':at': delta.at, ':commentId': delta.commentId, ':feedSk': `${delta.at}#${delta.draftId}`, ':expires': expiry(delta.at),
        ':type': 'notification', ':id': id, ':event': 'CommentActivity', ':draftId': delta.draftId, ':title': delta.title,
        ':feedPk': feedPk(sub), ':userPk': `USER#${sub}`, ':userSk': `NOTIFICATION#ACTIVITY#${delta.draftId}`, ':one': 1,
      },
    },
  };
}

/** Adds the notification to `sub`'s feed once; returns false when it was already there. */
export async function deliver(sub: string, id: string, content: NotificationContent): Promise<boolean> {
  try {
    await db().send(new PutCommand({
      TableName: tableName(), Item: notificationItem(sub, { id, ...content } as StoredNotification), ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

async function readUpTo(sub: string): Promise<string> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: readMarkKey(sub), ConsistentRead: true }));
  return typeof out.Item?.upTo === 'string' ? out.Item.upTo : '';
}

const view = (item: Record<string, unknown>, upTo: string): Notification =>
  ({ ...Object.fromEntries(Object.entries(item).filter(([k]) => !placement.has(k))), unread: String(item.at) > upTo }) as Notification;

export async function listNotifications(sub: string, page: { limit: number; cursor?: string }): Promise<Page<Notification>> {
  const [upTo, listed] = await Promise.all([
    readUpTo(sub),
    queryPage({
      IndexName: feedIndex,
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': feedPk(sub) },
      ScanIndexForward: false,
    }, { ...page, scope: `notifications:${sub}` }, (item) => item),
  ]);
  return { ...listed, items: listed.items.map((item) => view(item, upTo)) };
}

/**
 * Marks everything up to `upTo` read: the read mark only moves forward (one write), and each
 * open comment activity it covers is closed (re-keyed under `<at>#<id>`), so the next comment
 * on that draft begins a new one. A comment counted meanwhile makes the close retry.
 */
export async function markRead(sub: string, upTo: string): Promise<void> {
  await db().send(new UpdateCommand({
    TableName: tableName(),
    Key: readMarkKey(sub),
    UpdateExpression: 'SET upTo = :upTo, #type = :type, userPk = :userPk, userSk = :userSk',
    ConditionExpression: 'attribute_not_exists(upTo) OR upTo < :upTo',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':upTo': upTo, ':type': 'notificationsRead', ':userPk': `USER#${sub}`, ':userSk': 'NOTIFICATIONS#READ' },
  })).catch((error) => {
    if (!conditionFailed(error)) throw error; // already read further
  });
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :activity)',
      FilterExpression: 'latestAt <= :upTo',
      ExpressionAttributeValues: { ':pk': feedKey(sub), ':activity': 'ACTIVITY#', ':upTo': upTo },
      ExclusiveStartKey: start,
      ConsistentRead: true,
    }));
    for (const item of out.Items ?? []) await closeActivity(sub, item, upTo);
    start = out.LastEvaluatedKey;
  } while (start);
}

async function closeActivity(sub: string, item: Record<string, unknown>, upTo: string): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const open = Object.fromEntries(Object.entries(item).filter(([k]) => !placement.has(k))) as StoredNotification;
    try {
      await transact([
        {
          Delete: {
            TableName: tableName(), Key: { pk: item.pk, sk: item.sk },
            ConditionExpression: '#count = :count AND latestAt = :latestAt',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':count': item.count, ':latestAt': item.latestAt },
          },
        },
        { Put: { TableName: tableName(), Item: notificationItem(sub, open) } },
      ]);
      return;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      const now = await db().send(new GetCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }));
      if (!now.Item || String(now.Item.latestAt) > upTo) return; // closed by another read, or news since
      item = now.Item;
    }
  }
  throw new Error('comment activity kept changing while it was marked read');
}
