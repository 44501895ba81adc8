/** Bodies, meetings and agendas: what staff send and what everyone reads. */
import * as z from 'zod';
import { Id, LocalizedText, Time, localized } from '#shared/schema.ts';
import { CaseId } from '#shared/drafts/schema.ts';

const Loc = LocalizedText;
const Text = (max: number) => z.string().max(max);

export const BodyKind = z.enum(['council', 'board', 'committee', 'division', 'other']);
export type BodyKind = z.infer<typeof BodyKind>;

export const CreateBodyBody = z.strictObject({
  name: localized(200),
  kind: BodyKind,
}).meta({ id: 'CreateBody' });
export type CreateBodyBody = z.infer<typeof CreateBodyBody>;

/** Where an imported record came from: the source system and its own id. */
export const Source = z.object({
  system: z.literal('ahjo'),
  id: Text(100),
}).meta({ id: 'Source', description: 'The source system and its id for this record (imports only)' });

export const Body = z.object({
  id: Id,
  name: Loc,
  kind: BodyKind,
  source: Source.nullable(),
  createdAt: Time,
}).meta({ id: 'Body' });
export type Body = z.infer<typeof Body>;

export const MeetingStatus = z.enum(['scheduled', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const CreateMeetingBody = z.strictObject({
  bodyId: Id,
  startsAt: Time,
  endsAt: Time.optional(),
  location: localized(300).optional(),
  title: localized(300).optional(),
}).meta({ id: 'CreateMeeting' });
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

export const PatchMeetingBody = z.strictObject({
  startsAt: Time.optional(),
  endsAt: Time.nullable().optional(),
  location: localized(300).nullable().optional(),
  title: localized(300).nullable().optional(),
  status: MeetingStatus.optional(),
}).refine((b) => Object.keys(b).length > 0, 'nothing to change').meta({ id: 'PatchMeeting' });
export type PatchMeetingBody = z.infer<typeof PatchMeetingBody>;

const AgendaItemInput = z.strictObject({
  /** Keep an existing item (its id, its decision, its documents) by sending its id. */
  id: Id.optional(),
  title: localized(1_000),
  summary: localized(5_000).optional(),
  proposal: localized(10_000).optional(),
  draftId: Id.optional(),
  caseId: CaseId.optional(),
});

export const ReplaceAgendaBody = z.strictObject({
  items: z.array(AgendaItemInput).max(200),
  /** What changed: required once the agenda is published. */
  changelog: localized(2_000).optional(),
}).meta({ id: 'ReplaceAgenda' });
export type ReplaceAgendaBody = z.infer<typeof ReplaceAgendaBody>;

export const AgendaDocument = z.object({
  language: Text(16),
  /** `text/html` when the document's text is stored; read it from the agenda item. */
  format: z.literal('text/html').nullable(),
  pdfUrl: Text(2000).nullable(),
  issuedAt: Time.nullable(),
}).meta({ id: 'AgendaDocument' });

export const AgendaItem = z.object({
  id: Id,
  number: z.number().int().min(1),
  title: Loc,
  summary: Loc.nullable(),
  proposal: Loc.nullable(),
  draftId: Id.nullable(),
  caseId: Text(64).nullable(),
  /** The minutes' section, e.g. `137 §` (imports). */
  section: Text(100).nullable(),
  decisionId: Id.nullable(),
  documents: z.array(AgendaDocument).max(20),
  source: Source.nullable(),
}).meta({ id: 'AgendaItem' });
export type AgendaItem = z.infer<typeof AgendaItem>;

export const AgendaItemDetail = AgendaItem.extend({
  documents: z.array(AgendaDocument.extend({
    /**
     * The document's HTML exactly as the source system published it: data, never markup this
     * API renders. Sanitize it before showing it in a browser.
     */
    html: Text(400_000).nullable(),
  })).max(20),
}).meta({ id: 'AgendaItemDetail' });
export type AgendaItemDetail = z.infer<typeof AgendaItemDetail>;

export const AgendaStatus = z.enum(['unpublished', 'published']);

export const Meeting = z.object({
  id: Id,
  version: z.number().int(),
  bodyId: Id,
  title: Loc.nullable(),
  startsAt: Time,
  endsAt: Time.nullable(),
  location: Loc.nullable(),
  status: MeetingStatus,
  agendaStatus: AgendaStatus,
  agendaPublishedAt: Time.nullable(),
  agendaVersion: z.number().int(),
  agendaItemCount: z.number().int(),
  /** `null` in lists, and to the public while the agenda is unpublished. */
  agenda: z.object({ items: z.array(AgendaItem).max(1000) }).nullable(),
  documents: z.array(z.object({ title: Text(500).nullable(), type: Text(100).nullable(), language: Text(16).nullable(), url: Text(2000), issuedAt: Time.nullable() })).max(100),
  source: Source.extend({ status: Text(100).nullable() }).nullable(),
  createdAt: Time,
  updatedAt: Time,
}).meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof Meeting>;

export const AgendaChange = z.object({
  itemId: Id,
  number: z.number().int().nullable(),
  change: z.enum(['added', 'removed', 'changed']),
  fields: z.array(Text(20)).max(10),
}).meta({ id: 'AgendaChange' });
export type AgendaChange = z.infer<typeof AgendaChange>;

export const AgendaVersion = z.object({
  version: z.number().int(),
  at: Time,
  event: z.enum(['published', 'corrected']),
  changelog: Loc.nullable(),
  changes: z.array(AgendaChange).max(2000),
  /** Who made the change: staff through the API, or an import from the source system. */
  by: z.enum(['staff', 'ahjo']),
}).meta({ id: 'AgendaVersion' });
export type AgendaVersion = z.infer<typeof AgendaVersion>;

export const AgendaVersionDetail = AgendaVersion.extend({ items: z.array(AgendaItem).max(1000) }).meta({ id: 'AgendaVersionDetail' });

export const BodyParams = z.object({ id: Id });
export const MeetingParams = z.object({ id: Id });
export const AgendaItemParams = z.object({ id: Id, itemId: Id });
export const AgendaVersionParams = z.object({ id: Id, version: z.coerce.number().int().min(1).max(1_000_000) });

/** A day (`2026-11-22`) or a time; a day as `to` includes that whole day. */
const Bound = z.union([Time, z.iso.date().max(10)]);

export const ListMeetingsQuery = z.object({
  bodyId: Id.optional(),
  from: Bound.optional().meta({ description: 'Meetings starting at or after this time (or day)' }),
  to: Bound.optional().meta({ description: 'Meetings starting before this time (a day: up to the end of that day)' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
}).refine((q) => !q.from || !q.to || lowerBound(q.from) < upperBound(q.to), { message: 'from must be before to', path: ['to'] });

export const CalendarQuery = z.object({
  bodyId: Id.optional(),
  lang: z.string().max(3).regex(/^[a-z]{2,3}$/).optional().meta({ description: 'Language of summaries and locations (default fi, falling back to any)' }),
});

export const lowerBound = (b: string): string => (b.length === 10 ? `${b}T00:00:00.000Z` : new Date(b).toISOString());
export const upperBound = (b: string): string =>
  b.length === 10 ? new Date(Date.parse(`${b}T00:00:00.000Z`) + 86_400_000).toISOString() : new Date(b).toISOString();
