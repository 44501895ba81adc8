import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bus, useBus, type BusEntry } from '#shared/events/bus.ts';
import { moderator, resident, staff, useLocalApi } from '../support/local.ts';
import { openDraft, postComment, residentNo, walk } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

const published: BusEntry[] = [];
beforeAll(() => {
  const local = bus();
  useBus({ put: async (entries) => (published.push(...entries), local.put(entries)) });
});
afterEach(() => {
  delete process.env.AUTO_HIDE_FLAGS;
  delete process.env.ANON_COMMENT_LIMIT;
});

const flag = (draftId: string, commentId: string, as = resident, reason = 'spam') =>
  api.request('POST', `/v1/drafts/${draftId}/comments/${commentId}/flags`, { as, body: { reason } });
const act = (draftId: string, commentId: string, action: 'hide' | 'restore', reason = 'Asiaton') =>
  api.request('POST', `/v1/drafts/${draftId}/comments/${commentId}/${action}`, { as: moderator, body: { reason } });
const commentCount = async (draftId: string) => (await api.request('GET', `/v1/drafts/${draftId}`)).body.commentCount as number;

async function draftWithComment() {
  const draft = await openDraft(api);
  const comment = await postComment(api, draft.id, residentNo(500), { body: 'Osta halpoja kelloja!' });
  return { draftId: draft.id, commentId: comment.id };
}

describe('flags', () => {
  it('a resident flags a comment once; a second flag by the same person is 409', async () => {
    const { draftId, commentId } = await draftWithComment();
    const first = await flag(draftId, commentId);
    expect(first.status, first.text).toBe(202);
    const again = await flag(draftId, commentId, resident, 'offensive');
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/\/already-flagged$/);
    expect((await api.request('GET', '/v1/moderation/queue', { as: resident })).status).toBe(403);
    const entry = (await api.request('GET', '/v1/moderation/queue?limit=100', { as: moderator })).body.items.find((e: { commentId: string }) => e.commentId === commentId);
    expect(entry).toMatchObject({ draftId, flagCount: 1, reasons: { spam: 1, offensive: 0, 'off-topic': 0, other: 0 }, status: 'visible', body: 'Osta halpoja kelloja!' });
  });

  it('an unknown reason is 400, an unknown comment 404', async () => {
    const { draftId, commentId } = await draftWithComment();
    expect((await flag(draftId, commentId, resident, 'boring')).status).toBe(400);
    expect((await flag(draftId, '01KAP3Z6X5N7V2J8Q4R9T0W1YB')).status).toBe(404);
  });

  it('the queue lists the most flagged first', async () => {
    // Prepare: comments with 3, 1 and 2 flags from distinct residents
    const draft = await openDraft(api);
    const ids: string[] = [];
    for (const n of [3, 1, 2]) {
      const c = await postComment(api, draft.id, resident, { body: `Kommentti ${n}` });
      for (let i = 0; i < n; i++) expect((await flag(draft.id, c.id, residentNo(600 + i))).status).toBe(202);
      ids.push(c.id);
    }
    // Act
    const queue = (await api.request('GET', '/v1/moderation/queue?limit=100', { as: moderator })).body.items as { commentId: string; flagCount: number }[];
    // Assess
    const counts = queue.map((e) => e.flagCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(queue.filter((e) => ids.includes(e.commentId)).map((e) => e.commentId)).toEqual([ids[0], ids[2], ids[1]]);
  });

  it('flags on a hidden comment are 409', async () => {
    const { draftId, commentId } = await draftWithComment();
    await act(draftId, commentId, 'hide');
    const res = await flag(draftId, commentId);
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/comment-not-visible$/);
  });
});

describe('hiding and restoring', () => {
  it('a hidden comment stays as a tombstone with the public reason, and stops counting', async () => {
    // Prepare
    const { draftId, commentId } = await draftWithComment();
    await flag(draftId, commentId);
    expect(await commentCount(draftId)).toBe(1);
    // Act
    const hidden = await act(draftId, commentId, 'hide', 'Mainos');
    // Assess
    expect(hidden.status, hidden.text).toBe(200);
    expect(hidden.body).toMatchObject({ id: commentId, status: 'hidden', body: null, author: null, moderation: { reason: 'Mainos' } });
    expect(hidden.body.moderation.at).toMatch(/Z$/);
    const listed = (await api.request('GET', `/v1/drafts/${draftId}/comments`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: commentId, status: 'hidden', body: null })]);
    expect(await commentCount(draftId)).toBe(0);
    const queue = (await api.request('GET', '/v1/moderation/queue?limit=100', { as: moderator })).body.items;
    expect(queue.map((e: { commentId: string }) => e.commentId)).not.toContain(commentId);
  });

  it('restoring brings the comment and its count back; both appear in the public log without the moderator', async () => {
    const { draftId, commentId } = await draftWithComment();
    await act(draftId, commentId, 'hide', 'Loukkaava');
    const restored = await act(draftId, commentId, 'restore', 'Tarkistettu uudelleen');
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ status: 'visible', body: 'Osta halpoja kelloja!', moderation: null });
    expect(await commentCount(draftId)).toBe(1);
    const log = await api.request('GET', `/v1/drafts/${draftId}/moderation-log`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([['hidden', 'Loukkaava'], ['restored', 'Tarkistettu uudelleen']]);
    expect(log.body.items[0]).toMatchObject({ commentId, automatic: false, at: expect.stringMatching(/Z$/) });
    expect(log.text).not.toContain(moderator.sub);
    expect(log.text).not.toContain(moderator.name!);
    expect(JSON.stringify(await scanTable())).not.toContain(moderator.sub);
  });

  it('hiding twice, restoring a visible comment, or acting on a deleted one is 409', async () => {
    const { draftId, commentId } = await draftWithComment();
    expect((await act(draftId, commentId, 'restore')).body.type).toMatch(/\/comment-not-hidden$/);
    await act(draftId, commentId, 'hide');
    const twice = await act(draftId, commentId, 'hide');
    expect(twice.status).toBe(409);
    expect(twice.body.type).toMatch(/\/comment-not-visible$/);
    const own = await postComment(api, draftId, resident);
    await api.request('DELETE', `/v1/drafts/${draftId}/comments/${own.id}`, { as: resident });
    expect((await act(draftId, own.id, 'hide')).status).toBe(409);
    expect((await act(draftId, own.id, 'restore')).status).toBe(409);
  });

  it('hiding and restoring at the same time keeps commentCount exact', async () => {
    const draft = await openDraft(api);
    const comments = await Promise.all(Array.from({ length: 12 }, (_, i) => postComment(api, draft.id, residentNo(700 + i))));
    await Promise.all(comments.map((c) => act(draft.id, c.id, 'hide')));
    await Promise.all([
      ...comments.slice(0, 6).map((c) => act(draft.id, c.id, 'restore')),
      ...comments.slice(0, 6).map((c) => act(draft.id, c.id, 'restore')),
      ...comments.slice(6).map((c) => act(draft.id, c.id, 'hide')),
    ]);
    const visible = (await walk(api, `/v1/drafts/${draft.id}/comments`, 100)).filter((c) => c.status === 'visible');
    expect(visible).toHaveLength(6);
    expect(await commentCount(draft.id)).toBe(6);
  });

  it('a moderator may dismiss the flags of a comment that is fine: it leaves the queue, stays visible', async () => {
    const { draftId, commentId } = await draftWithComment();
    await flag(draftId, commentId);
    const res = await api.request('POST', `/v1/drafts/${draftId}/comments/${commentId}/flags/dismiss`, { as: moderator, body: { reason: 'Asiallinen' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('visible');
    const queue = (await api.request('GET', '/v1/moderation/queue?limit=100', { as: moderator })).body.items;
    expect(queue.map((e: { commentId: string }) => e.commentId)).not.toContain(commentId);
    const again = await api.request('POST', `/v1/drafts/${draftId}/comments/${commentId}/flags/dismiss`, { as: moderator, body: { reason: 'x' } });
    expect(again.body.type).toMatch(/\/nothing-to-review$/);
  });

  it("a flagged comment its author removed can be taken off the queue", async () => {
    const draft = await openDraft(api);
    const own = await postComment(api, draft.id, resident, { body: 'Kadun kommentti' });
    await flag(draft.id, own.id, residentNo(501));
    await api.request('DELETE', `/v1/drafts/${draft.id}/comments/${own.id}`, { as: resident });
    const res = await api.request('POST', `/v1/drafts/${draft.id}/comments/${own.id}/flags/dismiss`, { as: moderator, body: { reason: 'Poistettu' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('deleted');
    const queue = (await api.request('GET', '/v1/moderation/queue?limit=100', { as: moderator })).body.items;
    expect(queue.map((e: { commentId: string }) => e.commentId)).not.toContain(own.id);
  });

  it('CommentHidden is published with the reason, and no moderator or author', async () => {
    const { draftId, commentId } = await draftWithComment();
    await act(draftId, commentId, 'hide', 'Kiellettyä mainontaa');
    await api.runtime.events!.idle();
    const event = published.find((e) => e.detailType === 'CommentHidden' && (e.detail as { commentId: string }).commentId === commentId);
    expect(event?.detail).toMatchObject({ draftId, commentId, reason: 'Kiellettyä mainontaa' });
    expect(JSON.stringify(event)).not.toMatch(new RegExp(`${moderator.sub}|${residentNo(500).sub}`));
  });
});

describe('automatic hiding after K flags (deployment setting)', () => {
  it('the K-th flag from distinct people hides the comment pending review; a moderator decides', async () => {
    process.env.AUTO_HIDE_FLAGS = '3';
    const { draftId, commentId } = await draftWithComment();
    await Promise.all([1, 2].map((i) => flag(draftId, commentId, residentNo(800 + i))));
    expect(await commentCount(draftId)).toBe(1);
    // Act: the third
    expect((await flag(draftId, commentId, residentNo(803))).status).toBe(202);
    // Assess
    const listed = (await api.request('GET', `/v1/drafts/${draftId}/comments`)).body.items[0];
    expect(listed).toMatchObject({ status: 'hidden', body: null });
    expect(await commentCount(draftId)).toBe(0);
    const entry = (await api.request('GET', '/v1/moderation/queue?limit=100', { as: moderator })).body.items.find((e: { commentId: string }) => e.commentId === commentId);
    expect(entry).toMatchObject({ status: 'hidden', flagCount: 3, body: 'Osta halpoja kelloja!' });
    const log = (await api.request('GET', `/v1/drafts/${draftId}/moderation-log`)).body.items;
    expect(log).toEqual([expect.objectContaining({ action: 'hidden', automatic: true })]);
    // A moderator confirms it (leaves the queue, no double count), or would restore it
    const confirmed = await act(draftId, commentId, 'hide', 'Roskapostia');
    expect(confirmed.status).toBe(200);
    expect(await commentCount(draftId)).toBe(0);
    const queue = (await api.request('GET', '/v1/moderation/queue?limit=100', { as: moderator })).body.items;
    expect(queue.map((e: { commentId: string }) => e.commentId)).not.toContain(commentId);
  });

  it('K flags at the same moment hide exactly once', async () => {
    process.env.AUTO_HIDE_FLAGS = '3';
    const { draftId, commentId } = await draftWithComment();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => flag(draftId, commentId, residentNo(900 + i))));
    expect(answers.filter((r) => r.status === 202).length).toBeGreaterThanOrEqual(3);
    expect(answers.every((r) => r.status === 202 || r.body.type.endsWith('/comment-not-visible'))).toBe(true);
    expect(await commentCount(draftId)).toBe(0);
    const log = (await api.request('GET', `/v1/drafts/${draftId}/moderation-log`)).body.items;
    expect(log).toHaveLength(1);
  });
});

describe('anonymous commenting is rate-limited per draft and client address', () => {
  it('past the limit it is 429 with Retry-After; signed-in residents and other drafts are unaffected', async () => {
    process.env.ANON_COMMENT_LIMIT = '3';
    const draft = await openDraft(api, { commenting: 'anonymous' });
    const other = await openDraft(api, { commenting: 'anonymous' });
    const anonymous = (id: string) => api.request('POST', `/v1/drafts/${id}/comments`, { body: { body: 'Nimetön', authorName: 'Kuntalainen' } });
    for (let i = 0; i < 3; i++) expect((await anonymous(draft.id)).status).toBe(201);
    // Act
    const limited = await anonymous(draft.id);
    // Assess
    expect(limited.status).toBe(429);
    expect(limited.body.type).toMatch(/\/rate-limited$/);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await commentCount(draft.id)).toBe(3);
    expect((await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: resident, body: { body: 'Nimellä' } })).status).toBe(201);
    expect((await anonymous(other.id)).status).toBe(201);
    // The address is kept only as a keyed hash
    const stored = JSON.stringify(await scanTable());
    expect(stored).toContain('RATE#');
    expect(stored).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('without authorName an anonymous comment is 400 and uses up nothing', async () => {
    process.env.ANON_COMMENT_LIMIT = '1';
    const draft = await openDraft(api, { commenting: 'anonymous' });
    expect((await api.request('POST', `/v1/drafts/${draft.id}/comments`, { body: { body: 'x' } })).status).toBe(400);
    expect((await api.request('POST', `/v1/drafts/${draft.id}/comments`, { body: { body: 'x', authorName: 'A' } })).status).toBe(201);
  });
});

describe('who may moderate', () => {
  it('residents and staff may not hide; admins may', async () => {
    const { draftId, commentId } = await draftWithComment();
    const path = `/v1/drafts/${draftId}/comments/${commentId}/hide`;
    expect((await api.request('POST', path, { as: resident, body: { reason: 'x' } })).status).toBe(403);
    expect((await api.request('POST', path, { as: staff, body: { reason: 'x' } })).status).toBe(403);
    expect((await api.request('POST', path, { as: { sub: 'admin-1', groups: ['admin'] }, body: { reason: 'x' } })).status).toBe(200);
  });
});
