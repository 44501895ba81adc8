/**
 * PollClosed: a poll's draft closed (or was decided) and the poll's counters were fenced;
 * `results` are the final totals, exactly the ballots accepted. Totals only: a ballot's
 * voter never appears in any event.
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { defineEvent, detail } from '#events/event.ts';

export const pollClosed = defineEvent({
  detailType: 'PollClosed',
  description: 'A poll stopped taking ballots; its final totals are public.',
  detail: detail({
    draftId: Id,
    pollId: Id,
    closedAt: Time,
    results: z.strictObject({ total: z.number().check(z.int()), options: z.array(z.strictObject({ id: Id, count: z.number().check(z.int()) })) }),
  }),
  sample: {
    eventId: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b:PollClosed',
    occurredAt: '2026-12-06T10:00:00.000Z',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    pollId: '01KAP4M0N1P2Q3R4S5T6V7W8XA',
    closedAt: '2026-12-06T10:00:00.000Z',
    results: { total: 120, options: [{ id: '01KAP4M0N1P2Q3R4S5T6V7W8XB', count: 80 }, { id: '01KAP4M0N1P2Q3R4S5T6V7W8XC', count: 40 }] },
  },
});
