/**
 * DraftClosed: participation on a draft ended, because staff closed it or because its
 * deadline passed (the scheduled close writes `closedAt`, and the stream reports it).
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

export const draftClosed = defineEvent({
  detailType: 'DraftClosed',
  description: 'Participation on a decision draft closed (by staff or at its deadline).',
  detail: detail({
    draftId: Id,
    caseId: z.nullable(z.string()),
    title: EventText,
    closedAt: Time,
    commentCount: z.number().check(z.int(), z.minimum(0)),
  }),
  sample: {
    eventId: '5b0f1c7e-1f0a-4a86-9d49-2f7f3f2a4c11:DraftClosed',
    occurredAt: '2026-12-06T10:00:00.000Z',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    caseId: 'HEL-2025-001216',
    title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' },
    closedAt: '2026-12-06T10:00:00.000Z',
    commentCount: 42,
  },
});
