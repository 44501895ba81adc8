/**
 * DraftExtended: staff moved the deadline of a scheduled or open draft later. Followers are
 * told, and the close is scheduled again at the new deadline (the old schedule finds the
 * deadline moved and does nothing). Not in the contract's original list: an extension is a
 * change followers care about, and the deadline scheduler must hear of it.
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

export const draftExtended = defineEvent({
  detailType: 'DraftExtended',
  description: 'Staff extended participation on a draft: closesAt moved later.',
  detail: detail({
    draftId: Id,
    caseId: z.nullable(z.string()),
    title: EventText,
    previousClosesAt: Time,
    closesAt: Time,
  }),
  sample: {
    eventId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f:DraftExtended',
    occurredAt: '2026-12-02T08:00:00.000Z',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    caseId: 'HEL-2025-001216',
    title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' },
    previousClosesAt: '2026-12-06T10:00:00.000Z',
    closesAt: '2026-12-20T10:00:00.000Z',
  },
});
