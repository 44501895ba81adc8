/**
 * Daily and weekly digests: one message per person gathering every notification in their
 * feed since their last digest (or since they chose the frequency). A run is one period
 * (`daily:2026-11-29`, `weekly:2026-W48`); its recipients are paged from the sparse index of
 * people with that frequency, a bounded number per invocation, and the run's checkpoint
 * (`DIGESTRUN#<run>` / `RUN`) lets the next invocation resume where this one stopped. Each
 * person is claimed for the run before their message goes (./preferences.ts), so a rerun,
 * or two invocations at once, send nothing twice.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { erasedSince } from '#shared/me/erased.ts';
import { openActivities } from '#shared/notifications/activity.ts';
import { composeDigest, type MailNotification } from '#shared/mail/compose.ts';
import { claimDigest, recipientsPage, releaseDigest, type DigestFrequency, type PreferencesItem } from '#shared/mail/preferences.ts';
import { sendMail } from '#shared/mail/transport.ts';
import { unsubscribeUrl } from '#shared/mail/unsubscribe.ts';
import type { DigestRun } from '#shared/mail/capture-schema.ts';

/** Notifications one digest lists at most (the newest): a message people read to the end. */
export const digestItems = 50;
/** Recipients per page (one Query), and at most per invocation by default. */
export const recipientPage = 100;
export const defaultMaxRecipients = 2000;

/** The ISO week of `d` (`2026-W48`). */
const isoWeek = (d: Date): string => {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const start = Date.UTC(t.getUTCFullYear(), 0, 1);
  return `${t.getUTCFullYear()}-W${String(Math.ceil(((t.getTime() - start) / 86_400_000 + 1) / 7)).padStart(2, '0')}`;
};

/** The run a digest job at `now` belongs to: one per day, or per ISO week (UTC). */
export const runOf = (frequency: DigestFrequency, now: Date): string =>
  frequency === 'daily' ? `daily:${now.toISOString().slice(0, 10)}` : `weekly:${isoWeek(now)}`;

interface Checkpoint {
  next?: string;
  done: boolean;
}

const runKey = (run: string) => ({ pk: `DIGESTRUN#${run}`, sk: 'RUN' });

async function checkpointOf(run: string): Promise<Checkpoint> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: runKey(run), ConsistentRead: true }));
  return { next: Item?.next as string | undefined, done: Item?.done === true };
}

async function saveCheckpoint(run: string, c: Checkpoint, now: Date): Promise<void> {
  await db().send(new PutCommand({
    TableName: tableName(),
    Item: { ...runKey(run), type: 'digestRun', ...(c.next ? { next: c.next } : {}), done: c.done, at: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + 30 * 86_400 },
  }));
}

/**
 * What is in `sub`'s feed after `from` up to `upTo`, newest first (at most digestItems): the
 * stored notifications, and each open comment activity whose latest comment came meanwhile.
 */
async function gathered(sub: string, from: string, upTo: string): Promise<MailNotification[]> {
  const [out, open] = await Promise.all([db().send(new QueryCommand({
    TableName: tableName(), IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
    // `~` sorts after every id character: what happened at `from` went in the last digest.
    ExpressionAttributeValues: { ':pk': `FEED#${sub}`, ':from': `${from}#~`, ':to': `${upTo}#~` },
    ScanIndexForward: false,
    Limit: digestItems,
  })), openActivities(sub)]);
  const activities = open.map((o) => o.activity).filter((a) => a.latestAt > from && a.latestAt <= upTo);
  return [...(out.Items ?? []) as MailNotification[], ...activities as MailNotification[]]
    .sort((a, b) => String(b.at ?? '').localeCompare(String(a.at ?? '')))
    .slice(0, digestItems);
}

/** One person's digest for `run`: sent once, or nothing when there is nothing new. */
async function digestOne(p: PreferencesItem, frequency: DigestFrequency, run: string, now: Date): Promise<boolean> {
  if (!p.address) return false;
  if (await erasedSince(p.sub, p.savedAt)) return false;
  const upTo = now.toISOString();
  const claim = await claimDigest(p.sub, frequency, run, upTo);
  if (!claim) return false;
  try {
    const items = await gathered(p.sub, claim.from, upTo);
    const message = items.length > 0 ? composeDigest(p.address, p.language, frequency, items, await unsubscribeUrl(p.sub)) : undefined;
    if (!message) return false;
    await sendMail(message, `digest-${frequency}`);
    return true;
  } catch (error) {
    await releaseDigest(p.sub, run, claim.previous);
    throw error;
  }
}

export interface DigestOptions {
  /** Recipients this invocation looks at, at most. */
  maxRecipients?: number;
  /** True when the invocation must stop (its time is nearly up). */
  timeUp?: () => boolean;
}

/** Runs (or resumes) the digest job for `frequency` at `now`, a bounded part of it. */
export async function runDigests(frequency: DigestFrequency, now = new Date(), options: DigestOptions = {}): Promise<DigestRun> {
  const run = runOf(frequency, now);
  const max = options.maxRecipients ?? defaultMaxRecipients;
  const result: DigestRun = { frequency, run, recipients: 0, sent: 0, more: false };
  let checkpoint = await checkpointOf(run);
  while (!checkpoint.done) {
    if (result.recipients >= max || options.timeUp?.()) {
      result.more = true;
      break;
    }
    const page = await recipientsPage(frequency, checkpoint.next, Math.min(recipientPage, max - result.recipients));
    for (const p of page.items) if (await digestOne(p, frequency, run, now)) result.sent++;
    result.recipients += page.items.length;
    checkpoint = page.next ? { next: page.next, done: false } : { done: true };
    await saveCheckpoint(run, checkpoint, now);
  }
  return result;
}
