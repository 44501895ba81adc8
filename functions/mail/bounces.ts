/** Lambda (SES bounce and complaint events, from the default EventBridge bus): turns e-mail off for those addresses. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { handleSesEvent, type SesEventDetail } from '#shared/mail/bounces.ts';
import { logger, traced } from '#shared/observability.ts';

const run = async (event: EventBridgeEvent<string, SesEventDetail>, _context: Context): Promise<void> => {
  const turnedOff = await handleSesEvent(event.detail ?? {});
  logger.info('SES feedback', { detailType: event['detail-type'], turnedOff });
};

export const handler = middy(run).use(injectLambdaContext(logger)).use(traced());
