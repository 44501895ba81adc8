import { describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi, type User } from '../support/local.ts';
import { draftBody, openDraft } from '../support/fixtures.ts';

const api = useLocalApi();
const follower: User = { sub: 'follower-1', name: 'Fiona Follower' };
const commenter: User = { sub: 'commenter-1', name: 'Kalle Kommentoija' };

const settled = () => api.runtime.events!.idle();
const feed = async (as: User) => {
  await settled();
  const res = await api.request('GET', '/v1/me/notifications?limit=100', { as });
  expect(res.status).toBe(200);
  return res.body.items as { event: string; draftId?: string; commentId?: string; id: string; at: string }[];
};

describe('following drafts over HTTP', () => {
  it('a resident follows a published draft and hears when it closes', async () => {
    // Prepare
    const draft = await openDraft(api);
    const followed = await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: follower });
    expect(followed.status).toBe(200);
    expect(followed.body).toMatchObject({ subject: { kind: 'draft', id: draft.id }, following: true, origin: 'explicit' });
    // Act
    expect((await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff })).status).toBe(200);
    // Assess
    const closed = (await feed(follower)).filter((n) => n.draftId === draft.id);
    expect(closed).toEqual([expect.objectContaining({ event: 'DraftClosed', draftId: draft.id, title: draftBody().title })]);
  });

  it('commenting follows the draft, and the author is not told of their own comment', async () => {
    const draft = await openDraft(api);
    await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: follower });
    const comment = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: commenter, body: { body: 'Hyvä suunnitelma' } });
    expect(comment.status).toBe(201);
    await settled();
    const mine = await api.request('GET', `/v1/drafts/${draft.id}/subscription`, { as: commenter });
    expect(mine.body).toMatchObject({ following: true, origin: 'comment' });
    expect((await feed(follower)).filter((n) => n.draftId === draft.id))
      .toEqual([expect.objectContaining({ event: 'CommentActivity', count: 1, commentId: comment.body.id, unread: true })]);
    expect((await feed(commenter)).filter((n) => n.draftId === draft.id)).toEqual([]);
  });

  it('an explicit unfollow stands when the resident comments again', async () => {
    const draft = await openDraft(api);
    const who: User = { sub: 'unfollower-1', name: 'Ulla' };
    await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: who, body: { body: 'Ensimmäinen' } });
    await settled();
    expect((await api.request('DELETE', `/v1/drafts/${draft.id}/subscription`, { as: who })).status).toBe(204);
    await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: who, body: { body: 'Toinen' } });
    await settled();
    const mine = await api.request('GET', `/v1/drafts/${draft.id}/subscription`, { as: who });
    expect(mine.body).toMatchObject({ following: false });
    await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff });
    expect((await feed(who)).filter((n) => n.draftId === draft.id)).toEqual([]);
  });

  it('following again after unfollowing works, and repeating either changes nothing', async () => {
    const draft = await openDraft(api);
    const path = `/v1/drafts/${draft.id}/subscription`;
    const first = await api.request('PUT', path, { as: resident });
    expect(first.status).toBe(200);
    await new Promise((r) => setTimeout(r, 5));
    const again = await api.request('PUT', path, { as: resident });
    expect(again.body).toEqual(first.body);
    expect((await api.request('DELETE', path, { as: resident })).status).toBe(204);
    expect((await api.request('DELETE', path, { as: resident })).status).toBe(204);
    expect((await api.request('GET', path, { as: resident })).body.following).toBe(false);
    expect((await api.request('PUT', path, { as: resident })).body).toMatchObject({ following: true, origin: 'explicit' });
  });

  it('a draft nobody may see cannot be followed: unknown or unpublished is 404', async () => {
    const unpublished = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
    expect((await api.request('PUT', `/v1/drafts/${unpublished.body.id}/subscription`, { as: resident })).status).toBe(404);
    expect((await api.request('PUT', '/v1/drafts/01KAP3Z6X5N7V2J8Q4R9T0W1YB/subscription', { as: resident })).status).toBe(404);
    expect((await api.request('DELETE', '/v1/drafts/not-an-id/subscription', { as: resident })).status).toBe(404);
    expect((await api.request('PUT', '/v1/decisions/01KAP3Z6X5N7V2J8Q4R9T0W1YB/subscription', { as: resident })).status).toBe(404);
  });

  it('following and the feed need a token', async () => {
    const draft = await openDraft(api);
    expect((await api.request('PUT', `/v1/drafts/${draft.id}/subscription`)).status).toBe(401);
    expect((await api.request('GET', '/v1/me/notifications')).status).toBe(401);
  });

  it('a redelivered stream record notifies nobody twice', async () => {
    // Prepare
    const draft = await openDraft(api);
    const who: User = { sub: 'redelivery-1', name: 'Reija' };
    await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: who });
    await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: commenter, body: { body: 'Kommentti' } });
    await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff });
    const before = await feed(who);
    expect(before.map((n) => n.event)).toEqual(['DraftClosed', 'CommentActivity']);
    // Act
    await api.runtime.events!.redeliver();
    // Assess
    expect(await feed(who)).toEqual(before);
  });

  it('a draft closes at its deadline, and its followers hear of it then', async () => {
    const created = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
    const closesAt = new Date(Date.now() + 1500).toISOString();
    expect((await api.request('POST', `/v1/drafts/${created.body.id}/publish`, { as: staff, body: { closesAt } })).status).toBe(200);
    await api.request('PUT', `/v1/drafts/${created.body.id}/subscription`, { as: follower });
    await settled();
    expect((await feed(follower)).filter((n) => n.draftId === created.body.id)).toEqual([]);
    await new Promise((r) => setTimeout(r, Date.parse(closesAt) - Date.now() + 1200));
    expect((await feed(follower)).filter((n) => n.draftId === created.body.id))
      .toEqual([expect.objectContaining({ event: 'DraftClosed', at: closesAt })]);
  });

  it('the feed is newest first and pages with a sealed cursor', async () => {
    const who: User = { sub: 'pager-1', name: 'Paula' };
    const drafts = [await openDraft(api), await openDraft(api), await openDraft(api)];
    for (const d of drafts) await api.request('PUT', `/v1/drafts/${d.id}/subscription`, { as: who });
    for (const d of drafts) await api.request('POST', `/v1/drafts/${d.id}/close`, { as: staff });
    await settled();
    const first = await api.request('GET', '/v1/me/notifications?limit=2', { as: who });
    expect(first.body.items.map((n: { draftId: string }) => n.draftId)).toEqual([drafts[2]!.id, drafts[1]!.id]);
    const second = await api.request('GET', `/v1/me/notifications?limit=2&cursor=${first.body.nextCursor}`, { as: who });
    expect(second.body.items.map((n: { draftId: string }) => n.draftId)).toEqual([drafts[0]!.id]);
    expect(second.body.nextCursor).toBeNull();
    const foreign = await api.request('GET', `/v1/me/notifications?limit=2&cursor=${first.body.nextCursor}`, { as: follower });
    expect(foreign.status).toBe(400);
  });

  it("many commenters make one notification per follower that counts them, newest first, and no one hears of their own comment", async () => {
    // Prepare
    const draft = await openDraft(api);
    const other = await openDraft(api);
    const who: User = { sub: 'coalesced-1', name: 'Olli' };
    await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: who });
    await api.request('PUT', `/v1/drafts/${other.id}/subscription`, { as: who });
    const commenters: User[] = [1, 2, 3, 4].map((i) => ({ sub: `coalescing-commenter-${i}`, name: `K${i}` }));
    // Act: four people comment on the draft (and so follow it), then one on the other draft, then one more here
    for (const c of commenters) {
      await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: c, body: { body: `Kommentti ${c.sub}` } });
      await settled(); // each follows on commenting before the next one comments
    }
    await api.request('POST', `/v1/drafts/${other.id}/comments`, { as: commenter, body: { body: 'Toisaalla' } });
    await settled();
    const last = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: commenters[0]!, body: { body: 'Vielä yksi' } });
    // Assess
    const items = (await feed(who)).filter((n) => n.draftId === draft.id || n.draftId === other.id);
    expect(items).toEqual([
      expect.objectContaining({ event: 'CommentActivity', draftId: draft.id, count: 5, commentId: last.body.id, unread: true }),
      expect.objectContaining({ event: 'CommentActivity', draftId: other.id, count: 1 }),
    ]);
    const first = (await feed(commenters[0]!)).filter((n) => n.draftId === draft.id);
    expect(first).toEqual([expect.objectContaining({ count: 3 })]);
  });

  it('marking read up to a time: read up to it, unread after it, and the next comment begins a new notification', async () => {
    // Prepare
    const draft = await openDraft(api);
    const who: User = { sub: 'reader-1', name: 'Lauri' };
    await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: who });
    await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: commenter, body: { body: 'Eka' } });
    const [activity] = (await feed(who)).filter((n) => n.draftId === draft.id);
    // Act
    const before = await api.request('POST', '/v1/me/notifications/read', { as: who, body: { upTo: new Date(Date.parse(activity!.at) - 1).toISOString() } });
    expect(before.status).toBe(204);
    expect((await feed(who)).find((n) => n.id === activity!.id)).toMatchObject({ unread: true });
    expect((await api.request('POST', '/v1/me/notifications/read', { as: who, body: { upTo: activity!.at } })).status).toBe(204);
    await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: commenter, body: { body: 'Toka' } });
    // Assess
    const after = (await feed(who)).filter((n) => n.draftId === draft.id);
    expect(after).toEqual([
      expect.objectContaining({ event: 'CommentActivity', count: 1, unread: true }),
      expect.objectContaining({ event: 'CommentActivity', count: 1, unread: false, id: activity!.id }),
    ]);
  });

  it('a read mark in the future stops at now, so what happens later is unread', async () => {
    const draft = await openDraft(api);
    const who: User = { sub: 'reader-2', name: 'Leena' };
    await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: who });
    const far = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
    expect((await api.request('POST', '/v1/me/notifications/read', { as: who, body: { upTo: far } })).status).toBe(204);
    await new Promise((r) => setTimeout(r, 5));
    await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff });
    expect((await feed(who)).filter((n) => n.draftId === draft.id)).toEqual([expect.objectContaining({ event: 'DraftClosed', unread: true })]);
  });

  it('marking read needs a token and a time', async () => {
    expect((await api.request('POST', '/v1/me/notifications/read', { body: { upTo: new Date().toISOString() } })).status).toBe(401);
    expect((await api.request('POST', '/v1/me/notifications/read', { as: resident, body: { upTo: 'yesterday' } })).status).toBe(400);
    expect((await api.request('POST', '/v1/me/notifications/read', { as: resident, body: {} })).status).toBe(400);
  });
});
