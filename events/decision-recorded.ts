/**
 * DecisionRecorded: a body decided an agenda item (the stream reports the decision item's
 * INSERT). `title` is the agenda item's; `draftId` names the draft that became decided, so
 * its followers and commenters are told. Vote counts and the decision text stay in the API.
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

export const decisionRecorded = defineEvent({
  detailType: 'DecisionRecorded',
  description: 'A body decided an agenda item.',
  detail: detail({
    decisionId: Id,
    meetingId: Id,
    itemId: Id,
    draftId: z.nullable(Id),
    caseId: z.nullable(z.string()),
    outcome: z.enum(['approved', 'amended', 'rejected', 'tabled', 'returned']),
    title: z.nullable(EventText),
    decidedAt: Time,
  }),
  sample: {
    eventId: '4c5d6e7f-8091-42a3-b4c5-d6e7f8091a2b:DecisionRecorded',
    occurredAt: '2027-01-17T16:00:00.000Z',
    decisionId: '01KAP5M0N1P2Q3R4S5T6V7W8X9',
    meetingId: '01KAP5A0B1C2D3E4F5G6H7J8KB',
    itemId: '01KAP5A0B1C2D3E4F5G6H7J8KD',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    caseId: 'HEL-2025-001216',
    outcome: 'approved',
    title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' },
    decidedAt: '2027-01-17T16:00:00.000Z',
  },
});
