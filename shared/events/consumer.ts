/**
 * An event consumer: an EventBridge-invoked Lambda that parses the detail with the
 * catalogue's schema and hands it to the handler for its detail-type. A handler must be
 * idempotent: EventBridge delivers at least once, and the stream may publish a record twice.
 * A thrown error makes EventBridge/Lambda retry, and finally the rule's dead-letter queue.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { definitionOf, type DetailOf, type DetailType } from '#events/catalogue.ts';
import { logger, traced } from '#shared/observability.ts';

export type BusEvent = EventBridgeEvent<string, unknown>;

export type Handlers = { [T in DetailType]?: (detail: DetailOf<T>, event: BusEvent) => Promise<void> };

export function consumer(handlers: Handlers) {
  const run = async (event: BusEvent, _context: Context): Promise<void> => {
    const detailType = event['detail-type'];
    const handle = handlers[detailType as DetailType] as ((detail: unknown, event: BusEvent) => Promise<void>) | undefined;
    const definition = definitionOf(detailType);
    if (!handle || !definition) {
      logger.warn('event not handled here', { detailType });
      return;
    }
    const detail = definition.detail.parse(event.detail) as { eventId: string };
    logger.appendKeys({ eventId: detail.eventId, detailType });
    try {
      await handle(detail, event);
    } finally {
      logger.removeKeys(['eventId', 'detailType']);
    }
  };
  return middy(run).use(injectLambdaContext(logger)).use(traced());
}
