/**
 * Lists read what they show and select by key: index copies carry no sections or agendas,
 * a status or a section is a key rather than a filter, and the calendar reads a window.
 */
import { describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { draftBody, inDays, openDraft, postComment, residentNo } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

async function scheduledDraft(opensInDays: number) {
  const created = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
  await api.request('POST', `/v1/drafts/${created.body.id}/publish`, { as: staff, body: { opensAt: inDays(opensInDays), closesAt: inDays(opensInDays + 10) } });
  return created.body.id as string;
}

describe('lean lists', () => {
  it('a draft list shows summaries with counts, and no index copy of a draft carries its sections', async () => {
    const draft = await openDraft(api);
    await postComment(api, draft.id, resident);
    const listed = (await api.request('GET', '/v1/drafts?limit=100')).body.items.find((d: { id: string }) => d.id === draft.id);
    expect(listed).toMatchObject({ id: draft.id, sectionCount: 2, commentCount: 1, status: 'open' });
    expect(listed).not.toHaveProperty('sections');
    const indexed = (await scanTable()).filter((i) => i.gsi1pk !== undefined || i.gsi2pk !== undefined || i.gsi3pk !== undefined);
    expect(indexed.filter((i) => String(i.pk).startsWith('DRAFT#') && i.type !== 'comment').length).toBeGreaterThan(0);
    for (const item of indexed) expect(item, String(item.sk)).not.toHaveProperty('sections');
  });

  it('scheduled drafts are exactly the ones not yet open, soonest first; open ones exclude them', async () => {
    const later = await scheduledDraft(9);
    const sooner = await scheduledDraft(3);
    const open = await openDraft(api);
    const scheduled = (await api.request('GET', '/v1/drafts?status=scheduled')).body.items.map((d: { id: string }) => d.id);
    expect(scheduled).toEqual([sooner, later]);
    const opened = (await api.request('GET', '/v1/drafts?status=open&limit=100')).body.items.map((d: { id: string }) => d.id);
    expect(opened).toContain(open.id);
    expect(opened).not.toContain(sooner);
    // Closing a scheduled draft early takes it off the scheduled list
    expect((await api.request('POST', `/v1/drafts/${later}/close`, { as: staff })).status).toBe(200);
    expect((await api.request('GET', '/v1/drafts?status=scheduled')).body.items.map((d: { id: string }) => d.id)).toEqual([sooner]);
  });

  it('popular on one section lists only that section, by votes', async () => {
    const draft = await openDraft(api);
    const [first, second] = draft.sections.map((s) => s.id);
    const a = await postComment(api, draft.id, resident, { body: 'A', sectionId: first });
    const b = await postComment(api, draft.id, resident, { body: 'B', sectionId: first });
    await postComment(api, draft.id, resident, { body: 'C', sectionId: second });
    for (const n of [1, 2]) await api.request('PUT', `/v1/drafts/${draft.id}/comments/${b.id}/vote`, { as: residentNo(n) });
    await api.request('PUT', `/v1/drafts/${draft.id}/comments/${a.id}/vote`, { as: residentNo(3) });
    const listed = (await api.request('GET', `/v1/drafts/${draft.id}/comments?sort=popular&sectionId=${first}`)).body.items;
    expect(listed.map((c: { id: string; votes: number }) => [c.id, c.votes])).toEqual([[b.id, 2], [a.id, 1]]);
  });
});

describe('the calendar reads a window', () => {
  it('shows meetings in its window, not an agenda, with Last-Modified answered 304', async () => {
    const body = (await api.request('POST', '/v1/bodies', { as: staff, body: { name: { fi: 'Lautakunta' }, kind: 'board' } })).body;
    const soon = await api.request('POST', '/v1/meetings', { as: staff, body: { bodyId: body.id, startsAt: inDays(7) } });
    await api.request('POST', '/v1/meetings', { as: staff, body: { bodyId: body.id, startsAt: inDays(800) } });
    await api.request('PUT', `/v1/meetings/${soon.body.id}/agenda`, {
      as: staff, headers: { 'if-match': '"1"' }, body: { items: [{ title: { fi: 'Asia' }, proposal: { fi: 'p'.repeat(10_000) } }] },
    });
    const feed = await api.request('GET', `/v1/meetings.ics?bodyId=${body.id}`);
    expect(feed.status).toBe(200);
    expect(feed.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    const far = await api.request('GET', `/v1/meetings.ics?bodyId=${body.id}&from=${inDays(700).slice(0, 10)}&to=${inDays(900).slice(0, 10)}`);
    expect(far.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect((await api.request('GET', `/v1/meetings.ics?from=2020-01-01&to=2026-01-01`)).status).toBe(400);
    const lastModified = feed.headers.get('last-modified')!;
    expect(Date.parse(lastModified)).toBeGreaterThan(0);
    const again = await api.request('GET', `/v1/meetings.ics?bodyId=${body.id}`, { headers: { 'if-modified-since': lastModified } });
    expect(again.status).toBe(304);
    for (const item of (await scanTable()).filter((i) => i.gsi1pk === 'MEETINGS')) expect(item).not.toHaveProperty('agenda');
  });
});
