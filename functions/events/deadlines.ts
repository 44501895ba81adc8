/** Lambda (DraftPublished, DraftExtended): schedules the draft's close at its (new) deadline. */
import { consumer } from '#shared/events/consumer.ts';
import { scheduler } from '#shared/events/scheduler.ts';

export const handler = consumer({
  DraftPublished: async ({ draftId, closesAt }) => scheduler().scheduleDraftClose({ draftId, closesAt }),
  DraftExtended: async ({ draftId, closesAt }) => scheduler().scheduleDraftClose({ draftId, closesAt }),
});
