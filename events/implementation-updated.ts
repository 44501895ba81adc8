/**
 * ImplementationUpdated: staff recorded a change to one implementation result (a new
 * timeline entry), with the decision's rolled-up implementation after the change.
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

const ResultStatus = z.enum(['planned', 'in_progress', 'delayed', 'completed', 'cancelled']);
const Progress = z.number().check(z.minimum(0), z.maximum(100));

export const implementationUpdated = defineEvent({
  detailType: 'ImplementationUpdated',
  description: 'An implementation result of a decision was created or changed; a timeline entry was appended.',
  detail: detail({
    decisionId: Id,
    resultId: Id,
    entryId: Id,
    title: EventText,
    status: ResultStatus,
    progress: Progress,
    note: z.nullable(EventText),
    at: Time,
    implementation: z.strictObject({ status: ResultStatus, progress: Progress }),
  }),
  sample: {
    eventId: '9e1d2c3b-4a5f-4e6d-8c7b-1a2b3c4d5e6f:ImplementationUpdated',
    occurredAt: '2027-03-01T09:00:00.000Z',
    decisionId: '01KAP5M0N1P2Q3R4S5T6V7W8X9',
    resultId: '01KAP5Y0Z1A2B3C4D5E6F7G8H9',
    entryId: '01KAP6A0B1C2D3E4F5G6H7J8KA',
    title: { fi: 'Rantaraitin pyörätie', sv: 'Cykelbanan längs strandpromenaden' },
    status: 'in_progress',
    progress: 40,
    note: { fi: 'Urakka alkoi.', sv: 'Entreprenaden har börjat.' },
    at: '2027-03-01T09:00:00.000Z',
    implementation: { status: 'in_progress', progress: 20 },
  },
});
