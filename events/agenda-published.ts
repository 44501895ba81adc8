/**
 * AgendaPublished: a meeting's agenda became public, by staff or because Ahjo showed it as
 * public on import. The stream reports it when the meeting's `agendaPublishedAt` first
 * appears; the detail lists the items (their drafts and case ids) so followers of a draft
 * learn that it is on an agenda. Later corrections are agenda versions, not new publications.
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

export const agendaPublished = defineEvent({
  detailType: 'AgendaPublished',
  description: "A meeting's agenda became public.",
  detail: detail({
    meetingId: Id,
    bodyId: Id,
    startsAt: Time,
    agendaPublishedAt: Time,
    items: z.array(z.strictObject({
      itemId: Id,
      number: z.number().check(z.int(), z.minimum(1)),
      title: EventText,
      draftId: z.nullable(Id),
      caseId: z.nullable(z.string()),
    })),
  }),
  sample: {
    eventId: '3b4c5d6e-7f80-4192-a3b4-c5d6e7f8091a:AgendaPublished',
    occurredAt: '2027-01-10T08:00:00.000Z',
    meetingId: '01KAP5A0B1C2D3E4F5G6H7J8KB',
    bodyId: '01KAP5A0B1C2D3E4F5G6H7J8KC',
    startsAt: '2027-01-17T14:00:00.000Z',
    agendaPublishedAt: '2027-01-10T08:00:00.000Z',
    items: [{ itemId: '01KAP5A0B1C2D3E4F5G6H7J8KD', number: 1, title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' }, draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB', caseId: 'HEL-2025-001216' }],
  },
});
