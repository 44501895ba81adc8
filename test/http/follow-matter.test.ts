import { describe, expect, it } from 'vitest';
import { staff, useLocalApi, type User } from '../support/local.ts';
import { openDraft, recordedDecision } from '../support/fixtures.ts';

const api = useLocalApi();
const follower: User = { sub: 'follower-of-the-park', name: 'Fanny Följare' };
const commenter: User = { sub: 'commenter-on-the-park', name: 'Kari Kommentoija' };

interface Note {
  event: string;
  draftId?: string;
  decisionId?: string;
  commentId?: string;
  status?: string;
  progress?: number;
  implementation?: { status: string; progress: number };
}

const feedOf = async (user: User): Promise<Note[]> => {
  await api.runtime.events!.idle();
  const res = await api.request('GET', '/v1/me/notifications?limit=100', { as: user });
  expect(res.status).toBe(200);
  return res.body.items;
};

describe('following one matter from draft to implementation', () => {
  it("the follower's feed shows each step exactly once, also when the stream delivers every record again", async () => {
    // A draft is published and followed.
    const draft = await openDraft(api);
    expect((await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: follower })).status).toBe(200);

    // A resident comments: the follower hears of it; the commenter now follows too.
    const comment = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: commenter, body: { body: 'Lisää penkkejä, kiitos.' } });
    expect(comment.status).toBe(201);
    expect((await feedOf(follower)).map((n) => n.event)).toEqual(['CommentActivity']);

    // Participation closes.
    expect((await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff })).status).toBe(200);
    expect((await feedOf(follower))[0]).toMatchObject({ event: 'DraftClosed', draftId: draft.id });

    // The matter goes on a published agenda and is decided.
    const { decisionId, itemId, meetingId } = await recordedDecision(api, { draftId: draft.id });
    const afterDecision = await feedOf(follower);
    expect(afterDecision.slice(0, 2)).toEqual([
      expect.objectContaining({ event: 'DecisionRecorded', decisionId, draftId: draft.id }),
      expect.objectContaining({ event: 'AgendaPublished', draftId: draft.id, meetingId, itemId }),
    ]);
    // Following the draft carried over to its decision.
    expect((await api.request('GET', `/v1/decisions/${decisionId}/subscription`, { as: follower })).body)
      .toMatchObject({ following: true, origin: 'draft' });

    // Staff report on the implementation.
    const result = await api.request('POST', `/v1/decisions/${decisionId}/results`, { as: staff, body: { title: { fi: 'Penkit', sv: 'Bänkar' } } });
    expect(result.status).toBe(201);
    const patch = (version: number, body: object) => api.request('PATCH', `/v1/decisions/${decisionId}/results/${result.body.id}`, {
      as: staff, body, headers: { 'if-match': `"${version}"` },
    });
    expect((await patch(1, { status: 'in_progress', progress: 40 })).status).toBe(200);
    expect((await patch(2, { status: 'completed', progress: 100, note: { fi: 'Penkit asennettu', sv: 'Bänkarna är på plats' } })).status).toBe(200);

    // Assess: every step once, newest first.
    const expected = [
      'ImplementationUpdated', 'ImplementationUpdated', 'ImplementationUpdated',
      'DecisionRecorded', 'AgendaPublished', 'DraftClosed', 'CommentActivity',
    ];
    const feed = await feedOf(follower);
    expect(feed.map((n) => n.event)).toEqual(expected);
    expect(feed[0]).toMatchObject({ status: 'completed', progress: 100, implementation: { status: 'completed', progress: 100 } });
    expect(feed[2]).toMatchObject({ status: 'planned', progress: 0 });

    // The commenter hears of everything after their comment, but not of their own comment.
    expect((await feedOf(commenter)).map((n) => n.event)).toEqual(expected.slice(0, -1));

    // Act: the stream delivers every record again.
    await api.runtime.events!.redeliver();

    // Assess: nothing new, nothing twice.
    expect(await feedOf(follower)).toEqual(feed);
    expect((await feedOf(commenter)).map((n) => n.event)).toEqual(expected.slice(0, -1));
    expect(api.runtime.events!.deadLetters).toEqual([]);
  });

  it('unfollowing the decision stops implementation news, while the draft stays followed', async () => {
    const draft = await openDraft(api);
    const who: User = { sub: 'unfollows-decision', name: 'Ulf' };
    await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: who });
    const { decisionId } = await recordedDecision(api, { draftId: draft.id });
    await api.runtime.events!.idle();
    expect((await api.request('DELETE', `/v1/decisions/${decisionId}/subscription`, { as: who })).status).toBe(204);
    await api.request('POST', `/v1/decisions/${decisionId}/results`, { as: staff, body: { title: { fi: 'Kyltit' } } });
    const events = (await feedOf(who)).map((n) => n.event);
    expect(events).not.toContain('ImplementationUpdated');
    expect(events).toContain('DecisionRecorded');
    expect((await api.request('GET', `/v1/drafts/${draft.id}/subscription`, { as: who })).body.following).toBe(true);
  });
});
