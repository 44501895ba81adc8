/**
 * Lambda fed by the job queue (one message per job, batch size 1): advances the job until
 * a minute before its timeout, then queues it again. A run that fails is retried by SQS
 * from the job's last checkpoint; a message that keeps failing lands in the dead-letter queue.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { enqueue } from '#shared/jobs/queue.ts';
import { runJob } from '#shared/jobs/run.ts';
import { logger, traced } from '#shared/observability.ts';

const Message = z.object({ id: z.string().check(z.maxLength(100)) });

export const handler = middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const { id } = Message.parse(JSON.parse(record.body));
      const outcome = await runJob(id, () => context.getRemainingTimeInMillis() < 60_000);
      if (outcome === 'more') await enqueue(id);
    } catch (error) {
      logger.error('job run failed', { error: error as Error, messageId: record.messageId });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}).use(injectLambdaContext(logger)).use(traced());
