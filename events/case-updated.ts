/**
 * CaseUpdated: something changed in one municipal case: the source system's record of it
 * (title, status, handling steps; `change: "imported"`), or a draft, agenda item or decision
 * carrying its id became public and joined it (`change` names which, `relatedId` which one).
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

export const caseUpdated = defineEvent({
  detailType: 'CaseUpdated',
  description: 'A case was imported or changed in its source system, or a draft, agenda item or decision joined it.',
  detail: detail({
    caseId: z.string().check(z.maxLength(64)),
    change: z.enum(['imported', 'draft', 'agendaItem', 'decision']),
    relatedId: z.nullable(Id),
    title: z.nullable(EventText),
    status: z.nullable(z.string().check(z.maxLength(100))),
    handlingCount: z.nullable(z.number().check(z.int(), z.minimum(0))),
    updatedAt: Time,
  }),
  sample: {
    eventId: '5d6e7f80-91a2-43b4-c5d6-e7f8091a2b3c:CaseUpdated',
    occurredAt: '2025-08-26T09:37:31.827Z',
    caseId: 'HEL-2025-001216',
    change: 'imported',
    relatedId: null,
    title: { fi: 'Valtuustoaloite, Haltialan kotieläintilasta eläinsuojelukeskus' },
    status: 'Ratkaistu',
    handlingCount: 2,
    updatedAt: '2025-08-26T09:37:31.827Z',
  },
});
