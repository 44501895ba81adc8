/**
 * Lambda, the target of a draft's one-time schedule: closes the draft at its deadline.
 * Fired a moment early, it throws, so the scheduler's retry policy tries again.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { closeAtDeadline, type DeadlineOutcome } from '#shared/events/deadline.ts';
import { logger, traced } from '#shared/observability.ts';

const Input = z.object({ draftId: Id, closesAt: Time });

export const handler = middy(async (input: unknown, _context: Context): Promise<{ outcome: DeadlineOutcome }> => {
  const close = Input.parse(input);
  const outcome = await closeAtDeadline(close, new Date());
  logger.info('deadline', { ...close, outcome });
  if (outcome === 'not-due') throw new Error(`draft ${close.draftId} is not due before ${close.closesAt}`);
  return { outcome };
}).use(injectLambdaContext(logger)).use(traced());
