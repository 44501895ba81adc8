/**
 * Notification feeds. One partition per resident, `NOTIFICATIONS#<sub>`; every item holds
 * one notification's fields flat (issue 10's digests read them as they are):
 *   `<at>#<id>`          a notification that no longer changes: one per event, or a comment
 *                        activity once it was read
 *   `READ`               the read mark: everything at or before `upTo` is read
 * The feed is read newest first through gsi3 (`FEED#<sub>` / `<at>#<id>`). Open comment
 * activity is not stored here: it is read from the drafts followed (./activity.ts) and
 * merged into the feed in the same order. Feeds expire after a year (TTL); byUser
 * (`USER#<sub>`) finds every item for export and erasure.
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed, type TransactItem } from '#shared/data/transact.ts';
import { openCursor, sealCursor } from '#shared/http/cursor.ts';
import type { Page } from '#shared/schema.ts';
import type { Notification, NotificationContent } from '#shared/notifications/schema.ts';
import { closeActivity, openActivities, position } from '#shared/notifications/activity.ts';

const keepSeconds = 365 * 24 * 3600;
const feedIndex = 'gsi3';

/** The notification's id: the same for the same event (and agenda item), whoever receives it. */
export const notificationId = (eventId: string, key: string): string =>
  createHash('sha256').update(`${eventId}\n${key}`).digest('base64url').slice(0, 22);

export const feedKey = (sub: string): string => `NOTIFICATIONS#${sub}`;
const feedPk = (sub: string) => `FEED#${sub}`;
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

/**
 * One page of the feed, newest first: the stored notifications (one Query from the cursor's
 * position) merged with the open comment activities, cut at `limit`; the cursor holds the
 * position of the page's last notification.
 */
export async function listNotifications(sub: string, page: { limit: number; cursor?: string }): Promise<Page<Notification>> {
  const scope = `notifications:${sub}`;
  const from = (await openCursor(page.cursor, scope))?.position as string | undefined;
  const [upTo, stored, open] = await Promise.all([
    readUpTo(sub),
    db().send(new QueryCommand({
      TableName: tableName(),
      IndexName: feedIndex,
      KeyConditionExpression: from === undefined ? 'gsi3pk = :pk' : 'gsi3pk = :pk AND gsi3sk < :from',
      ExpressionAttributeValues: { ':pk': feedPk(sub), ...(from === undefined ? {} : { ':from': from }) },
      ScanIndexForward: false,
      Limit: page.limit,
    })),
    openActivities(sub),
  ]);
  const merged = [
    ...(stored.Items ?? []).map((item) => ({ key: String(item.gsi3sk), item })),
    ...open.map((o) => ({ key: position(o.activity), item: o.activity as Record<string, unknown> }))
      .filter((o) => from === undefined || o.key < from),
  ].sort((a, b) => b.key.localeCompare(a.key));
  const shown = merged.slice(0, page.limit);
  const more = merged.length > page.limit || stored.LastEvaluatedKey !== undefined;
  return {
    items: shown.map((n) => view(n.item, upTo)),
    nextCursor: more && shown.length > 0 ? await sealCursor({ position: shown.at(-1)!.key }, scope) : null,
  };
}

/**
 * Marks everything up to `upTo` read: the read mark only moves forward (one write), and each
 * open comment activity whose latest comment it covers is closed (./activity.ts), so the next
 * comment on that draft begins a new one.
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
  const read = (await openActivities(sub, true)).filter((o) => o.activity.latestAt <= upTo);
  for (const open of read) await closeActivity(open, (activity) => notificationItem(sub, activity), upTo);
}
