/**
 * A meeting as Helsinki's Ahjo REST API returns it (`/ahjorest/v1/meetings/{id}`), described
 * loosely on purpose: real data has nulls, `"null"` strings, missing and extra fields. The
 * schema only refuses what is not a meeting object at all; the mapping decides the rest and
 * reports it field by field.
 */
import * as z from 'zod/mini';

// Generous bounds (real meetings are far below them) that still keep one import's work finite.
const text = z.optional(z.nullable(z.string().check(z.maxLength(10_000))));
const id = z.optional(z.nullable(z.union([z.string().check(z.maxLength(200)), z.number()])));
const flag = z.optional(z.unknown()).register(z.globalRegistry, { description: '`true`, or a publication time, when published' });

const Document = z.looseObject({
  NativeId: text,
  Title: text,
  Type: text,
  FileURI: text,
  Language: text,
  Issued: text,
});

export const AhjoAgendaItem = z.looseObject({
  AgendaPoint: id.clone().register(z.globalRegistry, { description: 'Position on the agenda ("1", "2", …); groups the item\'s language versions' }),
  Section: text.clone().register(z.globalRegistry, { description: 'Section of the minutes, e.g. "137 §"' }),
  AgendaItem: text.clone().register(z.globalRegistry, { description: 'Title' }),
  PDF: z.optional(z.nullable(Document)),
  HTML: text.clone().register(z.globalRegistry, { description: 'The item\'s document as HTML (kept as data)' }),
});

export const AhjoMeeting = z.looseObject({
  MeetingID: id,
  Name: text,
  Location: text,
  DateMeeting: text.clone().register(z.globalRegistry, { description: 'Helsinki local time, e.g. "2020-11-23T16:00:00.000"' }),
  AgendaPublished: flag,
  MinutesPublished: flag,
  MeetingSequenceNumber: id,
  Status: text.clone().register(z.globalRegistry, { description: 'e.g. "Kokous varattu", "Päätetty teknisesti", "peruttu" (cancelled)' }),
  DecisionMakerId: id,
  DecisionMaker: text,
  Agenda: z.optional(z.nullable(z.array(z.unknown()).check(z.maxLength(2_000))))
    .register(z.globalRegistry, { description: 'Agenda items (AhjoAgendaItem), one per item and language' }),
  MeetingDocuments: z.optional(z.nullable(z.array(z.unknown()).check(z.maxLength(500)))),
}).register(z.globalRegistry, { id: 'AhjoMeeting', description: 'One meeting in the shape of Ahjo\'s REST API; unknown fields are ignored.' });
export type AhjoMeeting = z.infer<typeof AhjoMeeting>;
