/** The staff workflow over HTTP: unpublished and withdrawn lists, withdrawal, extension, preview links. */
import { describe, expect, it } from 'vitest';
import { previewToken } from '#shared/drafts/preview.ts';
import { resident, staff, useLocalApi, type User } from '../support/local.ts';
import { draftBody, inDays, openDraft, unpublishedDraft, walk } from '../support/fixtures.ts';

const api = useLocalApi();
const follower: User = { sub: 'follower-sw', name: 'Fiona Follower' };
const reason = { fi: 'Suunnitelma valmistellaan uudelleen.', sv: 'Planen bereds på nytt.' };

const feed = async (as: User) => {
  await api.runtime.events!.idle();
  const res = await api.request('GET', '/v1/me/notifications?limit=100', { as });
  expect(res.status).toBe(200);
  return res.body.items as { event: string; draftId?: string; [k: string]: unknown }[];
};

const staffList = (status: string) => walkAs(`/v1/drafts?status=${status}`, staff);
async function walkAs(path: string, as: User) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; text: string; body: any } = await api.request('GET', `${path}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as });
    expect(res.status, res.text).toBe(200);
    ids.push(...res.body.items.map((d: { id: string }) => d.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

describe('unpublished drafts', () => {
  it('staff list unpublished drafts, newest first; published ones are not among them', async () => {
    // Prepare
    const older = await unpublishedDraft(api);
    const newer = await unpublishedDraft(api);
    const published = await openDraft(api);
    // Act
    const ids = await staffList('unpublished');
    // Assess
    expect(ids.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(ids).not.toContain(published.id);
  });

  it('the unpublished list is for staff only: 401 without a token, 403 for a resident', async () => {
    // Act
    const anonymous = await api.request('GET', '/v1/drafts?status=unpublished');
    const asResident = await api.request('GET', '/v1/drafts?status=unpublished', { as: resident });
    // Assess
    expect(anonymous.status).toBe(401);
    expect(asResident.status).toBe(403);
    expect(asResident.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('withdrawing a draft', () => {
  it('a withdrawn draft is public with its reason, listed as withdrawn and no longer as open', async () => {
    // Prepare
    const draft = await openDraft(api);
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/withdraw`, { as: staff, body: { reason } });
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', withdrawal: { reason } });
    const read = await api.request('GET', `/v1/drafts/${draft.id}`);
    expect(read.body).toMatchObject({ status: 'withdrawn', withdrawal: { reason, at: res.body.withdrawal.at } });
    expect(await walk(api, '/v1/drafts?status=withdrawn', 100)).toEqual(expect.arrayContaining([expect.objectContaining({ id: draft.id, status: 'withdrawn' })]));
    expect((await walk(api, '/v1/drafts?status=open', 100)).map((d) => d.id)).not.toContain(draft.id);
    expect((await walk(api, '/v1/drafts?status=closed', 100)).map((d) => d.id)).not.toContain(draft.id);
  });

  it('a withdrawn draft refuses comments with 409 participation-closed', async () => {
    // Prepare
    const draft = await openDraft(api);
    await api.request('POST', `/v1/drafts/${draft.id}/withdraw`, { as: staff, body: { reason } });
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: resident, body: { body: 'Vielä ehdin?' } });
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/participation-closed$/);
  });

  it('a withdrawn draft cannot be withdrawn again, nor an unpublished one withdrawn: 409', async () => {
    // Prepare
    const draft = await openDraft(api);
    await api.request('POST', `/v1/drafts/${draft.id}/withdraw`, { as: staff, body: { reason } });
    const unpublished = await unpublishedDraft(api);
    // Act
    const again = await api.request('POST', `/v1/drafts/${draft.id}/withdraw`, { as: staff, body: { reason } });
    const never = await api.request('POST', `/v1/drafts/${unpublished.id}/withdraw`, { as: staff, body: { reason } });
    // Assess
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/\/already-withdrawn$/);
    expect(never.status).toBe(409);
    expect(never.body.type).toMatch(/\/not-published$/);
  });

  it('followers hear that the draft was withdrawn, with the reason', async () => {
    // Prepare
    const draft = await openDraft(api);
    await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: follower });
    // Act
    await api.request('POST', `/v1/drafts/${draft.id}/withdraw`, { as: staff, body: { reason } });
    // Assess
    const mine = (await feed(follower)).filter((n) => n.draftId === draft.id);
    expect(mine).toEqual([expect.objectContaining({ event: 'DraftWithdrawn', reason, title: draftBody().title })]);
  });
});

describe('extending a draft', () => {
  it('staff extend an open draft by PATCH of closesAt, and followers are told', async () => {
    // Prepare
    const draft = await openDraft(api);
    await api.request('PUT', `/v1/drafts/${draft.id}/subscription`, { as: follower });
    const later = inDays(30);
    // Act
    const res = await api.request('PATCH', `/v1/drafts/${draft.id}`, { as: staff, body: { closesAt: later }, headers: { 'if-match': `"${draft.version}"` } });
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'open', closesAt: later, version: draft.version + 1 });
    const mine = (await feed(follower)).filter((n) => n.draftId === draft.id);
    expect(mine).toEqual([expect.objectContaining({ event: 'DraftExtended', closesAt: later })]);
  });

  it('an earlier deadline is 422 and a closed draft cannot be extended (409); neither changes the draft', async () => {
    // Prepare
    const draft = await openDraft(api);
    const closed = await openDraft(api);
    const closing = await api.request('POST', `/v1/drafts/${closed.id}/close`, { as: staff });
    // Act
    const earlier = await api.request('PATCH', `/v1/drafts/${draft.id}`, { as: staff, body: { closesAt: inDays(1) }, headers: { 'if-match': `"${draft.version}"` } });
    const ended = await api.request('PATCH', `/v1/drafts/${closed.id}`, { as: staff, body: { closesAt: inDays(30) }, headers: { 'if-match': `"${closing.body.version}"` } });
    // Assess
    expect(earlier.status).toBe(422);
    expect(earlier.body.errors).toEqual([expect.objectContaining({ path: 'body.closesAt' })]);
    expect(ended.status).toBe(409);
    expect((await api.request('GET', `/v1/drafts/${draft.id}`)).body.version).toBe(draft.version);
    expect((await api.request('GET', `/v1/drafts/${closed.id}`)).body.status).toBe('closed');
  });
});

describe('preview links', () => {
  it('a preview link opens the unpublished draft to whoever holds it, and to nobody without it', async () => {
    // Prepare
    const draft = await unpublishedDraft(api);
    // Act
    const link = await api.request('POST', `/v1/drafts/${draft.id}/preview-link`, { as: staff, body: { expiresInHours: 2 } });
    // Assess
    expect(link.status, link.text).toBe(201);
    const url = new URL(link.body.url);
    expect(url.pathname).toBe(`/v1/drafts/${draft.id}`);
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeGreaterThan(1.9 * 3_600_000);
    const opened = await api.request('GET', `${url.pathname}${url.search}`);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toMatchObject({ id: draft.id, status: 'draft' });
    expect(opened.headers.get('cache-control')).toBe('private, no-store');
    expect((await api.request('GET', `/v1/drafts/${draft.id}`)).status).toBe(404);
    expect((await api.request('GET', `/v1/drafts/${draft.id}`, { as: resident })).status).toBe(404);
  });

  it('a tampered, foreign or expired preview token is 404', async () => {
    // Prepare
    const draft = await unpublishedDraft(api);
    const other = await unpublishedDraft(api);
    const link = await api.request('POST', `/v1/drafts/${draft.id}/preview-link`, { as: staff, body: {} });
    const token = new URL(link.body.url).searchParams.get('preview')!;
    const [expires, mac] = token.split('.') as [string, string];
    const tampered = [
      `${Number(expires) + 3600}.${mac}`,
      `${expires}.${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`,
      `${expires}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${expires}.`,
      'not-a-token',
    ];
    const expired = await previewToken(draft.id, new Date(Date.now() - 1000));
    // Act
    const answers = await Promise.all([
      ...tampered.map((t) => api.request('GET', `/v1/drafts/${draft.id}?preview=${encodeURIComponent(t)}`)),
      api.request('GET', `/v1/drafts/${other.id}?preview=${token}`),
      api.request('GET', `/v1/drafts/${draft.id}?preview=${expired}`),
    ]);
    // Assess
    for (const res of answers) {
      expect(res.status, res.text).toBe(404);
      expect(res.body.type).toMatch(/\/not-found$/);
    }
  });

  it('a preview link for a draft that does not exist is 404', async () => {
    // Act
    const res = await api.request('POST', '/v1/drafts/01KAP3Z6X5N7V2J8Q4R9T0W1YB/preview-link', { as: staff, body: {} });
    // Assess
    expect(res.status).toBe(404);
  });
});
