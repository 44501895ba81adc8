import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { walk } from '../support/fixtures.ts';
import { scanTable, type Item } from '../support/table.ts';
import { sanitizeAhjoHtml } from '#shared/ahjo/sanitize.ts';

const api = useLocalApi();

const sample = (JSON.parse(readFileSync(new URL('../../../shared/fixtures/ahjo/meetings-sample.json', import.meta.url), 'utf8')) as { meetings: Record<string, any>[] }).meetings;
const copy = (i: number): Record<string, any> => structuredClone(sample[i]!);

const importMeeting = (meeting: unknown) => api.request('POST', '/v1/imports/ahjo/meetings', { as: staff, body: meeting });

/** What the import writes (bodies, meetings, their lookups): not what the event pipeline writes meanwhile. */
const meetingData = (items: Item[]) =>
  items.filter((i) => /^(MEETING|BODY|AHJO)#/.test(String(i.pk)));

describe('importing the sample file', () => {
  const first: Record<string, any> = {};
  let afterFirst: Item[];

  beforeAll(async () => {
    for (const meeting of sample) {
      const res = await importMeeting(meeting);
      first[meeting.MeetingID] = res;
    }
    afterFirst = await scanTable();
  });

  it('every meeting is created, with one body for their one decision maker', async () => {
    for (const meeting of sample) {
      const res = first[meeting.MeetingID];
      expect(res.status, res.text).toBe(201);
      expect(res.body.outcome).toBe('created');
      expect(res.body.warnings).toEqual([]);
      expect(res.body.meeting.source).toEqual({ system: 'ahjo', id: meeting.MeetingID, status: meeting.Status });
    }
    const bodies = await walk(api, '/v1/bodies', 100);
    expect(bodies).toEqual([{ id: expect.any(String), name: { fi: 'Kaupunginhallitus' }, kind: 'board', source: { system: 'ahjo', id: '00400' }, createdAt: expect.any(String) }]);
    const meetings = await walk(api, `/v1/meetings?bodyId=${bodies[0].id}`, 100);
    expect(meetings.map((m) => m.source.id).sort()).toEqual(sample.map((m) => m.MeetingID).sort());
  });

  it('Ahjo\'s Helsinki times become UTC', () => {
    expect(first['00400202035'].body.meeting).toMatchObject({ startsAt: '2020-11-23T14:00:00.000Z', title: { fi: 'Ilona' }, location: { fi: 'siellätäällä' } });
  });

  it('agendas with issued documents are public; empty ones stay unpublished for staff', async () => {
    for (const meeting of sample) {
      const id = first[meeting.MeetingID].body.meeting.id;
      const res = await api.request('GET', `/v1/meetings/${id}`);
      const items = meeting.Agenda.length;
      expect(res.body.agendaStatus).toBe(items > 0 ? 'published' : 'unpublished');
      expect(res.body.agendaItemCount).toBe(items);
      if (items > 0) expect(res.body.agenda.items.map((i: { section: string }) => i.section)).toEqual(meeting.Agenda.map((a: { Section: string }) => a.Section));
      else expect(res.body.agenda).toBeNull();
    }
  });

  it('agenda items keep title, section, case id and the document\'s HTML, sanitised', async () => {
    const meeting = first['00400202035'].body.meeting;
    const [, second] = meeting.agenda.items;
    expect(second).toMatchObject({ number: 2, section: '138 §', caseId: 'HEL-2020-000657', title: { fi: 'il J kaikkee samalla K1 Kymp valm tekee KH:lle 23.11' } });
    expect(second.documents).toEqual([{ language: 'fi', format: 'text/html', pdfUrl: expect.stringMatching(/^https:\/\/ahjohyte/), issuedAt: '2020-11-23T00:00:00.000Z' }]);
    const detail = await api.request('GET', `/v1/meetings/${meeting.id}/items/${second.id}`);
    expect(detail.status).toBe(200);
    expect(detail.headers.get('content-type')).toMatch(/^application\/json/);
    expect(detail.body.documents[0].html).toBe(sanitizeAhjoHtml(sample[0]!.Agenda[1].HTML));
    expect(detail.body.documents[0].html).toMatch(/^<div class="paatos">/);
  });

  it('a published import is kept as the agenda\'s first version, by ahjo', async () => {
    const id = first['00400202045'].body.meeting.id;
    const versions = await api.request('GET', `/v1/meetings/${id}/agenda/versions`);
    expect(versions.body.items).toEqual([{ version: 1, at: expect.any(String), event: 'published', changelog: null, changes: [], by: 'ahjo' }]);
  });

  it('importing the same file again changes nothing at all', async () => {
    for (const meeting of sample) {
      const res = await importMeeting(meeting);
      expect(res.status).toBe(200);
      expect(res.body.outcome).toBe('unchanged');
      expect(res.body.meeting.version).toBe(1);
    }
    expect(meetingData(await scanTable())).toEqual(meetingData(afterFirst));
  });

  it('a changed meeting is updated in place: same meeting, same item ids, a version saying what changed', async () => {
    // Prepare
    const changed = copy(0);
    changed.Location = 'Kaupungintalo';
    changed.Agenda[1].AgendaItem = 'Korjattu otsikko';
    const before = first['00400202035'].body.meeting;
    // Act
    const res = await importMeeting(changed);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('updated');
    expect(res.body.meeting).toMatchObject({ id: before.id, version: 2, agendaVersion: 2, location: { fi: 'Kaupungintalo' } });
    expect(res.body.meeting.agenda.items.map((i: { id: string }) => i.id)).toEqual(before.agenda.items.map((i: { id: string }) => i.id));
    const versions = await api.request('GET', `/v1/meetings/${before.id}/agenda/versions`);
    expect(versions.body.items[0]).toMatchObject({
      version: 2, event: 'corrected', by: 'ahjo', changelog: { fi: 'Päivitetty Ahjosta', sv: 'Uppdaterad från Ahjo', en: 'Updated from Ahjo' },
      changes: [{ itemId: before.agenda.items[1].id, number: 2, change: 'changed', fields: ['title'] }],
    });
    const all = await walk(api, '/v1/meetings?from=2020-11-23&to=2020-11-23', 100);
    expect(all.filter((m) => m.source?.id === '00400202035')).toHaveLength(1);
  });

  it('an agenda Ahjo publishes later becomes public on re-import', async () => {
    const later = copy(3);
    later.AgendaPublished = true;
    later.Agenda = [{ ...structuredClone(sample[0]!.Agenda[0]), PDF: null }];
    const res = await importMeeting(later);
    expect(res.body).toMatchObject({ outcome: 'updated', meeting: { id: first['0040020201'].body.meeting.id, agendaStatus: 'published', agendaItemCount: 1 } });
  });
});

describe('messy meetings', () => {
  it('a cancelled (peruttu) meeting is imported as cancelled', async () => {
    const res = await importMeeting({ ...copy(4), MeetingID: '0040020299', Status: 'peruttu' });
    expect(res.status).toBe(201);
    expect(res.body.meeting.status).toBe('cancelled');
  });

  it('what could only be imported with a fallback is reported as warnings', async () => {
    const messy: Record<string, any> = { ...copy(1), MeetingID: '0040020298', Status: 'Outo tila', Name: null };
    messy.Agenda[1] = { ...messy.Agenda[1], AgendaItem: null, PDF: null, HTML: null };
    const res = await importMeeting(messy);
    expect(res.status).toBe(201);
    expect(res.body.meeting.title).toEqual({ fi: 'Kaupunginhallitus 39/2020' });
    expect(res.body.meeting.agenda.items[1].title).toEqual({ fi: 'Asia 147 §' });
    expect(res.body.warnings.map((w: { path: string }) => w.path)).toEqual(['Status', 'Agenda.1.AgendaItem']);
  });

  it('a meeting that cannot be mapped is a 422 naming each field, and nothing is stored', async () => {
    const before = meetingData(await scanTable());
    const res = await importMeeting({ ...copy(0), MeetingID: null, DateMeeting: 'ensi tiistaina' });
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/\/ahjo-unmappable$/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['MeetingID', 'DateMeeting']);
    expect(meetingData(await scanTable())).toEqual(before);
  });

  it('an agenda entry that is not an item refuses the whole meeting', async () => {
    const before = meetingData(await scanTable());
    const res = await importMeeting({ ...copy(0), MeetingID: '0040020297', Agenda: [sample[0]!.Agenda[0], 'roska'] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'Agenda.1', message: 'not an agenda item' }]);
    expect(meetingData(await scanTable())).toEqual(before);
  });

  it('an agenda too large for one meeting is refused whole', async () => {
    const before = await scanTable();
    const huge = copy(0);
    huge.MeetingID = '0040020296';
    huge.Agenda = Array.from({ length: 400 }, (_, i) => ({ ...structuredClone(sample[0]!.Agenda[1]), AgendaPoint: String(i + 1), AgendaItem: `Asia ${i} ${'x'.repeat(900)}` }));
    const res = await importMeeting(huge);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('Agenda');
    expect(meetingData(await scanTable())).toEqual(meetingData(before));
  });

  it('a meeting of more than a hundred items is imported whole', async () => {
    const big = copy(0);
    big.MeetingID = '0040020295';
    big.Agenda = Array.from({ length: 120 }, (_, i) => ({ ...structuredClone(sample[0]!.Agenda[1]), AgendaPoint: String(i + 1), AgendaItem: `Asia ${i + 1}` }));
    const res = await importMeeting(big);
    expect(res.status, res.text).toBe(201);
    expect(res.body.meeting.agendaItemCount).toBe(120);
    const again = await importMeeting(big);
    expect(again.body.outcome).toBe('unchanged');
  });

  it('what is not a meeting object at all is a 400', async () => {
    expect((await importMeeting([sample[0]])).status).toBe(400);
    expect((await importMeeting({ ...copy(0), MeetingID: { id: 1 } })).status).toBe(400);
  });

  it('only staff import', async () => {
    expect((await api.request('POST', '/v1/imports/ahjo/meetings', { body: sample[0] })).status).toBe(401);
    expect((await api.request('POST', '/v1/imports/ahjo/meetings', { as: resident, body: sample[0] })).status).toBe(403);
  });
});

describe('staff work on an imported agenda survives a re-import', () => {
  it('a linked draft and a decision stay with their items', async () => {
    const meeting: Record<string, any> = { ...copy(2), MeetingID: '0040020294' };
    const created = (await importMeeting(meeting)).body.meeting;
    const item = created.agenda.items[1];
    const decision = await api.request('POST', `/v1/meetings/${created.id}/items/${item.id}/decision`, {
      as: staff, body: { outcome: 'approved', text: { fi: 'Hyväksyttiin.' } },
    });
    expect(decision.status, decision.text).toBe(201);
    // Ahjo later drops the item: it has a decision, so it stays, reported.
    const dropped = { ...meeting, Agenda: meeting.Agenda.filter((_: unknown, i: number) => i !== 1) };
    const res = await importMeeting(dropped);
    expect(res.body.outcome).toBe('updated');
    const kept = res.body.meeting.agenda.items.find((i: { id: string }) => i.id === item.id);
    expect(kept).toMatchObject({ decisionId: decision.body.id, number: 5 });
    expect(res.body.warnings[0].message).toMatch(/has a decision/);
  });
});
