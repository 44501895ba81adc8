/**
 * Lambda (EventBridge Scheduler, `{"frequency": "daily" | "weekly"}`): runs the digest job,
 * a bounded part per invocation; the schedule fires again through the morning, and each
 * invocation resumes the run where the last stopped (a finished run answers at once).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { defaultMaxRecipients, runDigests } from '#shared/mail/digest.ts';
import type { DigestRun } from '#shared/mail/capture-schema.ts';
import { logger, traced } from '#shared/observability.ts';

const maxRecipients = () => Number(process.env.DIGEST_MAX_RECIPIENTS) || defaultMaxRecipients;

const run = async (event: { frequency?: unknown }, context: Context): Promise<DigestRun> => {
  const frequency = event?.frequency === 'weekly' ? 'weekly' : event?.frequency === 'daily' ? 'daily' : undefined;
  if (!frequency) throw new Error('the digest job needs {"frequency": "daily" | "weekly"}');
  const result = await runDigests(frequency, new Date(), { maxRecipients: maxRecipients(), timeUp: () => context.getRemainingTimeInMillis() < 30_000 });
  logger.info('digest run', { ...result });
  return result;
};

export const handler = middy(run).use(injectLambdaContext(logger)).use(traced());
