/**
 * Delivering one event's notification to a subject's followers, one bounded page per
 * invocation: a page is one Query of at most `pageSize` followers, written in transactions
 * of `chunkSize` feeds plus the delivery's progress mark (`DELIVERY#<eventId>` / `PLAN#<key>`:
 * the sort key of the last follower written, then `done`). A chunk commits only if the mark
 * is still where this invocation read it, and moves it in the same transaction, so a retried
 * or duplicated page skips everyone already written: nothing is counted twice, and a page
 * that fails midway is finished by its retry. The mark names a follower only while the
 * delivery runs (byUser finds it meanwhile), and expires after `keepSeconds`.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { followersPage } from '#shared/subscriptions/repository.ts';
import type { Subject } from '#shared/subscriptions/schema.ts';
import { notificationId, notificationPut } from '#shared/notifications/repository.ts';
import type { Delivered } from '#shared/notifications/schema.ts';

/** A transaction holds 100 actions: 99 feeds and the progress mark. */
export const chunkSize = 99;
/** Followers per invocation: five transactions, well inside a Lambda's time and memory. */
export const pageSize = 5 * chunkSize;
/** Longer than any retry can come: EventBridge's 6 h, and a redrive from a 14-day dead-letter queue. */
const keepSeconds = 30 * 24 * 3600;

export interface Delivery {
  eventId: string;
  /** Distinguishes the deliveries of one event (one per agenda item). */
  key: string;
  followersOf: Subject;
  /** Who is not told: the comment's author. */
  except?: string;
  content: Delivered;
}

export interface Limits {
  pageSize: number;
  chunkSize: number;
}

export interface PageResult {
  /** Feeds written by this invocation. */
  written: number;
  /** Where the next page starts, if there is one. */
  next?: string;
}

interface Progress {
  upTo?: string;
  done?: boolean;
}

const progressKey = (d: Delivery) => ({ pk: `DELIVERY#${d.eventId}`, sk: `PLAN#${d.key}` });

/** Sort keys compare as DynamoDB orders them: by UTF-8 bytes. */
const after = (key: string, mark: string | undefined) => mark === undefined || Buffer.compare(Buffer.from(key), Buffer.from(mark)) > 0;

async function progressOf(d: Delivery): Promise<Progress> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: progressKey(d), ConsistentRead: true }));
  return { upTo: out.Item?.upTo as string | undefined, done: out.Item?.done === true };
}

/** Moves the mark from `from` to the chunk's last follower (or to `done`): each chunk's first action. */
function advance(d: Delivery, from: string | undefined, to: { key: string; sub: string } | 'done'): TransactItem {
  const common = { ':type': 'notificationDelivery', ':expires': Math.floor(Date.now() / 1000) + keepSeconds, ...(from === undefined ? {} : { ':from': from }) };
  return {
    Update: {
      TableName: tableName(),
      Key: progressKey(d),
      ConditionExpression: from === undefined ? 'attribute_not_exists(pk)' : 'upTo = :from',
      ExpressionAttributeNames: { '#type': 'type' },
      ...(to === 'done'
        ? { UpdateExpression: 'SET done = :true, #type = :type, expiresAt = :expires REMOVE upTo, userPk, userSk', ExpressionAttributeValues: { ...common, ':true': true } }
        : {
            UpdateExpression: 'SET upTo = :upTo, #type = :type, expiresAt = :expires, userPk = :userPk, userSk = :userSk',
            ExpressionAttributeValues: { ...common, ':upTo': to.key, ':userPk': `USER#${to.sub}`, ':userSk': `DELIVERY#${d.eventId}#${d.key}` },
          }),
    },
  };
}

const told = (d: Delivery, chunk: { key: string; sub: string }[]) => chunk.filter((f) => f.sub !== d.except);

function chunkActions(d: Delivery, from: string | undefined, chunk: { key: string; sub: string }[], final: boolean): TransactItem[] {
  const id = notificationId(d.eventId, d.key);
  return [advance(d, from, final ? 'done' : chunk.at(-1)!), ...told(d, chunk).map((f) => notificationPut(f.sub, id, d.content))];
}

/** Writes one chunk with the mark. Answers false when the mark was not where expected (another invocation of this page got further). */
async function commit(d: Delivery, from: string | undefined, chunk: { key: string; sub: string }[], final: boolean): Promise<boolean> {
  try {
    await transact(chunkActions(d, from, chunk, final));
    return true;
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failed(0)) return false;
    throw error;
  }
}

/** Delivers one page of followers, starting after sort key `start`; safe to run again, or twice at once. */
export async function deliverPage(d: Delivery, start: string | undefined, limits: Limits = { pageSize, chunkSize }): Promise<PageResult> {
  const page = await followersPage(d.followersOf, start, limits.pageSize);
  const last = page.next === undefined;
  let written = 0;
  for (;;) {
    const progress = await progressOf(d);
    if (progress.done) return { written };
    const pending = page.followers.filter((f) => after(f.key, progress.upTo));
    const feeds = told(d, pending).length;
    if (feeds === 0 && (!last || progress.upTo === undefined)) return { written, next: page.next };
    let from = progress.upTo;
    let overtaken = false;
    for (let i = 0; i < Math.max(pending.length, 1) && !overtaken; i += limits.chunkSize) {
      const chunk = pending.slice(i, i + limits.chunkSize);
      const final = last && i + limits.chunkSize >= pending.length;
      if (chunk.length === 0 && !final) break;
      overtaken = !(await commit(d, from, chunk, final));
      if (!overtaken) {
        written += told(d, chunk).length;
        from = chunk.at(-1)?.key ?? from;
      }
    }
    if (!overtaken) return { written, next: page.next };
  }
}
