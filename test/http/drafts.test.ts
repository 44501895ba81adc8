import { describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { draftBody, inDays, openDraft } from '../support/fixtures.ts';

const api = useLocalApi();

describe('drafts over HTTP', () => {
  it('staff create a draft at version 1 with section ids and an ETag', async () => {
    // Prepare / Act
    const res = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, status: 'draft', commentCount: 0, caseId: 'HEL-2025-001216', commenting: 'registered' });
    expect(res.body.sections).toHaveLength(2);
    expect(res.body.sections[0].id).toMatch(/^[0-9A-Z]{26}$/);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/v1/drafts/${res.body.id}`);
  });

  it('an unpublished draft is invisible to everyone but staff', async () => {
    const { body } = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
    expect((await api.request('GET', `/v1/drafts/${body.id}`)).status).toBe(404);
    expect((await api.request('GET', `/v1/drafts/${body.id}`, { as: resident })).status).toBe(404);
    expect((await api.request('GET', `/v1/drafts/${body.id}`, { as: staff })).status).toBe(200);
  });

  it('publishing opens participation, or schedules it', async () => {
    const { body } = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
    const res = await api.request('POST', `/v1/drafts/${body.id}/publish`, { as: staff, body: { opensAt: inDays(2), closesAt: inDays(9) } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('scheduled');
    const again = await api.request('POST', `/v1/drafts/${body.id}/publish`, { as: staff, body: { closesAt: inDays(9) } });
    expect(again.status).toBe(409);
  });

  it('a stale If-Match is 412, a missing one 428', async () => {
    const draft = await openDraft(api);
    const missing = await api.request('PATCH', `/v1/drafts/${draft.id}`, { as: staff, body: { tags: ['x'], changelog: { fi: 'x' } } });
    expect(missing.status).toBe(428);
    const stale = await api.request('PATCH', `/v1/drafts/${draft.id}`, {
      as: staff, body: { tags: ['x'], changelog: { fi: 'x' } }, headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
  });

  it('editing a published draft needs a changelog and keeps every version', async () => {
    const draft = await openDraft(api);
    const noLog = await api.request('PATCH', `/v1/drafts/${draft.id}`, { as: staff, body: { tags: ['a'] }, headers: { 'if-match': '"1"' } });
    expect(noLog.status).toBe(422);
    const edited = await api.request('PATCH', `/v1/drafts/${draft.id}`, {
      as: staff, body: { tags: ['a'], changelog: { fi: 'Lisätty tunniste', sv: 'Tagg tillagd' } }, headers: { 'if-match': '"1"' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.headers.get('etag')).toBe('"2"');
    const versions = await api.request('GET', `/v1/drafts/${draft.id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[0].changelog).toEqual({ fi: 'Lisätty tunniste', sv: 'Tagg tillagd' });
  });

  it('a draft whose closesAt has passed reads as closed', async () => {
    const draft = await openDraft(api);
    const closed = await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff });
    expect(closed.body.status).toBe('closed');
    const list = await api.request('GET', '/v1/drafts?status=closed');
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(draft.id);
    const open = await api.request('GET', '/v1/drafts?status=open&limit=100');
    expect(open.body.items.map((d: { id: string }) => d.id)).not.toContain(draft.id);
  });

  it('a forged cursor is a 400', async () => {
    const res = await api.request('GET', '/v1/drafts?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
