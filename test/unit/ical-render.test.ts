import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { escapeText, foldLine, renderCalendar, utcStamp } from '#shared/meetings/calendar.ts';

const event = {
  uid: 'meeting-01KAP5A0B1C2D3E4F5G6H7J8KB@test',
  sequence: 2,
  startsAt: '2026-11-22T14:00:00.000Z',
  endsAt: '2026-11-22T17:30:00.000Z',
  summary: 'Kaupunginvaltuusto: Kokous 3/2026; talousarvio, investoinnit\\muut',
  location: 'Kaupungintalo, valtuustosali\nPohjoisesplanadi 11–13',
  cancelled: false,
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-02T09:15:30.000Z',
};

describe('iCalendar text', () => {
  it('times are UTC in basic format', () => {
    expect(utcStamp('2026-11-22T14:00:00.000Z')).toBe('20261122T140000Z');
  });

  it('TEXT escapes backslash, semicolon, comma and newline, and drops control characters', () => {
    expect(escapeText('a\\b;c,d\r\ne\u0007f')).toBe('a\\\\b\\;c\\,d\\nef');
  });

  it('long lines fold at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'ä'.repeat(100)}`;
    const folded = foldLine(line).split('\r\n');
    for (const part of folded) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('a rendered calendar ends every line with CRLF and reads back the same in ical.js', () => {
    const text = renderCalendar({ name: 'Kaupunginvaltuusto, kokoukset', events: [event] }, '-//test//Meetings//EN');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    const e = new ICAL.Event(vevent);
    expect(e.uid).toBe(event.uid);
    expect(e.summary).toBe(event.summary);
    expect(e.location).toBe(event.location);
    expect(e.startDate.toJSDate().toISOString()).toBe(event.startsAt);
    expect(e.endDate.toJSDate().toISOString()).toBe(event.endsAt);
    expect(e.sequence).toBe(2);
  });
});
