/**
 * A meeting as Helsinki's Ahjo REST API returns it (`/ahjorest/v1/meetings/{id}`), described
 * loosely on purpose: real data has nulls, `"null"` strings, missing and extra fields. The
 * schema only refuses what is not a meeting object at all; the mapping decides the rest and
 * reports it field by field.
 */
import * as z from 'zod';

// Generous bounds (real meetings are far below them) that still keep one import's work finite.
const text = z.string().max(10_000).nullable().optional();
const id = z.union([z.string().max(200), z.number()]).nullable().optional();
const flag = z.unknown().optional().meta({ description: '`true`, or a publication time, when published' });

const Document = z.looseObject({
  NativeId: text,
  Title: text,
  Type: text,
  FileURI: text,
  Language: text,
  Issued: text,
});

export const AhjoAgendaItem = z.looseObject({
  AgendaPoint: id.meta({ description: 'Position on the agenda ("1", "2", …); groups the item\'s language versions' }),
  Section: text.meta({ description: 'Section of the minutes, e.g. "137 §"' }),
  AgendaItem: text.meta({ description: 'Title' }),
  PDF: Document.nullable().optional(),
  HTML: text.meta({ description: 'The item\'s document as HTML (kept as data)' }),
});

export const AhjoMeeting = z.looseObject({
  MeetingID: id,
  Name: text,
  Location: text,
  DateMeeting: text.meta({ description: 'Helsinki local time, e.g. "2020-11-23T16:00:00.000"' }),
  AgendaPublished: flag,
  MinutesPublished: flag,
  MeetingSequenceNumber: id,
  Status: text.meta({ description: 'e.g. "Kokous varattu", "Päätetty teknisesti", "peruttu" (cancelled)' }),
  DecisionMakerId: id,
  DecisionMaker: text,
  Agenda: z.array(z.unknown()).max(2_000).nullable().optional().meta({ description: 'Agenda items (AhjoAgendaItem), one per item and language' }),
  MeetingDocuments: z.array(z.unknown()).max(500).nullable().optional(),
}).meta({ id: 'AhjoMeeting', description: 'One meeting in the shape of Ahjo\'s REST API; unknown fields are ignored.' });
export type AhjoMeeting = z.infer<typeof AhjoMeeting>;
