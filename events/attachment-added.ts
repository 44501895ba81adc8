/** AttachmentAdded: staff attached a checked file (a plan, a map, an image) to a draft. */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

export const attachmentAdded = defineEvent({
  detailType: 'AttachmentAdded',
  description: 'A file was attached to a draft: uploaded, checked by its own signature, and ready to read.',
  detail: detail({
    draftId: Id,
    attachmentId: Id,
    sectionId: z.nullable(Id),
    title: EventText,
    contentType: z.string(),
    bytes: z.number().check(z.int(), z.minimum(1)),
    addedAt: Time,
  }),
  sample: {
    eventId: '6f1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d:AttachmentAdded',
    occurredAt: '2026-11-22T10:05:00.000Z',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    attachmentId: '01KAP5B1C2D3E4F5G6H7J8K9M0',
    sectionId: null,
    title: { fi: 'Asemakaavakartta', sv: 'Detaljplanekarta' },
    contentType: 'application/pdf',
    bytes: 482113,
    addedAt: '2026-11-22T10:05:00.000Z',
  },
});
