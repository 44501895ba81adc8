/**
 * Immediate e-mail, from the feed: each notification written into a resident's feed (a
 * stream INSERT of a feed item) becomes one message to a resident whose e-mail is
 * `immediate` and who has a verified address and is not erased. Comment activity is not
 * mailed one comment at a time: it waits for the digests. The sent mark (./sent.ts) makes a
 * redelivered record, or a notification written again, send nothing.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { erasedSince } from '#shared/me/erased.ts';
import { composeOne, type MailNotification } from '#shared/mail/compose.ts';
import { getPreferences } from '#shared/mail/preferences.ts';
import { claimSending, releaseSending } from '#shared/mail/sent.ts';
import { sendMail } from '#shared/mail/transport.ts';
import { unsubscribeUrl } from '#shared/mail/unsubscribe.ts';

/** Notification kinds never mailed one by one. */
const digestOnly = new Set(['CommentActivity']);

export interface FeedInsert {
  sub: string;
  id: string;
  notification: MailNotification;
}

const feedPrefix = 'NOTIFICATIONS#';

/** The new notification a stream record carries, if it is one worth an immediate message. */
export function feedInsertOf(record: DynamoDBRecord): FeedInsert | undefined {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  if (item.type !== 'notification' || typeof item.pk !== 'string' || !item.pk.startsWith(feedPrefix)) return undefined;
  if (digestOnly.has(String(item.event)) || typeof item.id !== 'string') return undefined;
  return { sub: item.pk.slice(feedPrefix.length), id: item.id, notification: item as unknown as MailNotification };
}

export type Outcome = 'sent' | 'repeated' | 'not-wanted';

/** Mails one notification if its resident wants it now; safe to repeat. */
export async function mailNow(insert: FeedInsert): Promise<Outcome> {
  const prefs = await getPreferences(insert.sub);
  if (!prefs || prefs.email !== 'immediate' || !prefs.address) return 'not-wanted';
  if (await erasedSince(insert.sub, prefs.savedAt)) return 'not-wanted';
  const message = composeOne(prefs.address, prefs.language, insert.notification, await unsubscribeUrl(insert.sub));
  if (!message) return 'not-wanted';
  if (!(await claimSending(insert.sub, `N#${insert.id}`))) return 'repeated';
  try {
    await sendMail(message, insert.notification.event);
  } catch (error) {
    await releaseSending(insert.sub, `N#${insert.id}`);
    throw error;
  }
  return 'sent';
}
