/** Lambda (DraftClosed, DraftWithdrawn, DraftExtended, CommentHidden, CommentResponded, AgendaPublished, DecisionRecorded,
 * ImplementationUpdated): notify who follows (or, for a response, the comment's author):
 * one-person notifications and the first page of each delivery here, the rest through the delivery queue. */
import type { DomainEvent } from '#events/catalogue.ts';
import { consumer } from '#shared/events/consumer.ts';
import { fanOut } from '#shared/notifications/fan-out.ts';
import { logger } from '#shared/observability.ts';

const notify = (detailType: DomainEvent['detailType']) => async (detail: unknown) => {
  const result = await fanOut({ detailType, detail } as DomainEvent);
  logger.debug('notified', { ...result });
};

export const handler = consumer({
  DraftClosed: notify('DraftClosed'),
  DraftWithdrawn: notify('DraftWithdrawn'),
  DraftExtended: notify('DraftExtended'),
  CommentResponded: notify('CommentResponded'),
  CommentHidden: notify('CommentHidden'),
  AgendaPublished: notify('AgendaPublished'),
  DecisionRecorded: notify('DecisionRecorded'),
  ImplementationUpdated: notify('ImplementationUpdated'),
});
