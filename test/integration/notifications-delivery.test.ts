/**
 * Notifications on DynamoDB Local. Comment activity is read from the draft's counts: C
 * commenters write O(C) items whatever the number of followers, each follower counts every
 * other comment since they began following or last read, and marking read closes an
 * activity so the next comment begins a new one. Deliveries of the other kinds page through
 * followers and survive failures and repeats without telling anyone twice.
 */
import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { newId } from '#shared/ids.ts';
import { postComment } from '#shared/comments/repository.ts';
import { createDraft, publishDraft } from '#shared/drafts/repository.ts';
import { CreateDraftBody } from '#shared/drafts/schema.ts';
import { deliverPage, type Delivery } from '#shared/notifications/delivery.ts';
import { runToEnd } from '#shared/notifications/jobs.ts';
import { feedKey, listNotifications, markRead } from '#shared/notifications/repository.ts';
import type { Notification } from '#shared/notifications/schema.ts';
import { follow, followUnlessDeclined, unfollow } from '#shared/subscriptions/repository.ts';
import { scanTable, useTable } from '../support/table.ts';
import { draftBody, inDays } from '../support/fixtures.ts';

useTable();

const small = { pageSize: 6, chunkSize: 3 };
/** Second `s` of a minute that begins after the test drafts open (and long before they close). */
const start = Math.ceil(Date.now() / 1000) * 1000 + 60_000;
const t = (s: number) => new Date(start + s * 1000).toISOString();

async function openDraft(): Promise<string> {
  const now = new Date();
  const draft = await createDraft(CreateDraftBody.parse(draftBody()), now);
  return (await publishDraft(draft.id, { opensAt: now.toISOString(), closesAt: inDays(7) }, now)).id;
}

/** `author` comments on the draft and, as auto-follow does, follows it. */
async function commentAs(draftId: string, author: string, at = new Date()) {
  const c = await postComment({ draftId, draftVersion: 1, body: `Kommentti ${author}`, author: { sub: author, name: author, kind: 'resident' } }, at);
  await followUnlessDeclined({ kind: 'draft', id: draftId }, author, 'comment', at);
  return c;
}

const activitiesOf = async (sub: string, draftId: string) =>
  (await listNotifications(sub, { limit: 100 })).items.filter((n) => n.event === 'CommentActivity' && n.draftId === draftId) as
    Extract<Notification, { event: 'CommentActivity' }>[];

const countOf = async (sub: string, draftId: string) => (await activitiesOf(sub, draftId))[0]?.count ?? 0;

async function followers(draftId: string, n: number, prefix = 'f'): Promise<string[]> {
  const subs = Array.from({ length: n }, (_, i) => `${prefix}-${draftId}-${String(i).padStart(3, '0')}`);
  await Promise.all(subs.map((s) => follow({ kind: 'draft', id: draftId }, s, new Date())));
  return subs;
}

describe('comment activity on a followed draft', () => {
  it('C commenters write O(C) items whatever the followers; each follower counts every other comment', async () => {
    // Prepare: F followers; each of C commenters follows on commenting
    const draftId = await openDraft();
    const F = 12;
    const C = 10;
    const subs = await followers(draftId, F);
    const before = (await scanTable()).length;
    // Act
    for (let c = 0; c < C; c++) await commentAs(draftId, `commenter-${c}`);
    // Assess: per commenter the comment, two markers (draft, section) and a subscription, and the draft's counter once; no feed item
    const written = (await scanTable()).length - before;
    expect(written).toBe(4 * C + 1);
    expect((await scanTable()).filter((i) => String(i.pk).startsWith('NOTIFICATIONS#'))).toEqual([]);
    for (const s of subs) expect(await countOf(s, draftId)).toBe(C);
    for (let c = 0; c < C; c++) expect(await countOf(`commenter-${c}`, draftId), `commenter-${c}`).toBe(C - 1 - c);
  });

  it('a commenter is not notified of their own comments, before or after others', async () => {
    const draftId = await openDraft();
    await follow({ kind: 'draft', id: draftId }, 'aino', new Date());
    await commentAs(draftId, 'aino');
    expect(await activitiesOf('aino', draftId)).toEqual([]);
    await commentAs(draftId, 'erik');
    await commentAs(draftId, 'aino');
    await commentAs(draftId, 'aino');
    expect(await countOf('aino', draftId)).toBe(1);
  });

  it('concurrent comments count exactly, and the activity names the latest', async () => {
    const draftId = await openDraft();
    const [reader] = await followers(draftId, 1, 'reader');
    const posted = await Promise.all(Array.from({ length: 12 }, (_, i) => commentAs(draftId, `author-${i % 4}`)));
    const [a] = await activitiesOf(reader!, draftId);
    expect(a).toMatchObject({ count: 12, unread: true });
    expect(a!.at).toBe(a!.latestAt);
    expect(posted.map((c) => c.id)).toContain(a!.commentId);
    expect(a!.latestAt).toBe(posted.find((c) => c.id === a!.commentId)!.createdAt);
  });

  it('following begins at the comments so far; unfollowing ends the activity; following again begins anew', async () => {
    const draftId = await openDraft();
    await commentAs(draftId, 'a');
    await commentAs(draftId, 'b');
    await follow({ kind: 'draft', id: draftId }, 'late', new Date());
    expect(await activitiesOf('late', draftId)).toEqual([]);
    await commentAs(draftId, 'c');
    expect(await countOf('late', draftId)).toBe(1);
    await unfollow({ kind: 'draft', id: draftId }, 'late', new Date());
    expect(await activitiesOf('late', draftId)).toEqual([]);
    await follow({ kind: 'draft', id: draftId }, 'late', new Date());
    await commentAs(draftId, 'd');
    expect(await countOf('late', draftId)).toBe(1);
  });
});

describe('reading the feed', () => {
  it('marking read up to a time clears unread up to it, and the next comment begins a new activity', async () => {
    // Prepare
    const draftId = await openDraft();
    const [reader] = await followers(draftId, 1, 'reader');
    await commentAs(draftId, 'a', new Date(Date.parse(t(1))));
    await commentAs(draftId, 'b', new Date(Date.parse(t(2))));
    const before = await listNotifications(reader!, { limit: 10 });
    expect(before.items).toEqual([expect.objectContaining({ event: 'CommentActivity', count: 2, latestAt: t(2), unread: true })]);
    // Act: read up to a time before the activity's latest comment: it stays open and unread
    await markRead(reader!, t(1));
    expect((await listNotifications(reader!, { limit: 10 })).items).toEqual([expect.objectContaining({ count: 2, unread: true, id: before.items[0]!.id })]);
    await markRead(reader!, t(2));
    const read = await listNotifications(reader!, { limit: 10 });
    expect(read.items).toEqual([expect.objectContaining({ count: 2, unread: false, id: before.items[0]!.id })]);
    // …and a mark never moves back; reading twice closes nothing twice
    await markRead(reader!, t(0));
    await markRead(reader!, t(2));
    await commentAs(draftId, 'c', new Date(Date.parse(t(3))));
    // Assess
    const after = await listNotifications(reader!, { limit: 10 });
    expect(after.items.map((n) => [n.event, (n as { count: number }).count, n.unread])).toEqual([['CommentActivity', 1, true], ['CommentActivity', 2, false]]);
    expect(after.items[0]!.id).not.toBe(before.items[0]!.id);
    expect((after.items[0] as { since: string }).since).toBe(t(2));
  });

  it('pages merge stored notifications and open activities newest first, each once', async () => {
    // Prepare: three drafts with activity between stored notifications
    const reader = 'pager';
    const drafts = [await openDraft(), await openDraft(), await openDraft()];
    for (const d of drafts) await follow({ kind: 'draft', id: d }, reader, new Date());
    const stored = (s: number) => db().send(new PutCommand({
      TableName: tableName(),
      Item: {
        pk: feedKey(reader), sk: `${t(s)}#n${s}`, type: 'notification', gsi3pk: `FEED#${reader}`, gsi3sk: `${t(s)}#n${s}`,
        id: `n${s}`, event: 'DraftClosed', at: t(s), title: null, draftId: drafts[0],
      },
    }));
    for (const s of [1, 3, 5, 7]) await stored(s);
    for (const [i, d] of drafts.entries()) await commentAs(d, 'someone', new Date(Date.parse(t(2 + 2 * i))));
    // Act: pages of 3
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listNotifications(reader, { limit: 3, cursor });
      seen.push(...page.items.map((n) => n.at));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // Assess
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map(t));
  });
});

describe('delivering an event to followers', () => {
  /** A draft closed, as the fan-out delivers it to the draft's followers. */
  const closed = (draftId: string): Delivery => ({
    eventId: `event-${draftId}`, key: '', followersOf: { kind: 'draft', id: draftId },
    content: { event: 'DraftClosed', at: t(1), title: { fi: 'Puisto' }, draftId },
  });
  const deliver = (d: Delivery, limits = small) => runToEnd({ kind: 'notify', delivery: d }, limits);
  const feedItems = async (draftId: string) => (await scanTable()).filter((i) => i.type === 'notification' && i.draftId === draftId);

  it('the same event delivered again, or twice at once, is told once', async () => {
    const draftId = newId();
    const subs = await followers(draftId, 8);
    const event = closed(draftId);
    await deliver(event);
    await deliver(event);
    await Promise.all([deliver(event), deliver(event), deliverPage(event, undefined, small)]);
    expect((await feedItems(draftId)).map((i) => i.pk).sort()).toEqual(subs.map(feedKey).sort());
    const marks = (await scanTable()).filter((i) => i.type === 'notificationDelivery' && i.pk === `DELIVERY#event-${draftId}`);
    expect(marks).toEqual([expect.objectContaining({ done: true })]);
    expect(marks[0]!.userPk).toBeUndefined();
  });

  it('a page that fails midway is finished by its retry: nobody is lost, nobody told twice', async () => {
    // Prepare: the 5th follower's subscription names a person whose feed key is too long, so the second chunk cannot be written
    const draftId = newId();
    const subs = await followers(draftId, 6);
    const event = closed(draftId);
    const fifth = { pk: `FOLLOWERS#draft#${draftId}`, sk: `USER#${subs[4]}`, type: 'subscription', state: 'following' };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...fifth, sub: 'x'.repeat(2100) } }));
    // Act: the page fails after its first chunk; then the subscription is repaired and the page retried
    await expect(deliverPage(event, undefined, small)).rejects.toThrow();
    expect(await feedItems(draftId)).toHaveLength(3);
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...fifth, sub: subs[4] } }));
    await deliver(event);
    // Assess
    expect((await feedItems(draftId)).map((i) => String(i.pk)).sort()).toEqual(subs.map(feedKey).sort());
  });

  it('a delivery to many followers runs in bounded pages', async () => {
    const draftId = newId();
    const subs = await followers(draftId, 40);
    const pages = await deliver(closed(draftId), { pageSize: 9, chunkSize: 4 });
    expect(pages).toBe(5);
    expect(await feedItems(draftId)).toHaveLength(subs.length);
  });
});
