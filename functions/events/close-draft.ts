/**
 * Lambda, the target of a draft's one-time schedules: closes the draft at its deadline
 * (fired a moment early, it throws, so the scheduler's retry policy tries again), and before
 * it tells the draft's followers that commenting closes soon.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { closeAtDeadline, noticeClosingSoon, type DeadlineOutcome } from '#shared/events/deadline.ts';
import { logger, traced } from '#shared/observability.ts';

const Input = z.object({ draftId: Id, closesAt: Time, notice: z.optional(z.literal('closing-soon')) });

export const handler = middy(async (input: unknown, _context: Context): Promise<{ outcome: DeadlineOutcome }> => {
  const close = Input.parse(input);
  if (close.notice) {
    const outcome = await noticeClosingSoon(close, new Date());
    logger.info('closing soon', { ...close, outcome });
    return { outcome };
  }
  const outcome = await closeAtDeadline(close, new Date());
  logger.info('deadline', { ...close, outcome });
  if (outcome === 'not-due') throw new Error(`draft ${close.draftId} is not due before ${close.closesAt}`);
  return { outcome };
}).use(injectLambdaContext(logger)).use(traced());
