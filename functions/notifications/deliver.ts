/**
 * Lambda (the notification delivery queue): each message is one page of a fan-out (a job);
 * it writes that page and queues the next. A failed message is reported alone (partial
 * batch response), so SQS retries only it, and after a few receives moves it to the DLQ.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseJob, work } from '#shared/notifications/jobs.ts';
import { logger, traced } from '#shared/observability.ts';

const run = async (event: SQSEvent, _context: Context): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const written = await work(parseJob(record.body));
      logger.debug('delivered a page', { messageId: record.messageId, written });
    } catch (error) {
      logger.error('delivery page failed', { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

export const handler = middy(run).use(injectLambdaContext(logger)).use(traced());
