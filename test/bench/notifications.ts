/**
 * Notifications at scale, run in-process against the bench's DynamoDB Local:
 *   C commenters on one followed draft, each following it as auto-follow makes them: what
 *   the comments write (comment activity is read from the draft's counts, so no feed write at
 *   all), calls and CU of posting and following, and what a follower's feed read costs then;
 *   one event to 10,000 followers (loaded with the subscription repository's item builder
 *   by BatchWrite), page by page as the delivery queue runs it: the largest page's calls, CU
 *   and time, which bound one invocation whatever the audience.
 */
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { meter } from '#shared/data/meter.ts';
import { tableName } from '#shared/data/table.ts';
import { newId } from '#shared/ids.ts';
import { postComment } from '#shared/comments/repository.ts';
import { createDraft, publishDraft } from '#shared/drafts/repository.ts';
import { CreateDraftBody } from '#shared/drafts/schema.ts';
import type { Delivery } from '#shared/notifications/delivery.ts';
import { runJob, type Job } from '#shared/notifications/jobs.ts';
import { listNotifications } from '#shared/notifications/repository.ts';
import { followUnlessDeclined, subscriptionItem } from '#shared/subscriptions/repository.ts';
const round = (n: number, digits: number) => Number(n.toFixed(digits));

export interface CommentersRow {
  commenters: number;
  /** Followers before anyone commented. */
  followers: number;
  /** Items the comments and their follows added to the table, of them feed items (none). */
  itemsWritten: number;
  feedItems: number;
  itemsPerCommenter: number;
  /** Calls and CU of posting every comment and following on it. */
  calls: number;
  capacityUnits: number;
  /** One follower's feed read afterwards (its comment activity on the draft counts every comment). */
  feedRead: { calls: number; capacityUnits: number; count: number };
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

const closed = (draftId: string, at: Date): Delivery => ({
  eventId: `bench-${draftId}`, key: '', followersOf: { kind: 'draft', id: draftId },
  content: { event: 'DraftClosed', at: at.toISOString(), title: { fi: 'Puisto', sv: 'Park' }, draftId },
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

/** Items of one type about one draft, or all items (a Scan: the bench may, requests never do). */
async function countItems(type?: string, match?: string, value?: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({
      TableName: tableName(), Select: 'COUNT', ExclusiveStartKey: start,
      ...(type ? {
        FilterExpression: `#type = :type AND contains(${match}, :value)`,
        ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':type': type, ':value': value },
      } : {}),
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
  const now = new Date();
  const created = await createDraft(CreateDraftBody.parse({ title: { fi: 'Puisto' }, sections: [{ title: { fi: 'Osa' }, body: { fi: 'Teksti' } }] }), now);
  const draftId = (await publishDraft(created.id, { opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 7 * 86_400_000).toISOString() }, now)).id;
  const audience = Array.from({ length: followers }, (_, i) => `bench-follower-${draftId}-${i}`);
  await loadFollowers(draftId, audience);
  const before = await countItems();
  const feedBefore = await countItems('notification', 'pk', 'NOTIFICATIONS#');
  meter.take();
  const began = performance.now();
  for (let i = 0; i < c; i++) {
    const author = { sub: `bench-commenter-${draftId}-${i}`, name: `K${i}`, kind: 'resident' as const };
    const at = new Date();
    await postComment({ draftId, draftVersion: 1, body: `Kommentti ${i}`, author }, at);
    await followUnlessDeclined({ kind: 'draft', id: draftId }, author.sub, 'comment', at); // auto-follow
  }
  const seconds = round((performance.now() - began) / 1000, 1);
  const used = meter.take();
  const itemsWritten = (await countItems()) - before;
  meter.take();
  const feed = await listNotifications(audience[0] ?? `bench-commenter-${draftId}-0`, { limit: 20 });
  const read = meter.take();
  const activity = feed.items.find((n) => n.event === 'CommentActivity' && n.draftId === draftId) as { count?: number } | undefined;
  return {
    commenters: c, followers, itemsWritten, feedItems: (await countItems('notification', 'pk', 'NOTIFICATIONS#')) - feedBefore,
    itemsPerCommenter: round(itemsWritten / c, 2), calls: used.calls, capacityUnits: round(used.capacityUnits, 1),
    feedRead: { calls: read.calls, capacityUnits: round(read.capacityUnits, 1), count: activity?.count ?? 0 }, seconds,
  };
}

async function fanOut(followers: number): Promise<FollowersRow> {
  const draftId = newId();
  await loadFollowers(draftId, Array.from({ length: followers }, (_, i) => `bench-audience-${String(i).padStart(5, '0')}`));
  const began = performance.now();
  const pages = await deliverAll({ kind: 'notify', delivery: closed(draftId, new Date()) });
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
  print('\nComment activity — C commenters on one followed draft, each following it (auto-follow); activity is read, not delivered');
  print('| commenters | followers before | items written | of them feed items | items / commenter | calls | CU | a follower\'s feed read: calls, CU, count | s |');
  print('|---:|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const r of n.commenters) {
    print(`| ${r.commenters} | ${r.followers} | ${r.itemsWritten} | ${r.feedItems} | ${r.itemsPerCommenter} | ${r.calls} | ${r.capacityUnits} | ${r.feedRead.calls}, ${r.feedRead.capacityUnits}, ${r.feedRead.count} | ${r.seconds} |`);
  }
  const f = n.fanOut;
  print(`\nOne event (a draft closed) to ${f.followers} followers: ${f.pages} pages, ${f.notificationItems} items, ${f.calls} calls, ${f.capacityUnits} CU in ${f.seconds} s; ` +
    `largest page (one invocation) ${f.largestPage.calls} calls, ${f.largestPage.capacityUnits} CU, ${f.largestPage.ms} ms ` +
    `(before: ${f.before.calls} calls, ${f.before.capacityUnits} CU in one invocation)`);
}
