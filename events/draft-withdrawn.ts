/**
 * DraftWithdrawn: staff withdrew a published (or scheduled) draft; participation ended and
 * the public reason says why. Followers are told.
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

export const draftWithdrawn = defineEvent({
  detailType: 'DraftWithdrawn',
  description: 'Staff withdrew a decision draft; participation ended, with a public reason.',
  detail: detail({
    draftId: Id,
    caseId: z.nullable(z.string()),
    title: EventText,
    reason: EventText,
    withdrawnAt: Time,
  }),
  sample: {
    eventId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d:DraftWithdrawn',
    occurredAt: '2026-12-01T12:00:00.000Z',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    caseId: 'HEL-2025-001216',
    title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' },
    reason: { fi: 'Suunnitelma valmistellaan uudelleen.', sv: 'Planen bereds på nytt.' },
    withdrawnAt: '2026-12-01T12:00:00.000Z',
  },
});
