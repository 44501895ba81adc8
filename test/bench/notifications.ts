/**
 * The notification fan-out at scale, run in-process against the bench's DynamoDB Local:
 *   C commenters on one followed draft, each following it as auto-follow makes them (so
 *   comment k reaches F + k followers): notification items written, delivery marks, calls, CU
 *   one comment to 10,000 followers (loaded with the subscription repository's item builder
 *   by BatchWrite), page by page as the delivery queue runs it: the largest page's calls, CU
 *   and time, which bound one invocation whatever the audience.
 * The deliveries are the ones the fan-out makes (shared/notifications/jobs.ts); the two reads
 * that find a comment's author and draft title (2 GetItem per event) are not in the figures.
 */
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { meter } from '#shared/data/meter.ts';
import { tableName } from '#shared/data/table.ts';
import { newId } from '#shared/ids.ts';
import type { Delivery } from '#shared/notifications/delivery.ts';
import { runJob, type Job } from '#shared/notifications/jobs.ts';
import { subscriptionItem } from '#shared/subscriptions/repository.ts';
const round = (n: number, digits: number) => Number(n.toFixed(digits));

export interface CommentersRow {
  commenters: number;
  /** Followers before anyone commented. */
  followers: number;
  notificationItems: number;
  /** Feed writes (one per follower reached per comment): the work, which stays O(C × followers). */
  feedWrites: number;
  /** One progress mark per delivered comment (TTL 30 days; names no one once done). */
  deliveryMarks: number;
  itemsPerCommenter: number;
  calls: number;
  capacityUnits: number;
  seconds: number;
}

export interface FollowersRow {
  followers: number;
  pages: number;
  notificationItems: number;
  calls: number;
  capacityUnits: number;
  seconds: number;
  /** The costliest page: what one invocation does. */
  largestPage: { calls: number; capacityUnits: number; ms: number };
  /** Before: one PutItem per follower in one invocation (issue 9's measurement). */
  before: { calls: number; capacityUnits: number };
}

export interface NotificationScale {
  commenters: CommentersRow[];
  fanOut: FollowersRow;
}

const comment = (draftId: string, author: string, at: Date): Delivery => ({
  eventId: `bench-${draftId}-${author}`, key: '', followersOf: { kind: 'draft', id: draftId }, except: author,
  content: { event: 'CommentActivity', at: at.toISOString(), title: { fi: 'Puisto', sv: 'Park' }, draftId, commentId: newId() },
});

/** Puts `subs` as followers of the draft, 25 a call, retrying what DynamoDB leaves unprocessed. */
async function loadFollowers(draftId: string, subs: string[]): Promise<void> {
  const now = new Date();
  for (let i = 0; i < subs.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = subs.slice(i, i + 25)
      .map((sub) => ({ PutRequest: { Item: subscriptionItem({ kind: 'draft', id: draftId }, sub, 'following', 'explicit', now) } }));
    while (requests && requests.length > 0) {
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests as never } }));
      requests = out.UnprocessedItems?.[tableName()] as Record<string, unknown>[] | undefined;
    }
  }
}

/** Items of one type about one draft (a Scan: the bench may, requests never do). */
async function countItems(type: string, match: string, value: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({
      TableName: tableName(), Select: 'COUNT', ExclusiveStartKey: start,
      FilterExpression: `#type = :type AND contains(${match}, :value)`,
      ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':type': type, ':value': value },
    }));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Runs a delivery page by page, as the queue would; answers each page's cost. */
interface PageCost { calls: number; capacityUnits: number; ms: number; written: number }

async function deliverAll(first: Job): Promise<PageCost[]> {
  const pages: PageCost[] = [];
  for (let queue = [first]; queue.length > 0;) {
    const [job, ...rest] = queue;
    meter.take();
    const began = performance.now();
    const { next, written } = await runJob(job!);
    const used = meter.take();
    pages.push({ calls: used.calls, capacityUnits: round(used.capacityUnits, 1), ms: round(performance.now() - began, 1), written });
    queue = [...rest, ...next];
  }
  return pages;
}

async function commenters(c: number, followers: number): Promise<CommentersRow> {
  const draftId = newId();
  await loadFollowers(draftId, Array.from({ length: followers }, (_, i) => `bench-follower-${i}`));
  let calls = 0;
  let capacityUnits = 0;
  let feedWrites = 0;
  const began = performance.now();
  const start = Date.now() - c * 1000;
  for (let i = 0; i < c; i++) {
    const author = `bench-commenter-${draftId}-${i}`;
    await loadFollowers(draftId, [author]); // auto-follow, before the comment's delivery
    for (const page of await deliverAll({ kind: 'notify', delivery: comment(draftId, author, new Date(start + i * 1000)) })) {
      calls += page.calls;
      capacityUnits += page.capacityUnits;
      feedWrites += page.written;
    }
  }
  const seconds = round((performance.now() - began) / 1000, 1);
  const notificationItems = await countItems('notification', 'draftId', draftId);
  const deliveryMarks = await countItems('notificationDelivery', 'pk', draftId);
  return {
    commenters: c, followers, notificationItems, feedWrites, deliveryMarks, itemsPerCommenter: round(notificationItems / c, 2),
    calls, capacityUnits: round(capacityUnits, 1), seconds,
  };
}

async function fanOut(followers: number): Promise<FollowersRow> {
  const draftId = newId();
  await loadFollowers(draftId, Array.from({ length: followers }, (_, i) => `bench-audience-${String(i).padStart(5, '0')}`));
  const began = performance.now();
  const pages = await deliverAll({ kind: 'notify', delivery: comment(draftId, 'bench-author', new Date()) });
  const seconds = round((performance.now() - began) / 1000, 1);
  const { written: _written, ...largest } = pages.reduce((a, b) => (b.capacityUnits > a.capacityUnits ? b : a));
  return {
    followers, pages: pages.length,
    notificationItems: await countItems('notification', 'draftId', draftId),
    calls: pages.reduce((n, p) => n + p.calls, 0),
    capacityUnits: round(pages.reduce((n, p) => n + p.capacityUnits, 0), 1),
    seconds, largestPage: largest,
    before: { calls: 10_005, capacityUnits: 20_746 },
  };
}

export async function measureNotifications(
  options: { commenters: number[]; followers: number; baseFollowers: number },
  log: (message: string) => void,
): Promise<NotificationScale> {
  const rows: CommentersRow[] = [];
  for (const c of options.commenters) {
    log(`notifications: ${c} commenters`);
    rows.push(await commenters(c, options.baseFollowers));
  }
  log(`notifications: one comment to ${options.followers} followers`);
  return { commenters: rows, fanOut: await fanOut(options.followers) };
}

export function printNotificationScale(n: NotificationScale, print: (text: string) => void): void {
  print('\nNotification fan-out — C commenters on one followed draft, each following it (auto-follow)');
  print('(CU as DynamoDB Local reports them; it under-reports transactions: in AWS each feed write costs 2 WCU, plus its index moves)');
  print('| commenters | followers before | notification items | items / commenter | feed writes | delivery marks | calls | CU | s |');
  print('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of n.commenters) {
    print(`| ${r.commenters} | ${r.followers} | ${r.notificationItems} | ${r.itemsPerCommenter} | ${r.feedWrites} | ${r.deliveryMarks} | ${r.calls} | ${r.capacityUnits} | ${r.seconds} |`);
  }
  const f = n.fanOut;
  print(`\nOne comment to ${f.followers} followers: ${f.pages} pages, ${f.notificationItems} items, ${f.calls} calls, ${f.capacityUnits} CU in ${f.seconds} s; ` +
    `largest page (one invocation) ${f.largestPage.calls} calls, ${f.largestPage.capacityUnits} CU, ${f.largestPage.ms} ms ` +
    `(before: ${f.before.calls} calls, ${f.before.capacityUnits} CU in one invocation)`);
}
