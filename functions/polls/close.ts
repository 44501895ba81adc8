/**
 * Lambda (DraftClosed, DraftWithdrawn, DecisionRecorded): closes the draft's polls for good — fences their
 * counter shards, records the final results on each poll, which the stream publishes as
 * PollClosed. Idempotent: a poll closes once, and a repeated event changes nothing.
 */
import { consumer } from '#shared/events/consumer.ts';
import { logger } from '#shared/observability.ts';
import { closeDraftPolls } from '#shared/polls/repository.ts';

const close = async (draftId: string | null) => {
  if (!draftId) return;
  const closed = await closeDraftPolls(draftId, new Date());
  logger.info('polls closed', { draftId, polls: closed.length });
};

export const handler = consumer({
  DraftClosed: async ({ draftId }) => close(draftId),
  DraftWithdrawn: async ({ draftId }) => close(draftId),
  DecisionRecorded: async ({ draftId }) => close(draftId),
});
