/** Bodies, meetings and agendas: what staff send and what everyone reads. */
import * as z from 'zod/mini';
import { CaseId, Id, LocalizedText, PageQuery, Time, localized } from '#shared/schema.ts';

const Loc = LocalizedText;
const Text = (max: number) => z.string().check(z.maxLength(max));

export const BodyKind = z.enum(['council', 'board', 'committee', 'division', 'other']);
export type BodyKind = z.infer<typeof BodyKind>;

/** Where an imported record came from: the source system and its own id. */
export const Source = z.object({
  system: z.literal('ahjo'),
  id: Text(100),
}).register(z.globalRegistry, { id: 'Source', description: 'The source system and its id for this record (imports only)' });

export const CreateBodyBody = z.strictObject({
  name: localized(200),
  kind: BodyKind,
  /** The body's id in Ahjo (its DecisionMakerId): meetings imported from Ahjo then land on this body. */
  source: z.optional(z.strictObject({ system: z.literal('ahjo'), id: z.string().check(z.maxLength(64), z.regex(/^[\w.-]{1,64}$/, 'not an Ahjo decision maker id')) })),
}).register(z.globalRegistry, { id: 'CreateBody' });
export type CreateBodyBody = z.infer<typeof CreateBodyBody>;

export const Body = z.object({
  id: Id,
  name: Loc,
  kind: BodyKind,
  source: z.nullable(Source),
  createdAt: Time,
}).register(z.globalRegistry, { id: 'Body' });
export type Body = z.infer<typeof Body>;

export const MeetingStatus = z.enum(['scheduled', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;
/** As readers see it: a meeting that was not cancelled is `held` once it has started. */
export const MeetingViewStatus = z.enum(['scheduled', 'held', 'cancelled']);

export const CreateMeetingBody = z.strictObject({
  bodyId: Id,
  startsAt: Time,
  endsAt: z.optional(Time),
  location: z.optional(localized(300)),
  title: z.optional(localized(300)),
}).register(z.globalRegistry, { id: 'CreateMeeting' });
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

export const PatchMeetingBody = z.strictObject({
  startsAt: z.optional(Time),
  endsAt: z.optional(z.nullable(Time)),
  location: z.optional(z.nullable(localized(300))),
  title: z.optional(z.nullable(localized(300))),
  status: z.optional(MeetingStatus),
}).check(z.refine((b) => Object.keys(b).length > 0, 'nothing to change')).register(z.globalRegistry, { id: 'PatchMeeting' });
export type PatchMeetingBody = z.infer<typeof PatchMeetingBody>;

const AgendaItemInput = z.strictObject({
  /** Keep an existing item (its id, its decision, its documents) by sending its id. */
  id: z.optional(Id),
  title: localized(1_000),
  summary: z.optional(localized(5_000)),
  proposal: z.optional(localized(10_000)),
  draftId: z.optional(Id),
  caseId: z.optional(CaseId),
});

export const ReplaceAgendaBody = z.strictObject({
  items: z.array(AgendaItemInput).check(z.maxLength(200)),
  /** What changed: required once the agenda is published. */
  changelog: z.optional(localized(2_000)),
}).register(z.globalRegistry, { id: 'ReplaceAgenda' });
export type ReplaceAgendaBody = z.infer<typeof ReplaceAgendaBody>;

export const AgendaDocument = z.object({
  language: Text(16),
  /** `text/html` when the document's text is stored; read it from the agenda item. */
  format: z.nullable(z.literal('text/html')),
  pdfUrl: z.nullable(Text(2000)),
  issuedAt: z.nullable(Time),
}).register(z.globalRegistry, { id: 'AgendaDocument' });

export const AgendaItem = z.object({
  id: Id,
  number: z.number().check(z.int(), z.minimum(1)),
  title: Loc,
  summary: z.nullable(Loc),
  proposal: z.nullable(Loc),
  draftId: z.nullable(Id),
  caseId: z.nullable(Text(64)),
  /** The minutes' section, e.g. `137 §` (imports). */
  section: z.nullable(Text(100)),
  decisionId: z.nullable(Id),
  documents: z.array(AgendaDocument).check(z.maxLength(20)),
  source: z.nullable(Source),
}).register(z.globalRegistry, { id: 'AgendaItem' });
export type AgendaItem = z.infer<typeof AgendaItem>;

export const AgendaItemDetail = z.extend(AgendaItem, {
  documents: z.array(z.extend(AgendaDocument, {
    /**
     * The document's HTML as the source system published it, sanitised with an allow-list on
     * import: no scripts, event handlers, inline styles or `javascript:` links.
     */
    html: z.nullable(Text(400_000)),
  })).check(z.maxLength(20)),
}).register(z.globalRegistry, { id: 'AgendaItemDetail' });
export type AgendaItemDetail = z.infer<typeof AgendaItemDetail>;

export const AgendaStatus = z.enum(['unpublished', 'published']);

export const Meeting = z.object({
  id: Id,
  version: z.number().check(z.int()),
  bodyId: Id,
  title: z.nullable(Loc),
  startsAt: Time,
  endsAt: z.nullable(Time),
  location: z.nullable(Loc),
  status: MeetingViewStatus,
  agendaStatus: AgendaStatus,
  agendaPublishedAt: z.nullable(Time),
  agendaVersion: z.number().check(z.int()),
  agendaItemCount: z.number().check(z.int()),
  /** `null` in lists, and to the public while the agenda is unpublished. */
  agenda: z.nullable(z.object({ items: z.array(AgendaItem).check(z.maxLength(1000)) })),
  documents: z.array(z.object({ title: z.nullable(Text(500)), type: z.nullable(Text(100)), language: z.nullable(Text(16)), url: Text(2000), issuedAt: z.nullable(Time) })).check(z.maxLength(100)),
  source: z.nullable(z.extend(Source, { status: z.nullable(Text(100)) })),
  createdAt: Time,
  updatedAt: Time,
}).register(z.globalRegistry, { id: 'Meeting' });
export type Meeting = z.infer<typeof Meeting>;

export const AgendaChange = z.object({
  itemId: Id,
  number: z.nullable(z.number().check(z.int())),
  change: z.enum(['added', 'removed', 'changed']),
  fields: z.array(Text(20)).check(z.maxLength(10)),
}).register(z.globalRegistry, { id: 'AgendaChange' });
export type AgendaChange = z.infer<typeof AgendaChange>;

export const AgendaVersion = z.object({
  version: z.number().check(z.int()),
  at: Time,
  event: z.enum(['published', 'corrected']),
  changelog: z.nullable(Loc),
  changes: z.array(AgendaChange).check(z.maxLength(2000)),
  /** Who made the change: staff through the API, or an import from the source system. */
  by: z.enum(['staff', 'ahjo']),
}).register(z.globalRegistry, { id: 'AgendaVersion' });
export type AgendaVersion = z.infer<typeof AgendaVersion>;

export const AgendaVersionDetail = z.extend(AgendaVersion, { items: z.array(AgendaItem).check(z.maxLength(1000)) })
  .register(z.globalRegistry, { id: 'AgendaVersionDetail' });

export const BodyParams = z.object({ id: Id });
export const MeetingParams = z.object({ id: Id });
export const AgendaItemParams = z.object({ id: Id, itemId: Id });
export const AgendaVersionParams = z.object({ id: Id, version: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)) });

/** A day (`2026-11-22`) or a time; a day as `to` includes that whole day. */
const Bound = z.union([Time, z.iso.date().check(z.maxLength(10))]);

export const ListMeetingsQuery = z.extend(PageQuery, {
  bodyId: z.optional(Id),
  from: z.optional(Bound).register(z.globalRegistry, { description: 'Meetings starting at or after this time (or day)' }),
  to: z.optional(Bound).register(z.globalRegistry, { description: 'Meetings starting before this time (a day: up to the end of that day)' }),
}).check(z.refine((q) => !q.from || !q.to || lowerBound(q.from) < upperBound(q.to), { message: 'from must be before to', path: ['to'] }));

/** The calendar's window when the caller names none: a quarter back, a year ahead. */
export const calendarWindow = (now: Date) => ({
  from: new Date(now.getTime() - 92 * 86_400_000).toISOString(),
  to: new Date(now.getTime() + 366 * 86_400_000).toISOString(),
});
const longestWindowMs = 3 * 366 * 86_400_000;

export const CalendarQuery = z.object({
  bodyId: z.optional(Id),
  from: z.optional(Bound).register(z.globalRegistry, { description: 'Meetings starting at or after this time or day (default: 92 days ago)' }),
  to: z.optional(Bound).register(z.globalRegistry, { description: 'Meetings starting before this time or day (default: 366 days ahead); the window is at most three years' }),
  lang: z.optional(z.string().check(z.maxLength(3), z.regex(/^[a-z]{2,3}$/)))
    .register(z.globalRegistry, { description: 'Language of summaries and locations (default fi, falling back to any)' }),
}).check(
  z.refine((q) => !q.from || !q.to || lowerBound(q.from) < upperBound(q.to), { message: 'from must be before to', path: ['to'] }),
  z.refine((q) => !q.from || !q.to || Date.parse(upperBound(q.to)) - Date.parse(lowerBound(q.from)) <= longestWindowMs,
    { message: 'the window is at most three years', path: ['to'] }),
);

export const lowerBound = (b: string): string => (b.length === 10 ? `${b}T00:00:00.000Z` : new Date(b).toISOString());
export const upperBound = (b: string): string =>
  b.length === 10 ? new Date(Date.parse(`${b}T00:00:00.000Z`) + 86_400_000).toISOString() : new Date(b).toISOString();
