/**
 * Lambda (DraftPublished, DraftExtended): schedules the draft's close at its (new) deadline,
 * and the notice to its followers that commenting closes soon, when that time is still ahead.
 */
import { consumer } from '#shared/events/consumer.ts';
import { fireAt, scheduler } from '#shared/events/scheduler.ts';

async function schedule(draftId: string, closesAt: string): Promise<void> {
  await scheduler().scheduleDraftClose({ draftId, closesAt });
  const notice = { draftId, closesAt, notice: 'closing-soon' as const };
  if (Date.parse(fireAt(notice)) > Date.now()) await scheduler().scheduleDraftClose(notice);
}

export const handler = consumer({
  DraftPublished: async ({ draftId, closesAt }) => schedule(draftId, closesAt),
  DraftExtended: async ({ draftId, closesAt }) => schedule(draftId, closesAt),
});
