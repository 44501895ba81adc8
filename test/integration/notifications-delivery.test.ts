/**
 * The notification fan-out on DynamoDB Local: comment activity coalesces into one item per
 * follower and draft, deliveries page through followers and survive failures and repeats
 * without counting anyone twice, and read marks finish an activity so the next one begins.
 */
import { describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { newId } from '#shared/ids.ts';
import { deliverPage, type Delivery } from '#shared/notifications/delivery.ts';
import { runToEnd } from '#shared/notifications/jobs.ts';
import { feedKey, listNotifications, markRead } from '#shared/notifications/repository.ts';
import { follow } from '#shared/subscriptions/repository.ts';
import { scanTable } from '../support/table.ts';
import { useTable } from '../support/table.ts';

useTable();

const small = { pageSize: 6, chunkSize: 3 };
const t = (s: number) => new Date(Date.UTC(2026, 10, 23, 8, 0, s)).toISOString();

/** A comment on `draftId` by `author` at second `s`, as the fan-out delivers it to the draft's followers. */
const comment = (draftId: string, author: string, s: number): Delivery => ({
  eventId: `event-${draftId}-${author}-${s}`, key: '', followersOf: { kind: 'draft', id: draftId }, except: author,
  content: { event: 'CommentActivity', at: t(s), title: { fi: 'Puisto' }, draftId, commentId: newId() },
});

const deliver = (d: Delivery, limits = small) => runToEnd({ kind: 'notify', delivery: d }, limits);

const activity = async (sub: string, draftId: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: { pk: feedKey(sub), sk: `ACTIVITY#${draftId}` }, ConsistentRead: true }))).Item;

async function followers(draftId: string, n: number, prefix = 'f'): Promise<string[]> {
  const subs = Array.from({ length: n }, (_, i) => `${prefix}-${draftId}-${String(i).padStart(3, '0')}`);
  await Promise.all(subs.map((s) => follow({ kind: 'draft', id: draftId }, s, new Date())));
  return subs;
}

const feedItems = async (draftId: string) => (await scanTable()).filter((i) => i.type === 'notification' && i.draftId === draftId);

describe('comment activity on a followed draft', () => {
  it('C commenters on a draft with F followers write O(C + F) notification items, each follower counting every other comment', async () => {
    // Prepare: F followers; each of C commenters follows on commenting, as auto-follow does
    const draftId = newId();
    const F = 6;
    const C = 10;
    const subs = await followers(draftId, F);
    // Act
    for (let c = 0; c < C; c++) {
      const author = `commenter-${c}`;
      await follow({ kind: 'draft', id: draftId }, author, new Date());
      await deliver(comment(draftId, author, c));
    }
    // Assess: one open activity per follower, never more; markers one per comment
    const items = await feedItems(draftId);
    expect(items.length).toBeLessThanOrEqual(F + C);
    expect(items.every((i) => String(i.sk) === `ACTIVITY#${draftId}`)).toBe(true);
    for (const s of subs) expect((await activity(s, draftId))?.count).toBe(C);
    for (let c = 0; c < C; c++) expect((await activity(`commenter-${c}`, draftId))?.count ?? 0).toBe(C - 1 - c);
    const marks = (await scanTable()).filter((i) => i.type === 'notificationDelivery' && String(i.pk).startsWith(`DELIVERY#event-${draftId}`));
    expect(marks).toHaveLength(C);
    expect(marks.every((m) => m.done === true && m.userPk === undefined)).toBe(true);
  });

  it('a commenter is not notified of their own comment', async () => {
    const draftId = newId();
    await follow({ kind: 'draft', id: draftId }, 'aino', new Date());
    await deliver(comment(draftId, 'aino', 1));
    expect(await activity('aino', draftId)).toBeUndefined();
    expect(await feedItems(draftId)).toEqual([]);
  });

  it('the same event delivered again, or twice at once, counts once', async () => {
    const draftId = newId();
    const subs = await followers(draftId, 8);
    const event = comment(draftId, 'author', 1);
    await deliver(event);
    await deliver(event);
    await Promise.all([deliver(event), deliver(event), deliverPage(event, undefined, small)]);
    for (const s of subs) expect((await activity(s, draftId))?.count).toBe(1);
  });

  it('concurrent comments count exactly, and the activity keeps the latest time however they arrive', async () => {
    const draftId = newId();
    const subs = await followers(draftId, 7);
    const events = Array.from({ length: 10 }, (_, i) => comment(draftId, `author-${i}`, i));
    await Promise.all([...events].reverse().map((e) => deliver(e)));
    for (const s of subs) {
      const a = await activity(s, draftId);
      expect(a).toMatchObject({ count: 10, latestAt: t(9), at: t(9), commentId: (events[9]!.content as { commentId: string }).commentId });
      expect(String(a?.since) <= t(9)).toBe(true);
    }
  });

  it('a page that fails midway is finished by its retry: nobody is lost, nobody counted twice', async () => {
    // Prepare: the 5th follower's activity is broken, so the second chunk's transaction fails
    const draftId = newId();
    const subs = await followers(draftId, 6);
    const broken = { pk: feedKey(subs[4]!), sk: `ACTIVITY#${draftId}` };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...broken, count: 'not a number' } }));
    const event = comment(draftId, 'author', 1);
    // Act: the page fails after its first chunk; then the item is repaired and the page retried
    await expect(deliverPage(event, undefined, small)).rejects.toThrow();
    expect(await activity(subs[0]!, draftId)).toMatchObject({ count: 1 });
    expect(await activity(subs[3]!, draftId)).toBeUndefined();
    await db().send(new DeleteCommand({ TableName: tableName(), Key: broken }));
    await deliver(event);
    // Assess
    for (const s of subs) expect((await activity(s, draftId))?.count, s).toBe(1);
  });

  it('a delivery to many followers runs in bounded pages', async () => {
    const draftId = newId();
    const subs = await followers(draftId, 40);
    const pages = await deliver(comment(draftId, 'author', 1), { pageSize: 9, chunkSize: 4 });
    expect(pages).toBe(5);
    for (const s of subs) expect((await activity(s, draftId))?.count).toBe(1);
  });
});

describe('reading the feed', () => {
  it('marking read up to a time clears unread up to it, and the next comment begins a new activity', async () => {
    // Prepare
    const draftId = newId();
    const [reader] = await followers(draftId, 1, 'reader');
    await deliver(comment(draftId, 'a', 1));
    await deliver(comment(draftId, 'b', 2));
    const before = await listNotifications(reader!, { limit: 10 });
    expect(before.items).toEqual([expect.objectContaining({ event: 'CommentActivity', count: 2, since: t(1), latestAt: t(2), unread: true })]);
    // Act: read up to a time before the activity's latest comment: it stays open and unread
    await markRead(reader!, t(1));
    expect((await listNotifications(reader!, { limit: 10 })).items).toEqual([expect.objectContaining({ count: 2, unread: true })]);
    await markRead(reader!, t(2));
    const read = await listNotifications(reader!, { limit: 10 });
    expect(read.items).toEqual([expect.objectContaining({ count: 2, unread: false, id: before.items[0]!.id })]);
    expect(await activity(reader!, draftId)).toBeUndefined();
    // …and a mark never moves back
    await markRead(reader!, t(0));
    await deliver(comment(draftId, 'c', 3));
    // Assess
    const after = await listNotifications(reader!, { limit: 10 });
    expect(after.items.map((n) => [n.event, (n as { count: number }).count, n.unread])).toEqual([['CommentActivity', 1, true], ['CommentActivity', 2, false]]);
    expect(after.items[0]!.id).not.toBe(before.items[0]!.id);
  });
});
