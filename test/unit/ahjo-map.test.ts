import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyKind, mapMeeting, type MeetingPlan } from '#shared/ahjo/map.ts';
import { ahjoTime } from '#shared/ahjo/time.ts';
import { caseIdFrom, htmlCaseId, htmlLanguage, htmlTitle } from '#shared/ahjo/html.ts';
import type { AhjoMeeting } from '#shared/ahjo/schema.ts';
import { sanitizeAhjoHtml } from '#shared/ahjo/sanitize.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../shared/fixtures/ahjo/${name}`, import.meta.url), 'utf8'));
const meetings = fixture('meetings-sample.json').meetings as AhjoMeeting[];
const options = { supportedLanguages: ['fi', 'sv', 'en'], maxHtmlBytes: 300_000, maxTitleLength: 1_000 };

const plan = (raw: unknown): MeetingPlan => {
  const mapped = mapMeeting(raw as AhjoMeeting, options);
  if ('errors' in mapped) throw new Error(JSON.stringify(mapped.errors));
  return mapped.plan;
};
const errorsOf = (raw: unknown) => {
  const mapped = mapMeeting(raw as AhjoMeeting, options);
  return 'errors' in mapped ? mapped.errors : [];
};
const first = () => structuredClone(meetings[0]!) as Record<string, any>;

describe('Ahjo times', () => {
  it('are Helsinki wall-clock time, in winter two hours ahead of UTC', () => {
    expect(ahjoTime('2020-11-23T16:00:00.000')).toBe('2020-11-23T14:00:00.000Z');
  });

  it('are three hours ahead in summer', () => {
    expect(ahjoTime('2025-06-10T16:00:00.000')).toBe('2025-06-10T13:00:00.000Z');
  });

  it('keep an offset they name themselves', () => {
    expect(ahjoTime('2025-06-10T16:00:00.000Z')).toBe('2025-06-10T16:00:00.000Z');
    expect(ahjoTime('2025-06-10T16:00:00+03:00')).toBe('2025-06-10T13:00:00.000Z');
  });

  it('refuse what is not a real time', () => {
    for (const bad of [null, '', 'null', '2020-02-30T10:00:00', '2020-11-23T25:00:00', 'huomenna', 20201123]) expect(ahjoTime(bad)).toBeUndefined();
  });
});

describe('Ahjo document HTML', () => {
  const html = (meetings[0]!.Agenda as { HTML: string }[])[1]!.HTML;

  it('tells its language, title and case number', () => {
    expect(htmlLanguage(html)).toBe('fi');
    expect(htmlTitle(html)).toBe('il J kaikkee samalla K1 Kymp valm tekee KH:lle 23.11');
    expect(htmlCaseId(html)).toBe('HEL-2020-000657');
  });

  it('case labels become case ids as drafts carry them', () => {
    expect(caseIdFrom(fixture('case.json').CaseIDLabel)).toBe('HEL-2025-001216');
    expect(caseIdFrom('ei diaarinumeroa')).toBeUndefined();
  });
});

describe('decision makers become bodies of a kind', () => {
  it('by the words of their Finnish names', () => {
    const kinds = (fixture('decisionmakers.json').decisionMakers as { Organization: { Name: string } }[]).map((d) => bodyKind(d.Organization.Name));
    expect(kinds).toEqual(['board', 'other', 'other', 'other', 'other', 'other']);
    expect(bodyKind('Kaupunginvaltuusto')).toBe('council');
    expect(bodyKind('Kaupunkiympäristölautakunta')).toBe('committee');
    expect(bodyKind('Kaupunginhallituksen elinkeinojaosto')).toBe('division');
  });
});

describe('every meeting of the sample file maps', () => {
  it.each(meetings.map((m) => [m.MeetingID, m] as const))('%s', (_, raw) => {
    const p = plan(raw);
    expect(p.ahjoId).toBe(raw.MeetingID);
    expect(p.body).toEqual({ decisionMakerId: '00400', name: { fi: 'Kaupunginhallitus' }, kind: 'board' });
    expect(p.meeting.startsAt).toBe(ahjoTime(raw.DateMeeting));
    expect(p.items.map((i) => i.number)).toEqual((raw.Agenda ?? []).map((_, i) => i + 1));
    // Items with issued documents make the agenda public; the empty ones stay for staff.
    expect(p.public).toBe((raw.Agenda ?? []).length > 0);
    expect(p.warnings).toEqual([]);
  });

  it('keeps titles, sections, case ids and the HTML as data', () => {
    const [legality, item] = plan(meetings[0]).items;
    expect(legality).toMatchObject({ key: 'point:1', section: '137 §', title: { fi: 'Kokouksen laillisuuden ja päätösvaltaisuuden toteaminen sekä pöytäkirjan tarkastajien valinta' } });
    expect(legality!.caseId).toBeUndefined();
    expect(item).toMatchObject({ key: 'point:2', section: '138 §', caseId: 'HEL-2020-000657' });
    expect(item!.documents).toEqual([{
      language: 'fi',
      html: sanitizeAhjoHtml((meetings[0]!.Agenda as { HTML: string }[])[1]!.HTML),
      pdfUrl: 'https://ahjohyte.hel.fi:9802/ahjorest/v1/content/%7B8127A7AA-CA83-CCA1-86BC-7B2A0A900000%7D',
      issuedAt: '2020-11-23T00:00:00.000Z',
    }]);
  });
});

describe('messy Ahjo data', () => {
  it('a cancelled (peruttu) meeting is imported as cancelled', () => {
    expect(plan({ ...first(), Status: 'peruttu' }).meeting.status).toBe('cancelled');
    expect(plan({ ...first(), Status: 'Kokous peruttu' }).meeting.status).toBe('cancelled');
  });

  it('an unknown status is a warning, the meeting stays scheduled', () => {
    const p = plan({ ...first(), Status: 'Siirretty' });
    expect(p.meeting.status).toBe('scheduled');
    expect(p.warnings).toEqual([{ path: 'Status', message: expect.stringContaining('Siirretty') }]);
  });

  it('an item without any title gets a named placeholder and a warning', () => {
    const raw = first();
    raw.Agenda[1] = { ...raw.Agenda[1], AgendaItem: null, PDF: null, HTML: '' };
    const p = plan(raw);
    expect(p.items[1]!.title).toEqual({ fi: 'Asia 138 §' });
    expect(p.warnings).toEqual([{ path: 'Agenda.1.AgendaItem', message: 'no title in Ahjo; shown as "Asia 138 §"' }]);
  });

  it('a missing AgendaItem falls back to the document title', () => {
    const raw = first();
    raw.Agenda[0].AgendaItem = '   ';
    expect(plan(raw).items[0]!.title.fi).toBe(raw.Agenda[0].PDF.Title);
  });

  it('language versions of one agenda point become one item', () => {
    const raw = first();
    const sv = { ...structuredClone(raw.Agenda[1]), AgendaItem: 'Ärendet på svenska', PDF: { ...raw.Agenda[1].PDF, Language: 'sv' } };
    raw.Agenda.push(sv);
    const p = plan(raw);
    expect(p.items).toHaveLength(2);
    expect(p.items[1]!.title).toEqual({ fi: 'il J kaikkee samalla K1 Kymp valm tekee KH:lle 23.11', sv: 'Ärendet på svenska' });
    expect(p.items[1]!.documents.map((d) => d.language)).toEqual(['fi', 'sv']);
  });

  it('items are ordered by agenda point, "null" points fall back to the section', () => {
    const raw = first();
    raw.Agenda.reverse();
    expect(plan(raw).items.map((i) => i.section)).toEqual(['137 §', '138 §']);
    raw.Agenda[0].AgendaPoint = 'null';
    expect(plan(raw).items.map((i) => i.key)).toEqual(['section:138 §', 'point:1']);
  });

  it('very long HTML keeps only the PDF link, with a warning', () => {
    const raw = first();
    raw.Agenda[1].HTML = `<html lang="fi"><body>${'<p>pitkä teksti</p>'.repeat(20_000)}</body></html>`;
    const p = plan(raw);
    expect(p.items[1]!.documents[0]!.html).toBeUndefined();
    expect(p.items[1]!.documents[0]!.pdfUrl).toMatch(/^https:/);
    expect(p.warnings[0]!.path).toBe('Agenda.1.HTML');
  });

  it('nulls everywhere but the essentials still map', () => {
    const p = plan({ MeetingID: '0040020251', DateMeeting: '2025-03-03T16:00:00.000', DecisionMakerId: '00400', DecisionMaker: null, Name: null, Location: null, Status: null, Agenda: null, MeetingDocuments: null, AgendaPublished: null, MinutesPublished: null });
    expect(p.items).toEqual([]);
    expect(p.public).toBe(false);
    expect(p.meeting.title).toBeUndefined();
    expect(p.body.name).toEqual({ fi: 'Ahjo 00400' });
  });

  it('AgendaPublished or MinutesPublished make an agenda public even without issued documents', () => {
    const raw = { ...first(), Agenda: [] };
    expect(plan({ ...raw, AgendaPublished: true }).public).toBe(true);
    expect(plan({ ...raw, MinutesPublished: '2025-01-01T10:00:00.000' }).public).toBe(true);
    expect(plan({ ...raw, AgendaPublished: false, MinutesPublished: 'false' }).public).toBe(false);
  });

  it('a missing decision maker id is read from the meeting id', () => {
    const p = plan({ ...first(), DecisionMakerId: null });
    expect(p.body.decisionMakerId).toBe('00400');
    expect(p.warnings[0]!.path).toBe('DecisionMakerId');
  });

  it('without id, time or body there is no meeting: errors name each', () => {
    expect(errorsOf({ ...first(), MeetingID: null }).map((e) => e.path)).toEqual(['MeetingID']);
    expect(errorsOf({ ...first(), DateMeeting: '31.11.2020 klo 16' }).map((e) => e.path)).toEqual(['DateMeeting']);
    expect(errorsOf({ ...first(), MeetingID: null, DateMeeting: null, DecisionMakerId: null }).map((e) => e.path)).toEqual(['MeetingID', 'DateMeeting', 'DecisionMakerId']);
    expect(errorsOf({ ...first(), DecisionMakerId: null, MeetingSequenceNumber: null }).map((e) => e.path)).toEqual(['DecisionMakerId']);
    expect(errorsOf({ ...first(), Agenda: [null] })).toEqual([{ path: 'Agenda.0', message: 'not an agenda item' }]);
  });
});
