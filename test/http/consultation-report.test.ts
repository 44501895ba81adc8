/** Official responses and the consultation report over HTTP. */
import { describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi, type User } from '../support/local.ts';
import { inDays, openDraft, postComment, recordedDecision, residentNo, unpublishedDraft } from '../support/fixtures.ts';

const api = useLocalApi();
const response = { fi: 'Pyörätiet lisätään suunnitelmaan.', sv: 'Cykelbanor läggs till i planen.' };
const closeNow = async (draftId: string) => expect((await api.request('POST', `/v1/drafts/${draftId}/close`, { as: staff })).status).toBe(200);

const feed = async (as: User) => {
  await api.runtime.events!.idle();
  const res = await api.request('GET', '/v1/me/notifications?limit=100', { as });
  expect(res.status).toBe(200);
  return res.body.items as { event: string; draftId?: string; commentId?: string; [k: string]: unknown }[];
};

describe('official responses', () => {
  it('staff respond to a comment after the draft closed, and the comment shows the response', async () => {
    // Prepare
    const draft = await openDraft(api);
    const comment = await postComment(api, draft.id, resident, { body: 'Pyörätiet puuttuvat.' });
    await closeNow(draft.id);
    // Act
    const res = await api.request('PUT', `/v1/drafts/${draft.id}/comments/${comment.id}/response`, { as: staff, body: { body: response } });
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: comment.id, response: { body: response } });
    const listed = await api.request('GET', `/v1/drafts/${draft.id}/comments`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: comment.id, response: { body: response, at: res.body.response.at } })]);
  });

  it("a response reaches the comment author's feed, and nobody else's", async () => {
    // Prepare
    const author = residentNo(501);
    const bystander = residentNo(502);
    const draft = await openDraft(api);
    const comment = await postComment(api, draft.id, author);
    await postComment(api, draft.id, bystander);
    // Act
    await api.request('PUT', `/v1/drafts/${draft.id}/comments/${comment.id}/response`, { as: staff, body: { body: response } });
    // Assess
    const mine = (await feed(author)).filter((n) => n.event === 'CommentResponded');
    expect(mine).toEqual([expect.objectContaining({ draftId: draft.id, commentId: comment.id, response, unread: true })]);
    expect((await feed(bystander)).filter((n) => n.event === 'CommentResponded')).toEqual([]);
  });

  it('withdrawing a response removes it from the comment; withdrawing again changes nothing', async () => {
    // Prepare
    const draft = await openDraft(api);
    const comment = await postComment(api, draft.id, resident);
    await api.request('PUT', `/v1/drafts/${draft.id}/comments/${comment.id}/response`, { as: staff, body: { body: response } });
    // Act
    const first = await api.request('DELETE', `/v1/drafts/${draft.id}/comments/${comment.id}/response`, { as: staff });
    const again = await api.request('DELETE', `/v1/drafts/${draft.id}/comments/${comment.id}/response`, { as: staff });
    // Assess
    expect(first.status).toBe(204);
    expect(again.status).toBe(204);
    const listed = await api.request('GET', `/v1/drafts/${draft.id}/comments`);
    expect(listed.body.items[0]).toMatchObject({ id: comment.id, response: null });
  });

  it('a response to a comment that does not exist is 404, and residents may not respond (403)', async () => {
    // Prepare
    const draft = await openDraft(api);
    const comment = await postComment(api, draft.id, resident);
    // Act
    const unknown = await api.request('PUT', `/v1/drafts/${draft.id}/comments/01KAP4A0B1C2D3E4F5G6H7J8K9/response`, { as: staff, body: { body: response } });
    const byResident = await api.request('PUT', `/v1/drafts/${draft.id}/comments/${comment.id}/response`, { as: resident, body: { body: response } });
    // Assess
    expect(unknown.status).toBe(404);
    expect(byResident.status).toBe(403);
  });
});

describe('the consultation report', () => {
  it('counts comments and distinct participants exactly, per section too, and names nobody', async () => {
    // Prepare
    const draft = await openDraft(api);
    const [s1, s2] = draft.sections.map((s) => s.id) as [string, string];
    const [aino, bertil, cecilia] = [residentNo(601), residentNo(602), residentNo(603)];
    const root = await postComment(api, draft.id, aino, { sectionId: s1 });
    await postComment(api, draft.id, aino, { sectionId: s1 });
    await postComment(api, draft.id, bertil, { sectionId: s2 });
    const reply = await postComment(api, draft.id, bertil, { parentId: root.id });
    await postComment(api, draft.id, cecilia);
    await api.request('PUT', `/v1/drafts/${draft.id}/comments/${root.id}/response`, { as: staff, body: { body: response } });
    await api.request('PUT', `/v1/drafts/${draft.id}/comments/${reply.id}/response`, { as: staff, body: { body: response } });
    await closeNow(draft.id);
    // Act
    const res = await api.request('GET', `/v1/drafts/${draft.id}/report`);
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(res.body.participation).toEqual({
      comments: 5,
      participants: 3,
      bySection: [
        { sectionId: null, title: null, comments: 1, participants: 1 },
        expect.objectContaining({ sectionId: s1, comments: 3, participants: 2 }),
        expect.objectContaining({ sectionId: s2, comments: 1, participants: 1 }),
      ],
    });
    expect(res.body.responses).toEqual({ answered: 1, roots: 4 });
    for (const who of [aino, bertil, cecilia]) {
      expect(res.text).not.toContain(who.sub);
      expect(res.text).not.toContain(who.name);
    }
  });

  it('is public once the draft closed; before that only staff read it (others 409), and an unpublished one is 404 to others', async () => {
    // Prepare
    const draft = await openDraft(api);
    const unpublished = await unpublishedDraft(api);
    // Act
    const early = await api.request('GET', `/v1/drafts/${draft.id}/report`, { as: resident });
    const byStaff = await api.request('GET', `/v1/drafts/${draft.id}/report`, { as: staff });
    const hidden = await api.request('GET', `/v1/drafts/${unpublished.id}/report`);
    await closeNow(draft.id);
    const late = await api.request('GET', `/v1/drafts/${draft.id}/report`);
    // Assess
    expect(early.status).toBe(409);
    expect(early.body.type).toMatch(/\/report-not-available$/);
    expect(byStaff.status).toBe(200);
    expect(hidden.status).toBe(404);
    expect(late.status).toBe(200);
  });

  it('carries final poll results, the versions with their changelogs, and the decision once recorded', async () => {
    // Prepare
    const draft = await openDraft(api);
    const poll = await api.request('POST', `/v1/drafts/${draft.id}/polls`, {
      as: staff,
      body: { question: { fi: 'Kumpi?', sv: 'Vilken?' }, options: [{ text: { fi: 'A', sv: 'A' } }, { text: { fi: 'B', sv: 'B' } }], type: 'single', resultsVisibility: 'after-close' },
    });
    const [a, b] = poll.body.options.map((o: { id: string }) => o.id) as [string, string];
    for (const [n, option] of [[701, a], [702, a], [703, b]] as const) {
      expect((await api.request('PUT', `/v1/drafts/${draft.id}/polls/${poll.body.id}/ballot`, { as: residentNo(n), body: { optionIds: [option] } })).status).toBe(200);
    }
    const changelog = { fi: 'Aikataulu tarkennettu', sv: 'Tidtabellen preciserad' };
    const edited = await api.request('PATCH', `/v1/drafts/${draft.id}`, {
      as: staff, body: { summary: { fi: 'Uusi', sv: 'Ny' }, changelog }, headers: { 'if-match': `"${draft.version}"` },
    });
    expect(edited.status, edited.text).toBe(200);
    await closeNow(draft.id);
    const { decisionId } = await recordedDecision(api, { draftId: draft.id });
    await api.runtime.events!.idle();
    // Act
    const res = await api.request('GET', `/v1/drafts/${draft.id}/report`);
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(res.body.polls).toEqual([expect.objectContaining({
      id: poll.body.id, final: true, total: 3, options: [expect.objectContaining({ id: a, count: 2 }), expect.objectContaining({ id: b, count: 1 })],
    })]);
    expect(res.body.versions).toEqual([
      { version: 1, changelog: null, at: expect.any(String) },
      { version: 2, changelog, at: expect.any(String) },
    ]);
    expect(res.body.decision).toMatchObject({ id: decisionId, outcome: 'approved' });
    expect(res.body.draft.status).toBe('decided');
  });

  it('?format=csv gives the same report as a spreadsheet table', async () => {
    // Prepare
    const draft = await openDraft(api);
    await postComment(api, draft.id, residentNo(801), { sectionId: draft.sections[0]!.id });
    await postComment(api, draft.id, residentNo(802), { sectionId: draft.sections[0]!.id });
    await closeNow(draft.id);
    // Act
    const res = await api.fetch(`/v1/drafts/${draft.id}/report?format=csv&lang=sv`);
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('record,id,label,count,at,text\r\n')).toBe(true);
    const rows = text.trim().split('\r\n').map((line) => line.split(','));
    expect(rows).toEqual(expect.arrayContaining([
      ['participation-comments', draft.id, '', '2', '', ''],
      ['participation-participants', draft.id, '', '2', '', ''],
      ['section-participants', draft.sections[0]!.id, 'Del 1', '2', '', ''],
    ]));
  });

  it('a report of an open draft with no comments yet counts zero for staff', async () => {
    // Prepare
    const draft = await openDraft(api, { sections: [{ title: { fi: 'Osa', sv: 'Del' }, body: { fi: 'T', sv: 'T' } }] });
    // Act
    const res = await api.request('GET', `/v1/drafts/${draft.id}/report`, { as: staff });
    // Assess
    expect(res.body).toMatchObject({
      participation: { comments: 0, participants: 0, bySection: [{ sectionId: draft.sections[0]!.id, comments: 0, participants: 0 }] },
      polls: [], responses: { answered: 0, roots: 0 }, decision: null,
    });
    expect(inDays(0) >= res.body.generatedAt).toBe(true);
  });
});
