/** DraftPublished: staff published a draft; participation opens at `opensAt` and ends at `closesAt`. */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

export const draftPublished = defineEvent({
  detailType: 'DraftPublished',
  description: 'A decision draft was published for participation.',
  detail: detail({
    draftId: Id,
    caseId: z.nullable(z.string()),
    title: EventText,
    opensAt: Time,
    closesAt: Time,
    publishedAt: Time,
  }),
  sample: {
    eventId: 'c2a9d9ba-7bb8-4eb2-9374-3e7341dda39f:DraftPublished',
    occurredAt: '2026-11-22T10:00:00.000Z',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    caseId: 'HEL-2025-001216',
    title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' },
    opensAt: '2026-11-22T10:00:00.000Z',
    closesAt: '2026-12-06T10:00:00.000Z',
    publishedAt: '2026-11-22T10:00:00.000Z',
  },
});
