import { afterEach, describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { inDays, openDraft, walk } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

const bodyOf = async (name = 'Kaupunginvaltuusto', kind = 'council') => {
  const res = await api.request('POST', '/v1/bodies', { as: staff, body: { name: { fi: name, sv: `${name} (sv)` }, kind } });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
};

const meetingOf = async (bodyId: string, startsAt = inDays(10), extra: Record<string, unknown> = {}) => {
  const res = await api.request('POST', '/v1/meetings', { as: staff, body: { bodyId, startsAt, ...extra } });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number };
};

const item = (fi: string, extra: Record<string, unknown> = {}) => ({ title: { fi, sv: `${fi} (sv)` }, ...extra });

const putAgenda = (id: string, version: number, body: Record<string, unknown>) =>
  api.request('PUT', `/v1/meetings/${id}/agenda`, { as: staff, body, headers: { 'if-match': `"${version}"` } });

describe('bodies', () => {
  it('staff create bodies that everyone can list and read', async () => {
    const body = await bodyOf('Kaupunginhallitus', 'board');
    const list = await walk(api, '/v1/bodies', 100);
    expect(list).toContainEqual({ id: body.id, name: { fi: 'Kaupunginhallitus', sv: 'Kaupunginhallitus (sv)' }, kind: 'board', source: null, createdAt: expect.any(String) });
    expect((await api.request('GET', `/v1/bodies/${body.id}`)).body.kind).toBe('board');
  });

  it('a kind outside the list is a 400', async () => {
    const res = await api.request('POST', '/v1/bodies', { as: staff, body: { name: { fi: 'X' }, kind: 'parliament' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.kind');
  });
});

describe('meetings', () => {
  it('staff schedule a meeting with an unpublished, empty agenda', async () => {
    const body = await bodyOf();
    const res = await api.request('POST', '/v1/meetings', {
      as: staff,
      body: { bodyId: body.id, startsAt: '2027-02-01T15:00:00.000Z', endsAt: '2027-02-01T18:00:00.000Z', location: { fi: 'Valtuustosali' }, title: { fi: 'Kokous 1/2027' } },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/v1/meetings/${res.body.id}`);
    expect(res.body).toMatchObject({
      version: 1, bodyId: body.id, startsAt: '2027-02-01T15:00:00.000Z', endsAt: '2027-02-01T18:00:00.000Z',
      status: 'scheduled', agendaStatus: 'unpublished', agendaPublishedAt: null, agenda: { items: [] },
    });
  });

  it('a meeting of a body that does not exist is a 422, and nothing is stored', async () => {
    const meetings = async () => (await scanTable()).filter((i) => String(i.pk).startsWith('MEETING#'));
    const before = await meetings();
    const res = await api.request('POST', '/v1/meetings', { as: staff, body: { bodyId: '01KAP5A0B1C2D3E4F5G6H7J8KC', startsAt: inDays(3) } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'body.bodyId', message: 'unknown body' }]);
    expect(await meetings()).toEqual(before);
  });

  it('a meeting cannot end before it starts', async () => {
    const body = await bodyOf();
    const res = await api.request('POST', '/v1/meetings', { as: staff, body: { bodyId: body.id, startsAt: inDays(3), endsAt: inDays(2) } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('body.endsAt');
  });

  it('lists by body and date range in start order, one page at a time', async () => {
    const council = await bodyOf();
    const board = await bodyOf('Kaupunginhallitus', 'board');
    const starts = ['2030-03-05T10:00:00.000Z', '2030-03-01T10:00:00.000Z', '2030-03-20T10:00:00.000Z', '2030-04-02T10:00:00.000Z'];
    for (const s of starts) await meetingOf(council.id, s);
    await meetingOf(board.id, '2030-03-10T10:00:00.000Z');
    const march = await walk(api, `/v1/meetings?bodyId=${council.id}&from=2030-03-01&to=2030-03-31`, 2);
    expect(march.map((m) => m.startsAt)).toEqual(['2030-03-01T10:00:00.000Z', '2030-03-05T10:00:00.000Z', '2030-03-20T10:00:00.000Z']);
    expect(march.every((m) => m.agenda === null)).toBe(true);
    const everyBody = await walk(api, '/v1/meetings?from=2030-03-01T00:00:00.000Z&to=2030-03-15T00:00:00.000Z', 100);
    expect(everyBody.map((m) => m.startsAt)).toEqual(['2030-03-01T10:00:00.000Z', '2030-03-05T10:00:00.000Z', '2030-03-10T10:00:00.000Z']);
  });

  it('from after to is a 400', async () => {
    const res = await api.request('GET', '/v1/meetings?from=2030-03-31&to=2030-03-01');
    expect(res.status).toBe(400);
  });

  it('a cursor from another body\'s list is a 400', async () => {
    const a = await bodyOf();
    const b = await bodyOf();
    await meetingOf(a.id);
    await meetingOf(a.id);
    const page = await api.request('GET', `/v1/meetings?bodyId=${a.id}&limit=1`);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const foreign = await api.request('GET', `/v1/meetings?bodyId=${b.id}&cursor=${page.body.nextCursor}`);
    expect(foreign.status).toBe(400);
  });

  it('staff reschedule or cancel a meeting with If-Match', async () => {
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    const stale = await api.request('PATCH', `/v1/meetings/${meeting.id}`, { as: staff, body: { status: 'cancelled' }, headers: { 'if-match': '"9"' } });
    expect(stale.status).toBe(412);
    const res = await api.request('PATCH', `/v1/meetings/${meeting.id}`, { as: staff, body: { status: 'cancelled', location: null }, headers: { 'if-match': '"1"' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, status: 'cancelled', location: null });
  });
});

describe('agendas', () => {
  it('PUT replaces the agenda, numbered 1..n in order; unpublished it is staff-only', async () => {
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    const res = await putAgenda(meeting.id, 1, { items: [item('Kokouksen avaus'), item('Talousarvio', { caseId: 'HEL-2025-001216' })] });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body.agenda.items.map((i: { number: number; title: { fi: string } }) => [i.number, i.title.fi])).toEqual([[1, 'Kokouksen avaus'], [2, 'Talousarvio']]);
    const publicView = await api.request('GET', `/v1/meetings/${meeting.id}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body).toMatchObject({ agendaStatus: 'unpublished', agenda: null, agendaItemCount: 2 });
    expect((await api.request('GET', `/v1/meetings/${meeting.id}`, { as: resident })).body.agenda).toBeNull();
    expect((await api.request('GET', `/v1/meetings/${meeting.id}`, { as: staff })).body.agenda.items).toHaveLength(2);
    const itemId = res.body.agenda.items[0].id;
    expect((await api.request('GET', `/v1/meetings/${meeting.id}/items/${itemId}`)).status).toBe(404);
  });

  it('If-Match is required (428) and must be current (412)', async () => {
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    const missing = await api.request('PUT', `/v1/meetings/${meeting.id}/agenda`, { as: staff, body: { items: [item('A')] } });
    expect(missing.status).toBe(428);
    expect((await putAgenda(meeting.id, 2, { items: [item('A')] })).status).toBe(412);
  });

  it('publishing makes the agenda public', async () => {
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    const agenda = await putAgenda(meeting.id, 1, { items: [item('Kokouksen avaus')] });
    const res = await api.request('POST', `/v1/meetings/${meeting.id}/agenda/publish`, { as: staff });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ agendaStatus: 'published', agendaPublishedAt: expect.any(String), version: 3 });
    const publicView = await api.request('GET', `/v1/meetings/${meeting.id}`);
    expect(publicView.body.agenda.items[0]).toMatchObject({ id: agenda.body.agenda.items[0].id, number: 1, title: { fi: 'Kokouksen avaus' }, decisionId: null });
    const one = await api.request('GET', `/v1/meetings/${meeting.id}/items/${agenda.body.agenda.items[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body.documents).toEqual([]);
    const again = await api.request('POST', `/v1/meetings/${meeting.id}/agenda/publish`, { as: staff });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/\/already-published$/);
  });

  it('an empty agenda cannot be published', async () => {
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    expect((await api.request('POST', `/v1/meetings/${meeting.id}/agenda/publish`, { as: staff })).status).toBe(422);
  });

  describe('with two required languages', () => {
    const previous = process.env.REQUIRED_LANGUAGES;
    afterEach(() => {
      if (previous === undefined) delete process.env.REQUIRED_LANGUAGES;
      else process.env.REQUIRED_LANGUAGES = previous;
    });

    it('publishing names every item field that lacks one (422)', async () => {
      process.env.REQUIRED_LANGUAGES = 'fi,sv';
      const body = await bodyOf();
      const meeting = await meetingOf(body.id);
      await putAgenda(meeting.id, 1, { items: [item('Avaus'), { title: { fi: 'Vain suomeksi' } }] });
      const res = await api.request('POST', `/v1/meetings/${meeting.id}/agenda/publish`, { as: staff });
      expect(res.status).toBe(422);
      expect(res.body.type).toMatch(/\/missing-languages$/);
      expect(res.body.missing).toEqual([{ path: 'agenda.items.1.title', languages: ['sv'] }]);
      expect((await api.request('GET', `/v1/meetings/${meeting.id}`)).body.agendaStatus).toBe('unpublished');
    });
  });

  it('an item may link a draft; a draft that does not exist is a 422', async () => {
    const draft = await openDraft(api);
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    const linked = await putAgenda(meeting.id, 1, { items: [item('Puistosuunnitelma', { draftId: draft.id, caseId: 'HEL-2025-001216' })] });
    expect(linked.body.agenda.items[0]).toMatchObject({ draftId: draft.id, caseId: 'HEL-2025-001216' });
    const unknown = await putAgenda(meeting.id, 2, { items: [item('A'), item('B', { draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB' })] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: 'body.items.1.draftId', message: 'unknown draft' }]);
  });

  it('a published agenda can be corrected with a changelog, and every change is kept as a version', async () => {
    // Prepare
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    const first = await putAgenda(meeting.id, 1, { items: [item('Avaus'), item('Talousarvio'), item('Muut asiat')] });
    const [opening, budget, other] = first.body.agenda.items as { id: string }[];
    await api.request('POST', `/v1/meetings/${meeting.id}/agenda/publish`, { as: staff });
    // Act
    const noLog = await putAgenda(meeting.id, 3, { items: [{ id: opening!.id, ...item('Avaus') }] });
    const corrected = await putAgenda(meeting.id, 3, {
      items: [{ id: opening!.id, ...item('Avaus') }, { id: budget!.id, ...item('Talousarvio 2027') }, item('Lisäasia')],
      changelog: { fi: 'Talousarvion otsikko korjattu, lisäasia', sv: 'Rättelse' },
    });
    // Assess
    expect(noLog.status).toBe(422);
    expect(noLog.body.errors).toEqual([{ path: 'body.changelog', message: 'required when correcting a published agenda' }]);
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body).toMatchObject({ version: 4, agendaVersion: 2, agendaStatus: 'published' });
    const versions = await api.request('GET', `/v1/meetings/${meeting.id}/agenda/versions`);
    expect(versions.body.items.map((v: { version: number; event: string }) => [v.version, v.event])).toEqual([[2, 'corrected'], [1, 'published']]);
    const [correction] = versions.body.items;
    expect(correction).toMatchObject({ at: expect.any(String), by: 'staff', changelog: { fi: 'Talousarvion otsikko korjattu, lisäasia', sv: 'Rättelse' } });
    const added = corrected.body.agenda.items[2].id;
    expect(correction.changes).toEqual([
      { itemId: budget!.id, number: 2, change: 'changed', fields: ['title'] },
      { itemId: added, number: 3, change: 'added', fields: [] },
      { itemId: other!.id, number: null, change: 'removed', fields: [] },
    ]);
    const asPublished = await api.request('GET', `/v1/meetings/${meeting.id}/agenda/versions/1`);
    expect(asPublished.body.items.map((i: { title: { fi: string } }) => i.title.fi)).toEqual(['Avaus', 'Talousarvio', 'Muut asiat']);
  });

  it('replacing with the same items changes nothing', async () => {
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    const first = await putAgenda(meeting.id, 1, { items: [item('Avaus')] });
    const same = await putAgenda(meeting.id, 2, { items: [{ id: first.body.agenda.items[0].id, ...item('Avaus') }] });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
  });

  it('an id the agenda does not have is a 422', async () => {
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    const res = await putAgenda(meeting.id, 1, { items: [{ id: '01KAP5A0B1C2D3E4F5G6H7J8KD', ...item('A') }] });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('body.items.0.id');
  });

  it('an agenda of many items is saved whole (more than one transaction could hold)', async () => {
    const body = await bodyOf();
    const meeting = await meetingOf(body.id);
    const items = Array.from({ length: 150 }, (_, i) => item(`Asia ${i + 1}`, { summary: { fi: 'Tiivistelmä '.repeat(20) } }));
    const res = await putAgenda(meeting.id, 1, { items });
    expect(res.status, res.text).toBe(200);
    expect(res.body.agenda.items).toHaveLength(150);
    expect(res.body.agenda.items[149].number).toBe(150);
  });

  it('unknown meetings are 404', async () => {
    expect((await api.request('GET', '/v1/meetings/01KAP5A0B1C2D3E4F5G6H7J8KB')).status).toBe(404);
    expect((await putAgenda('01KAP5A0B1C2D3E4F5G6H7J8KB', 1, { items: [] })).status).toBe(404);
    expect((await api.request('GET', '/v1/meetings/not-an-id')).status).toBe(404);
  });
});
