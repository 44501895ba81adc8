/**
 * Meetings as an iCalendar feed (RFC 5545) that calendar programs subscribe to: CRLF lines
 * folded at 75 octets, TEXT values escaped, times in UTC, and a UID per meeting that never
 * changes, so a program updates its copy of a meeting instead of adding another.
 */
import type { Localized } from '#shared/schema.ts';

export interface CalendarEvent {
  uid: string;
  /** Increases whenever the meeting changes (RFC 5545 SEQUENCE). */
  sequence: number;
  startsAt: string;
  endsAt?: string;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  cancelled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Calendar {
  name: string;
  events: CalendarEvent[];
}

/** `2026-11-22T10:00:00.000Z` -> `20261122T100000Z`. */
export const utcStamp = (iso: string): string => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines escaped; other control characters dropped. */
export const escapeText = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');

/**
 * RFC 5545 3.1: a line longer than 75 octets continues on the next line after one space.
 * Splits between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const room = parts.length === 0 ? 75 : 74;
    if (bytes + size > room) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const property = (name: string, value: string) => `${name}:${value}`;

function eventLines(e: CalendarEvent, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    property('UID', e.uid),
    property('DTSTAMP', stamp),
    property('CREATED', utcStamp(e.createdAt)),
    property('LAST-MODIFIED', utcStamp(e.updatedAt)),
    property('SEQUENCE', String(e.sequence)),
    property('DTSTART', utcStamp(e.startsAt)),
    ...(e.endsAt ? [property('DTEND', utcStamp(e.endsAt))] : []),
    property('SUMMARY', escapeText(e.summary)),
    ...(e.location ? [property('LOCATION', escapeText(e.location))] : []),
    ...(e.description ? [property('DESCRIPTION', escapeText(e.description))] : []),
    ...(e.url ? [property('URL;VALUE=URI', e.url)] : []),
    property('STATUS', e.cancelled ? 'CANCELLED' : 'CONFIRMED'),
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** The whole feed as text. DTSTAMP is the meeting's last change, so an unchanged feed reads the same. */
export function renderCalendar(calendar: Calendar, productId: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    property('PRODID', productId),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    property('NAME', escapeText(calendar.name)),
    property('X-WR-CALNAME', escapeText(calendar.name)),
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...calendar.events.flatMap((e) => eventLines(e, utcStamp(e.updatedAt))),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The text in `lang`, else Finnish, else any language it has. */
export const inLanguage = (text: Localized | undefined, lang: string): string | undefined =>
  text ? (text[lang] ?? text.fi ?? Object.values(text)[0]) : undefined;
