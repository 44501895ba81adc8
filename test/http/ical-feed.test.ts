import { beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { staff, useLocalApi } from '../support/local.ts';

const api = useLocalApi();

// ical.js's design does not know RFC 7986's NAME nor X-WR-CALNAME; both are TEXT (escaped).
Object.assign(ICAL.design.icalendar.property, { name: { defaultType: 'text' }, 'x-wr-calname': { defaultType: 'text' } });

interface Prepared {
  bodyId: string;
  otherBodyId: string;
  meetingId: string;
  cancelledId: string;
}
let p: Prepared;

const longTitle = `Kokous, jossa käsitellään talousarvio; investoinnit ja ${'hyvin pitkä otsikko '.repeat(6)}`.trim();

beforeAll(async () => {
  const body = await api.request('POST', '/v1/bodies', { as: staff, body: { name: { fi: 'Kaupunginvaltuusto, Helsinki', sv: 'Stadsfullmäktige' }, kind: 'council' } });
  const other = await api.request('POST', '/v1/bodies', { as: staff, body: { name: { fi: 'Kaupunginhallitus' }, kind: 'board' } });
  const meeting = await api.request('POST', '/v1/meetings', {
    as: staff,
    body: {
      bodyId: body.body.id, startsAt: '2027-03-01T15:00:00.000Z', endsAt: '2027-03-01T18:30:00.000Z',
      title: { fi: longTitle, sv: 'Sammanträde' }, location: { fi: 'Valtuustosali\nPohjoisesplanadi 11–13', sv: 'Fullmäktigesalen' },
    },
  });
  const cancelled = await api.request('POST', '/v1/meetings', { as: staff, body: { bodyId: body.body.id, startsAt: '2027-03-15T15:00:00.000Z' } });
  await api.request('PATCH', `/v1/meetings/${cancelled.body.id}`, { as: staff, body: { status: 'cancelled' }, headers: { 'if-match': '"1"' } });
  await api.request('POST', '/v1/meetings', { as: staff, body: { bodyId: other.body.id, startsAt: '2027-03-02T12:00:00.000Z' } });
  p = { bodyId: body.body.id, otherBodyId: other.body.id, meetingId: meeting.body.id, cancelledId: cancelled.body.id };
});

const feed = async (query: string) => {
  const res = await api.request('GET', `/v1/meetings.ics${query}`);
  expect(res.status, res.text).toBe(200);
  return res;
};

const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

describe('GET /v1/meetings.ics', () => {
  it('is an iCalendar a calendar program can subscribe to', async () => {
    const res = await feed(`?bodyId=${p.bodyId}`);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toEqual(expect.any(String));
    expect(calendar.getFirstPropertyValue('name')).toBe('Kaupunginvaltuusto, Helsinki');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Kaupunginvaltuusto, Helsinki');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  });

  it('lines end in CRLF and fold at 75 octets', async () => {
    const { text } = await feed(`?bodyId=${p.bodyId}`);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('holds the body\'s meetings in UTC, with their escaped texts intact', async () => {
    const list = events((await feed(`?bodyId=${p.bodyId}`)).text);
    expect(list).toHaveLength(2);
    const meeting = list.find((e) => e.uid.includes(p.meetingId))!;
    expect(meeting.summary).toBe(`Kaupunginvaltuusto, Helsinki: ${longTitle}`);
    expect(meeting.location).toBe('Valtuustosali\nPohjoisesplanadi 11–13');
    expect(meeting.startDate.toString()).toBe('2027-03-01T15:00:00Z');
    expect(meeting.startDate.zone.tzid).toBe('UTC');
    expect(meeting.endDate.toJSDate().toISOString()).toBe('2027-03-01T18:30:00.000Z');
    expect(meeting.component.getFirstPropertyValue('url')).toBe(`${api.url}/v1/meetings/${p.meetingId}`);
  });

  it('a cancelled meeting stays in the feed as CANCELLED, so calendars remove it', async () => {
    const cancelled = events((await feed(`?bodyId=${p.bodyId}`)).text).find((e) => e.uid.includes(p.cancelledId))!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.sequence).toBe(1);
  });

  it('UIDs are stable, and a change raises SEQUENCE', async () => {
    const before = events((await feed(`?bodyId=${p.bodyId}`)).text).find((e) => e.uid.includes(p.meetingId))!;
    const meeting = await api.request('GET', `/v1/meetings/${p.meetingId}`);
    await api.request('PATCH', `/v1/meetings/${p.meetingId}`, { as: staff, body: { startsAt: '2027-03-01T16:00:00.000Z' }, headers: { 'if-match': `"${meeting.body.version}"` } });
    const after = events((await feed(`?bodyId=${p.bodyId}`)).text).find((e) => e.uid === before.uid)!;
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.startDate.toString()).toBe('2027-03-01T16:00:00Z');
  });

  it('without bodyId it holds every body\'s meetings, each named by its body', async () => {
    const list = events((await feed('')).text);
    expect(list.map((e) => e.summary.split(':')[0])).toEqual(expect.arrayContaining(['Kaupunginvaltuusto, Helsinki', 'Kaupunginhallitus']));
  });

  it('lang picks the language of the texts', async () => {
    const meeting = events((await feed(`?bodyId=${p.bodyId}&lang=sv`)).text).find((e) => e.uid.includes(p.meetingId))!;
    expect(meeting.summary).toBe('Stadsfullmäktige: Sammanträde');
    expect(meeting.location).toBe('Fullmäktigesalen');
  });

  it('an unknown body is a 404; a malformed bodyId a 400', async () => {
    expect((await api.request('GET', '/v1/meetings.ics?bodyId=01KAP5A0B1C2D3E4F5G6H7J8KC')).status).toBe(404);
    expect((await api.request('GET', '/v1/meetings.ics?bodyId=x')).status).toBe(400);
  });

  it('is its own route: not read as a meeting id, and only GET', async () => {
    expect((await api.request('POST', '/v1/meetings.ics', { as: staff, body: {} })).status).toBe(405);
    expect((await api.request('GET', '/v1/meetings/meetings.ics')).status).toBe(404);
  });
});
