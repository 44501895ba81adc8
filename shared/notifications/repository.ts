/**
 * Notification feeds: one partition per resident, `NOTIFICATIONS#<sub>`, sorted by
 * `<at>#<id>` so the feed reads newest first with one Query. The id is derived from the
 * event's id, so writing a notification is a conditional put that a redelivered event
 * cannot repeat. Feeds expire after a year (TTL); byUser finds them for export and erasure.
 */
import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryPage } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import type { Page } from '#shared/schema.ts';
import type { Notification, NotificationContent } from '#shared/notifications/schema.ts';

const keepSeconds = 365 * 24 * 3600;

/** The notification's id: the same for the same event (and agenda item), whoever receives it. */
export const notificationId = (eventId: string, key: string): string =>
  createHash('sha256').update(`${eventId}\n${key}`).digest('base64url').slice(0, 22);

const feedKey = (sub: string) => `NOTIFICATIONS#${sub}`;

/** Adds the notification to `sub`'s feed once; returns false when it was already there. */
export async function deliver(sub: string, id: string, content: NotificationContent): Promise<boolean> {
  const notification = { id, ...content } as Notification;
  try {
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: {
        pk: feedKey(sub),
        sk: `${content.at}#${id}`,
        type: 'notification',
        notification,
        expiresAt: Math.floor(Date.parse(content.at) / 1000) + keepSeconds,
        userPk: `USER#${sub}`,
        userSk: `NOTIFICATION#${content.at}#${id}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

export async function listNotifications(sub: string, page: { limit: number; cursor?: string }): Promise<Page<Notification>> {
  return queryPage({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': feedKey(sub) },
    ScanIndexForward: false,
  }, { ...page, scope: `notifications:${sub}` }, (item) => item.notification as Notification);
}
