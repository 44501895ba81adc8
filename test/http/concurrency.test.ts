/**
 * Counters and conditional writes under concurrent requests: nothing lost, nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { inDays, openDraft, postComment, residentNo, unpublishedDraft, walk } from '../support/fixtures.ts';

const api = useLocalApi();
const many = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
const statuses = (responses: { status: number }[]) => responses.map((r) => r.status).sort();

describe('concurrency', () => {
  it('60 residents commenting at once: every comment listed once and commentCount exactly 60', async () => {
    // Prepare
    const draft = await openDraft(api);
    await many(60, (i) => api.token(residentNo(i)));
    // Act
    const posted = await many(60, (i) =>
      api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: residentNo(i), body: { body: `Kommentti ${i}` } }));
    // Assess
    expect(statuses(posted), posted.find((r) => r.status !== 201)?.text).toEqual(Array(60).fill(201));
    const listed = (await walk<{ id: string }>(api, `/v1/drafts/${draft.id}/comments`, 7)).map((c) => c.id);
    expect(listed).toHaveLength(60);
    expect(new Set(listed)).toEqual(new Set(posted.map((r) => r.body.id)));
    expect((await api.request('GET', `/v1/drafts/${draft.id}`)).body.commentCount).toBe(60);
  }, 120_000); // 60 transactions on one draft item queue up in DynamoDB Local on a busy machine

  it('the same resident\'s vote sent 10 times at once counts once', async () => {
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, resident);
    const votes = await many(10, () => api.request('PUT', `/v1/drafts/${draft.id}/comments/${c.id}/vote`, { as: residentNo(1) }));
    expect(statuses(votes), votes.find((r) => r.status !== 200)?.text).toEqual(Array(10).fill(200));
    expect(votes.every((r) => r.body.votes === 1)).toBe(true);
    expect((await api.request('GET', `/v1/drafts/${draft.id}/comments`)).body.items[0].votes).toBe(1);
  });

  it('20 residents voting at once give exactly 20 votes', async () => {
    const draft = await openDraft(api);
    const c = await postComment(api, draft.id, resident);
    await many(20, (i) => api.token(residentNo(100 + i)));
    const votes = await many(20, (i) => api.request('PUT', `/v1/drafts/${draft.id}/comments/${c.id}/vote`, { as: residentNo(100 + i) }));
    expect(statuses(votes), votes.find((r) => r.status !== 200)?.text).toEqual(Array(20).fill(200));
    expect(Math.max(...votes.map((r) => r.body.votes))).toBe(20);
    expect((await api.request('GET', `/v1/drafts/${draft.id}/comments`)).body.items[0].votes).toBe(20);
  });

  it('concurrent PATCHes with the same If-Match: exactly one 200, the rest 412', async () => {
    const draft = await openDraft(api);
    const patches = await many(8, (i) => api.request('PATCH', `/v1/drafts/${draft.id}`, {
      as: staff, headers: { 'if-match': '"1"' }, body: { tags: [`tag-${i}`], changelog: { fi: `Muutos ${i}` } },
    }));
    expect(statuses(patches), patches.find((r) => ![200, 412].includes(r.status))?.text).toEqual([200, ...Array(7).fill(412)]);
    const winner = patches.find((r) => r.status === 200)!;
    const now = await api.request('GET', `/v1/drafts/${draft.id}`);
    expect(now.body.version).toBe(2);
    expect(now.body.tags).toEqual(winner.body.tags);
    const versions = await api.request('GET', `/v1/drafts/${draft.id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('concurrent publishes: one 200, the rest 409', async () => {
    const draft = await unpublishedDraft(api);
    const publishes = await many(6, () => api.request('POST', `/v1/drafts/${draft.id}/publish`, { as: staff, body: { closesAt: inDays(10) } }));
    expect(statuses(publishes), publishes.find((r) => ![200, 409].includes(r.status))?.text).toEqual([200, ...Array(5).fill(409)]);
    const listed = await api.request('GET', '/v1/drafts?limit=100');
    expect(listed.body.items.filter((d: { id: string }) => d.id === draft.id)).toHaveLength(1);
  });
});
