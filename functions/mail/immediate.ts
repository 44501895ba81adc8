/**
 * Lambda (the table's stream, feed inserts only): immediate e-mail for each new notification.
 * Records are handled in order; the first that fails is reported (partial batch response),
 * so the stream retries from it and those before it are not sent again.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { feedInsertOf, mailNow } from '#shared/mail/immediate.ts';
import { logger, traced } from '#shared/observability.ts';

const run = async (event: DynamoDBStreamEvent, _context: Context): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    const insert = feedInsertOf(record);
    if (!insert) continue;
    try {
      const outcome = await mailNow(insert);
      logger.debug('immediate mail', { notificationId: insert.id, outcome });
    } catch (error) {
      logger.error('immediate mail failed', { error: error as Error, eventID: record.eventID });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};

export const handler = middy(run).use(injectLambdaContext(logger)).use(traced());
