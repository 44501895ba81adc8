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
  return res.body.items as { event: string; draftId?: string; commentId?: string; id: string }[];
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
});
