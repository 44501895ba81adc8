import { describe, expect, it } from 'vitest';
import { newId } from '#shared/ids.ts';
import { resident, staff, useLocalApi, type User } from '../support/local.ts';
import { openDraft, postComment, residentNo, unpublishedDraft, walk } from '../support/fixtures.ts';

const api = useLocalApi();
const other: User = { sub: 'resident-2', name: 'Olli Other' };
const comments = (draftId: string) => `/v1/drafts/${draftId}/comments`;
const ids = (items: { id: string }[]) => items.map((c) => c.id);
const draftOf = async (id: string) => (await api.request('GET', `/v1/drafts/${id}`)).body;
const close = (id: string) => api.request('POST', `/v1/drafts/${id}/close`, { as: staff });

describe('posting comments', () => {
  it('a resident posts a root comment: 201 with the documented shape, counted on the draft', async () => {
    // Prepare
    const draft = await openDraft(api);
    // Act
    const res = await api.request('POST', comments(draft.id), { as: resident, body: { body: 'Hyvä suunnitelma', sectionId: draft.sections[0]!.id } });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      draftId: draft.id, sectionId: draft.sections[0]!.id, parentId: null, body: 'Hyvä suunnitelma',
      author: { name: 'Riikka Resident' }, version: draft.version, votes: 0, status: 'visible', edited: false, replyCount: 0,
    });
    expect(res.body.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(res.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(res.headers.get('location')).toBe(`${comments(draft.id)}/${res.body.id}`);
    expect((await draftOf(draft.id)).commentCount).toBe(1);
  });

  it('a reply attaches to its root and sits on the root\'s section', async () => {
    const draft = await openDraft(api);
    const root = await postComment(api, draft.id, resident, { sectionId: draft.sections[1]!.id });
    const reply = await postComment(api, draft.id, other, { parentId: root.id });
    expect(reply).toMatchObject({ parentId: root.id, sectionId: draft.sections[1]!.id });
  });

  it('a reply to a reply attaches to the root comment', async () => {
    const draft = await openDraft(api);
    const root = await postComment(api, draft.id, resident, { sectionId: draft.sections[0]!.id });
    const reply = await postComment(api, draft.id, other, { parentId: root.id });
    const replyToReply = await postComment(api, draft.id, resident, { parentId: reply.id, sectionId: draft.sections[1]!.id });
    expect(replyToReply).toMatchObject({ parentId: root.id, sectionId: draft.sections[0]!.id });
    const replies = await api.request('GET', `${comments(draft.id)}/${root.id}/replies`);
    expect(ids(replies.body.items)).toEqual([reply.id, replyToReply.id]);
    const roots = await api.request('GET', comments(draft.id));
    expect(ids(roots.body.items)).toEqual([root.id]);
    expect(roots.body.items[0].replyCount).toBe(2);
  });

  it('an unknown section is 422 naming body.sectionId, and nothing is counted', async () => {
    const draft = await openDraft(api);
    const res = await api.request('POST', comments(draft.id), { as: resident, body: { body: 'x', sectionId: newId() } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path: 'body.sectionId', message: expect.any(String) }]);
    expect((await draftOf(draft.id)).commentCount).toBe(0);
  });

  it('an unknown parent is 422 naming body.parentId', async () => {
    const draft = await openDraft(api);
    const res = await api.request('POST', comments(draft.id), { as: resident, body: { body: 'x', parentId: newId() } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'body.parentId', message: expect.any(String) }]);
  });

  it('a comment on another draft is not a parent: 422', async () => {
    const a = await openDraft(api);
    const b = await openDraft(api);
    const onA = await postComment(api, a.id, resident);
    const res = await api.request('POST', comments(b.id), { as: resident, body: { body: 'x', parentId: onA.id } });
    expect(res.status).toBe(422);
  });

  it('an unknown draft is 404', async () => {
    const res = await api.request('POST', comments(newId()), { as: resident, body: { body: 'x' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('an unpublished draft is 404 to comment on and to list, even though it exists', async () => {
    const draft = await unpublishedDraft(api);
    expect((await api.request('POST', comments(draft.id), { as: resident, body: { body: 'x' } })).status).toBe(404);
    expect((await api.request('GET', comments(draft.id))).status).toBe(404);
    expect((await api.request('GET', comments(draft.id), { as: resident })).status).toBe(404);
  });

  it('a scheduled draft does not take comments yet: 409 participation-closed', async () => {
    const draft = await unpublishedDraft(api);
    await api.request('POST', `/v1/drafts/${draft.id}/publish`, { as: staff, body: { opensAt: new Date(Date.now() + 86_400_000).toISOString(), closesAt: new Date(Date.now() + 5 * 86_400_000).toISOString() } });
    const res = await api.request('POST', comments(draft.id), { as: resident, body: { body: 'x' } });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/participation-closed$/);
  });

  it('after close, posting is 409 participation-closed', async () => {
    const draft = await openDraft(api);
    await close(draft.id);
    const res = await api.request('POST', comments(draft.id), { as: resident, body: { body: 'myöhässä' } });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, type: expect.stringMatching(/\/participation-closed$/) });
  });

  it('registered mode: without a token it is 401', async () => {
    const draft = await openDraft(api);
    const res = await api.request('POST', comments(draft.id), { body: { body: 'x', authorName: 'Kalle' } });
    expect(res.status).toBe(401);
  });

  it('strong mode: a resident without amr strong is 403, a strongly identified one posts', async () => {
    const draft = await openDraft(api, { commenting: 'strong' });
    const weak = await api.request('POST', comments(draft.id), { as: resident, body: { body: 'x' } });
    expect(weak.status).toBe(403);
    expect(weak.body.type).toMatch(/\/strong-identification-required$/);
    expect((await api.request('POST', comments(draft.id), { body: { body: 'x' } })).status).toBe(401);
    const strong = await api.request('POST', comments(draft.id), { as: { ...resident, strong: true }, body: { body: 'x' } });
    expect(strong.status).toBe(201);
    expect((await draftOf(draft.id)).commentCount).toBe(1);
  });

  it('anonymous mode: no token, an authorName, and the comment shows that name', async () => {
    const draft = await openDraft(api, { commenting: 'anonymous' });
    const res = await api.request('POST', comments(draft.id), { body: { body: 'Nimetön mielipide', authorName: 'Kylän Kalle' } });
    expect(res.status).toBe(201);
    expect(res.body.author).toEqual({ name: 'Kylän Kalle', kind: 'anonymous' });
    const missingName = await api.request('POST', comments(draft.id), { body: { body: 'x' } });
    expect(missingName.status).toBe(400);
    expect(missingName.body.errors).toEqual([{ path: 'body.authorName', message: expect.any(String) }]);
  });

  it('anonymous mode: an anonymous comment can be edited or removed by nobody', async () => {
    const draft = await openDraft(api, { commenting: 'anonymous' });
    const anon = await postComment(api, draft.id, undefined, { authorName: 'Kalle' });
    expect((await api.request('PATCH', `${comments(draft.id)}/${anon.id}`, { as: resident, body: { body: 'x' } })).status).toBe(403);
    expect((await api.request('DELETE', `${comments(draft.id)}/${anon.id}`, { as: resident })).status).toBe(403);
  });

  it('mode none: nobody comments, 409', async () => {
    const draft = await openDraft(api, { commenting: 'none' });
    const res = await api.request('POST', comments(draft.id), { as: { ...resident, strong: true }, body: { body: 'x' } });
    expect(res.status).toBe(409);
    expect((await draftOf(draft.id)).commentCount).toBe(0);
  });

  it('the body is trimmed and must hold 1 to 5000 characters', async () => {
    const draft = await openDraft(api);
    expect((await api.request('POST', comments(draft.id), { as: resident, body: { body: '   ' } })).status).toBe(400);
    expect((await api.request('POST', comments(draft.id), { as: resident, body: { body: 'x'.repeat(5001) } })).status).toBe(400);
    const longest = await api.request('POST', comments(draft.id), { as: resident, body: { body: 'ä'.repeat(5000) } });
    expect(longest.status).toBe(201);
    expect((await api.request('POST', comments(draft.id), { as: resident, body: { body: '  hei  ' } })).body.body).toBe('hei');
  });
});

describe('listing comments', () => {
  it('roots come newest first by default, oldest first on request, each with replyCount', async () => {
    const draft = await openDraft(api);
    const a = await postComment(api, draft.id, resident);
    const b = await postComment(api, draft.id, resident);
    const c = await postComment(api, draft.id, resident);
    await postComment(api, draft.id, other, { parentId: b.id });
    const newest = await api.request('GET', comments(draft.id));
    expect(newest.status).toBe(200);
    expect(ids(newest.body.items)).toEqual([c.id, b.id, a.id]);
    expect(newest.body.items.map((x: { replyCount: number }) => x.replyCount)).toEqual([0, 1, 0]);
    expect(newest.body.nextCursor).toBeNull();
    expect(ids((await api.request('GET', `${comments(draft.id)}?sort=oldest`)).body.items)).toEqual([a.id, b.id, c.id]);
  });

  it('popular sorts roots by votes, most first', async () => {
    const draft = await openDraft(api);
    const a = await postComment(api, draft.id, resident);
    const b = await postComment(api, draft.id, resident);
    const c = await postComment(api, draft.id, resident);
    for (const voter of [residentNo(1), residentNo(2)]) await api.request('PUT', `${comments(draft.id)}/${a.id}/vote`, { as: voter });
    await api.request('PUT', `${comments(draft.id)}/${c.id}/vote`, { as: residentNo(1) });
    const popular = await api.request('GET', `${comments(draft.id)}?sort=popular`);
    expect(ids(popular.body.items)).toEqual([a.id, c.id, b.id]);
    expect(popular.body.items.map((x: { votes: number }) => x.votes)).toEqual([2, 1, 0]);
  });

  it('?sectionId= lists only the roots on that section, in every sort', async () => {
    const draft = await openDraft(api);
    const [s1, s2] = draft.sections;
    const on1 = await postComment(api, draft.id, resident, { sectionId: s1!.id });
    await postComment(api, draft.id, resident, { sectionId: s2!.id });
    await postComment(api, draft.id, resident);
    for (const sort of ['newest', 'oldest', 'popular']) {
      const res = await api.request('GET', `${comments(draft.id)}?sectionId=${s1!.id}&sort=${sort}`);
      expect(ids(res.body.items)).toEqual([on1.id]);
    }
  });

  it('an unknown sort is 400', async () => {
    const draft = await openDraft(api);
    const res = await api.request('GET', `${comments(draft.id)}?sort=random`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('query.sort');
  });

  it('comments of an unknown draft are 404', async () => {
    expect((await api.request('GET', comments(newId()))).status).toBe(404);
  });

  it('replies come oldest first; replies of a reply or of an unknown comment are 404', async () => {
    const draft = await openDraft(api);
    const root = await postComment(api, draft.id, resident);
    const r1 = await postComment(api, draft.id, other, { parentId: root.id });
    const r2 = await postComment(api, draft.id, resident, { parentId: root.id });
    const replies = await api.request('GET', `${comments(draft.id)}/${root.id}/replies`);
    expect(ids(replies.body.items)).toEqual([r1.id, r2.id]);
    expect((await api.request('GET', `${comments(draft.id)}/${r1.id}/replies`)).status).toBe(404);
    expect((await api.request('GET', `${comments(draft.id)}/${newId()}/replies`)).status).toBe(404);
  });
});

describe('editing and removing comments', () => {
  it('the author edits their comment: 200, edited: true, and the list shows the new body', async () => {
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, resident, { body: 'Ensimmäinen' });
    const res = await api.request('PATCH', `${comments(draft.id)}/${c.id}`, { as: resident, body: { body: 'Korjattu' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, body: 'Korjattu', edited: true, status: 'visible' });
    expect((await api.request('GET', comments(draft.id))).body.items[0]).toMatchObject({ body: 'Korjattu', edited: true });
  });

  it('someone else\'s comment: 403 to edit and to remove, and it stays as it was', async () => {
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, resident, { body: 'Oma' });
    const edit = await api.request('PATCH', `${comments(draft.id)}/${c.id}`, { as: other, body: { body: 'Kaapattu' } });
    expect(edit.status).toBe(403);
    expect(edit.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await api.request('DELETE', `${comments(draft.id)}/${c.id}`, { as: other })).status).toBe(403);
    expect((await api.request('PATCH', `${comments(draft.id)}/${c.id}`, { as: staff, body: { body: 'x' } })).status).toBe(403);
    expect((await api.request('GET', comments(draft.id))).body.items[0]).toMatchObject({ body: 'Oma', status: 'visible', edited: false });
  });

  it('editing after close is 409 participation-closed', async () => {
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, resident);
    await close(draft.id);
    const res = await api.request('PATCH', `${comments(draft.id)}/${c.id}`, { as: resident, body: { body: 'myöhässä' } });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/participation-closed$/);
  });

  it('editing an unknown comment is 404', async () => {
    const draft = await openDraft(api);
    expect((await api.request('PATCH', `${comments(draft.id)}/${newId()}`, { as: resident, body: { body: 'x' } })).status).toBe(404);
  });

  it('the author removes their comment: 204, a tombstone that keeps its place and its replies', async () => {
    // Prepare
    const draft = await openDraft(api);
    const first = await postComment(api, draft.id, resident);
    const removed = await postComment(api, draft.id, resident);
    const last = await postComment(api, draft.id, resident);
    const reply = await postComment(api, draft.id, other, { parentId: removed.id });
    expect((await draftOf(draft.id)).commentCount).toBe(4);
    // Act
    const res = await api.request('DELETE', `${comments(draft.id)}/${removed.id}`, { as: resident });
    // Assess
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const list = await api.request('GET', comments(draft.id));
    expect(ids(list.body.items)).toEqual([last.id, removed.id, first.id]);
    expect(list.body.items[1]).toMatchObject({ status: 'deleted', body: null, author: null, replyCount: 1 });
    const replies = await api.request('GET', `${comments(draft.id)}/${removed.id}/replies`);
    expect(ids(replies.body.items)).toEqual([reply.id]);
    expect(replies.body.items[0]).toMatchObject({ status: 'visible', body: 'Kommentti' });
    expect((await draftOf(draft.id)).commentCount).toBe(3);
  });

  it('removing twice changes nothing more; a removed comment cannot be edited, voted or replied to', async () => {
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, resident);
    expect((await api.request('DELETE', `${comments(draft.id)}/${c.id}`, { as: resident })).status).toBe(204);
    expect((await api.request('DELETE', `${comments(draft.id)}/${c.id}`, { as: resident })).status).toBe(204);
    expect((await draftOf(draft.id)).commentCount).toBe(0);
    expect((await api.request('PATCH', `${comments(draft.id)}/${c.id}`, { as: resident, body: { body: 'x' } })).status).toBe(409);
    expect((await api.request('PUT', `${comments(draft.id)}/${c.id}/vote`, { as: other })).status).toBe(409);
    expect((await api.request('POST', comments(draft.id), { as: other, body: { body: 'x', parentId: c.id } })).status).toBe(409);
    expect((await draftOf(draft.id)).commentCount).toBe(0);
  });
});

describe('voting', () => {
  it('an up-vote counts once per person; repeating it changes nothing; DELETE takes it back once', async () => {
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, resident);
    const vote = (as: User, method = 'PUT') => api.request(method, `${comments(draft.id)}/${c.id}/vote`, { as });
    expect((await vote(other)).body).toEqual({ votes: 1 });
    expect((await vote(other)).body).toEqual({ votes: 1 });
    const third = await vote(residentNo(3));
    expect(third.status).toBe(200);
    expect(third.body).toEqual({ votes: 2 });
    expect((await vote(other, 'DELETE')).body).toEqual({ votes: 1 });
    expect((await vote(other, 'DELETE')).body).toEqual({ votes: 1 });
    expect((await api.request('GET', comments(draft.id))).body.items[0].votes).toBe(1);
  });

  it('voting needs a token: 401', async () => {
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, resident);
    const res = await api.request('PUT', `${comments(draft.id)}/${c.id}/vote`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('voting on an unknown comment is 404; after close it is 409 participation-closed', async () => {
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, resident);
    expect((await api.request('PUT', `${comments(draft.id)}/${newId()}/vote`, { as: other })).status).toBe(404);
    await close(draft.id);
    const late = await api.request('PUT', `${comments(draft.id)}/${c.id}/vote`, { as: other });
    expect(late.status).toBe(409);
    expect(late.body.type).toMatch(/\/participation-closed$/);
    expect((await api.request('DELETE', `${comments(draft.id)}/${c.id}/vote`, { as: other })).status).toBe(409);
  });
});

describe('comment pagination', () => {
  it('walking the pages returns every root exactly once, in order', async () => {
    const draft = await openDraft(api);
    const posted: string[] = [];
    for (let i = 0; i < 7; i++) posted.push((await postComment(api, draft.id, resident)).id);
    for (const [sort, expected] of [['newest', [...posted].reverse()], ['oldest', posted]] as const) {
      expect(ids(await walk(api, `${comments(draft.id)}?sort=${sort}`, 2))).toEqual(expected);
    }
    expect(new Set(ids(await walk(api, `${comments(draft.id)}?sort=popular`, 3)))).toEqual(new Set(posted));
  });

  it('a cursor from another draft\'s list, or another sort, is 400 invalid-cursor', async () => {
    const a = await openDraft(api);
    const b = await openDraft(api);
    for (let i = 0; i < 3; i++) await postComment(api, a.id, resident);
    const first = await api.request('GET', `${comments(a.id)}?limit=1`);
    const cursor = encodeURIComponent(first.body.nextCursor);
    expect((await api.request('GET', `${comments(a.id)}?limit=1&cursor=${cursor}`)).status).toBe(200);
    for (const path of [`${comments(b.id)}?cursor=${cursor}`, `${comments(a.id)}?sort=oldest&cursor=${cursor}`, '/v1/drafts?cursor=' + cursor]) {
      const res = await api.request('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body.type).toMatch(/\/invalid-cursor$/);
    }
  });
});
