import { afterEach, describe, expect, it } from 'vitest';
import { moderator, staff, useLocalApi, type User } from '../support/local.ts';
import { openDraft, postComment, residentNo } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

afterEach(() => {
  delete process.env.COMMENT_ERASURE;
});

/** A resident who has done one of everything: commented, replied, voted, flagged, followed, answered a poll. */
async function activeResident(who: User) {
  const draft = await openDraft(api);
  const other = await postComment(api, draft.id, residentNo(1), { body: 'Toisen kommentti' });
  const root = await postComment(api, draft.id, who, { body: `Oma juurikommentti (${who.name})`, sectionId: draft.sections[0]!.id });
  const reply = await postComment(api, draft.id, who, { body: 'Oma vastaus', parentId: other.id });
  const replyToMine = await postComment(api, draft.id, residentNo(2), { body: 'Vastaus sinulle', parentId: root.id });
  expect((await api.request('PUT', `/v1/drafts/${draft.id}/comments/${other.id}/vote`, { as: who })).status).toBe(200);
  expect((await api.request('POST', `/v1/drafts/${draft.id}/comments/${other.id}/flags`, { as: who, body: { reason: 'other', note: `Minun huomautukseni (${who.name})` } })).status).toBe(202);
  expect((await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: who })).status).toBeLessThan(300);
  const poll = await api.request('POST', `/v1/drafts/${draft.id}/polls`, {
    as: staff, body: { question: { fi: 'Kumpi?' }, options: [{ text: { fi: 'A' } }, { text: { fi: 'B' } }], type: 'single', resultsVisibility: 'always' },
  });
  const choice = poll.body.options[1].id as string;
  expect((await api.request('PUT', `/v1/drafts/${draft.id}/polls/${poll.body.id}/ballot`, { as: who, body: { optionIds: [choice] } })).status).toBe(200);
  await api.runtime.events?.idle();
  return { draft, other, root, reply, replyToMine, pollId: poll.body.id as string, choice };
}

describe('who am I', () => {
  it('GET /v1/me answers sub, name and groups from the token', async () => {
    const res = await api.request('GET', '/v1/me', { as: { sub: 'me-1', name: 'Minna', groups: ['moderator'], strong: true } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sub: 'me-1', name: 'Minna', groups: ['moderator'], strong: true });
    expect((await api.request('GET', '/v1/me')).status).toBe(401);
  });
});

describe('export of my data', () => {
  it('holds my comments, votes, flags, subscriptions and my own ballots — and nobody else’s', async () => {
    // Prepare
    const me = { sub: 'exporter-1', name: 'Eeva Exporter' };
    const done = await activeResident(me);
    // Act
    const res = await api.request('GET', '/v1/me/export', { as: me });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sub: me.sub, name: me.name });
    expect(res.body.comments.map((c: { id: string }) => c.id).sort()).toEqual([done.root.id, done.reply.id].sort());
    expect(res.body.comments.find((c: { id: string }) => c.id === done.root.id)).toMatchObject({ body: `Oma juurikommentti (${me.name})`, draftId: done.draft.id });
    expect(res.body.votes).toEqual([expect.objectContaining({ draftId: done.draft.id, commentId: done.other.id })]);
    expect(res.body.flags).toEqual([expect.objectContaining({ commentId: done.other.id, reason: 'other', note: `Minun huomautukseni (${me.name})` })]);
    expect(res.body.subscriptions.length).toBeGreaterThan(0);
    expect(res.body.ballots).toEqual([expect.objectContaining({ pollId: done.pollId, draftId: done.draft.id, optionIds: [done.choice] })]);
    expect(res.text).not.toContain('Toisen kommentti');
    expect(res.text).not.toContain('Vastaus sinulle');
    expect(res.text).not.toMatch(/"(pk|sk|userPk|gsi1pk)"/);
  });
});

describe('erasure', () => {
  it('leaves no trace of the person in the table, while counts stand and replies keep their place', async () => {
    // Prepare
    const me = { sub: 'erased-person-7f3a', name: 'Tuuli Tunnistettava' };
    const done = await activeResident(me);
    const before = (await api.request('GET', `/v1/drafts/${done.draft.id}/polls/${done.pollId}`)).body.results;
    const votesBefore = (await api.request('GET', `/v1/drafts/${done.draft.id}/comments?sort=oldest`)).body.items.find((c: { id: string }) => c.id === done.other.id).votes;
    const countBefore = (await api.request('GET', `/v1/drafts/${done.draft.id}`)).body.commentCount;
    // Act
    const res = await api.request('DELETE', '/v1/me', { as: me });
    await api.runtime.jobs?.idle(); // the erasure job finishes the rest
    await api.runtime.events?.idle();
    // Assess: nothing anywhere names them
    expect(res.status).toBe(204);
    const stored = JSON.stringify(await scanTable());
    expect(stored).not.toContain(me.sub);
    expect(stored).not.toContain(me.name);
    expect(stored).not.toContain(`Oma juurikommentti (${me.name})`);
    expect(stored).not.toContain(`Minun huomautukseni (${me.name})`);
    // …their comments are tombstones without author, and stop counting
    const roots = (await api.request('GET', `/v1/drafts/${done.draft.id}/comments?sort=oldest`)).body.items;
    expect(roots.find((c: { id: string }) => c.id === done.root.id)).toMatchObject({ status: 'deleted', body: null, author: null, replyCount: 1 });
    const replies = (await api.request('GET', `/v1/drafts/${done.draft.id}/comments/${done.other.id}/replies`)).body.items;
    expect(replies).toEqual([expect.objectContaining({ id: done.reply.id, status: 'deleted', body: null, author: null })]);
    expect((await api.request('GET', `/v1/drafts/${done.draft.id}`)).body.commentCount).toBe(countBefore - 2);
    // …their vote and ballot still count, but are no longer theirs
    expect(roots.find((c: { id: string }) => c.id === done.other.id).votes).toBe(votesBefore);
    expect((await api.request('GET', `/v1/drafts/${done.draft.id}/polls/${done.pollId}`)).body.results).toEqual(before);
    // …and the tokens they held stop working everywhere
    const refused = await api.request('GET', `/v1/drafts/${done.draft.id}/polls/${done.pollId}/ballot`, { as: me });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/erased/);
    expect((await api.request('GET', '/v1/me/export', { as: me })).status).toBe(401);
    expect((await api.request('DELETE', '/v1/me', { as: me })).status).toBe(401);
    expect((await api.request('GET', `/v1/drafts/${done.draft.id}/polls`, { as: me })).status).toBe(401);
  });

  it("with the 'remove' policy, comments disappear, except a root that has replies", async () => {
    process.env.COMMENT_ERASURE = 'remove';
    const me = { sub: 'removed-person-1', name: 'Poistettava' };
    const done = await activeResident(me);
    const alone = await postComment(api, done.draft.id, me, { body: 'Yksinäinen kommentti' });
    const countBefore = (await api.request('GET', `/v1/drafts/${done.draft.id}`)).body.commentCount;
    expect((await api.request('DELETE', '/v1/me', { as: me })).status).toBe(204);
    await api.runtime.jobs?.idle(); // the erasure job finishes the rest
    const roots = (await api.request('GET', `/v1/drafts/${done.draft.id}/comments?limit=100`)).body.items.map((c: { id: string; status: string }) => [c.id, c.status]);
    expect(roots).not.toContainEqual([alone.id, expect.anything()]);
    expect(roots).toContainEqual([done.root.id, 'deleted']);
    const replies = (await api.request('GET', `/v1/drafts/${done.draft.id}/comments/${done.other.id}/replies`)).body.items;
    expect(replies).toEqual([]);
    const other = (await api.request('GET', `/v1/drafts/${done.draft.id}/comments?limit=100`)).body.items.find((c: { id: string }) => c.id === done.other.id);
    expect(other.replyCount).toBe(0);
    expect((await api.request('GET', `/v1/drafts/${done.draft.id}`)).body.commentCount).toBe(countBefore - 3);
    expect(JSON.stringify(await scanTable())).not.toContain(me.sub);
  });

  it('a hidden comment of the erased person stays hidden with its public reason, and the moderation log keeps its entry', async () => {
    const me = { sub: 'hidden-author-1', name: 'Piilotettu' };
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, me, { body: 'Asiatonta' });
    await api.request('POST', `/v1/drafts/${draft.id}/comments/${c.id}/hide`, { as: moderator, body: { reason: 'Asiaton' } });
    const count = (await api.request('GET', `/v1/drafts/${draft.id}`)).body.commentCount;
    expect((await api.request('DELETE', '/v1/me', { as: me })).status).toBe(204);
    await api.runtime.jobs?.idle(); // the erasure job finishes the rest
    const listed = (await api.request('GET', `/v1/drafts/${draft.id}/comments`)).body.items[0];
    expect(listed).toMatchObject({ id: c.id, status: 'hidden', body: null, author: null, moderation: { reason: 'Asiaton' } });
    expect((await api.request('GET', `/v1/drafts/${draft.id}`)).body.commentCount).toBe(count);
    expect((await api.request('GET', `/v1/drafts/${draft.id}/moderation-log`)).body.items).toHaveLength(1);
  });

  it('another resident’s data is untouched', async () => {
    const done = await activeResident({ sub: 'erased-2', name: 'Erased Two' });
    await api.request('DELETE', '/v1/me', { as: { sub: 'erased-2' } });
    await api.runtime.jobs?.idle(); // the erasure job finishes the rest
    const other = (await api.request('GET', `/v1/drafts/${done.draft.id}/comments?limit=100`)).body.items.find((c: { id: string }) => c.id === done.other.id);
    expect(other).toMatchObject({ status: 'visible', body: 'Toisen kommentti', author: { name: 'Resident 1' } });
    expect((await api.request('GET', '/v1/me/export', { as: residentNo(1) })).body.comments.length).toBeGreaterThan(0);
  });

  it('needs a token', async () => {
    expect((await api.request('DELETE', '/v1/me')).status).toBe(401);
    expect((await api.request('GET', '/v1/me/export')).status).toBe(401);
  });
});

