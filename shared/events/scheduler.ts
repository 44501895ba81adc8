/**
 * Closing a draft at its deadline: one EventBridge Scheduler one-time schedule per
 * published draft and deadline, named after both (so scheduling twice is harmless, and an
 * extension makes a new one: the old one then finds the deadline moved and does nothing),
 * deleted by the service after it ran. The local runtime swaps in timers (`useScheduler`).
 * Reads never depend on this: a draft's status is derived from `closesAt`. The schedule
 * exists so that `DraftClosed` is published (and followers hear of it) on time.
 */
import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { tracer } from '#shared/observability.ts';

export interface DraftClose {
  draftId: string;
  closesAt: string;
}

export interface Scheduler {
  scheduleDraftClose(close: DraftClose): Promise<void>;
}

/** `draft-close-<draftId>-<deadline in epoch seconds>`: at most 64 characters, as the service wants. */
export const scheduleName = (draftId: string, closesAt: string): string =>
  `draft-close-${draftId}-${Math.ceil(Date.parse(closesAt) / 1000)}`;

/** `at()` takes whole seconds: round up, so the schedule never fires before the deadline. */
export const atExpression = (time: string): string => {
  const ms = Date.parse(time);
  const seconds = new Date(Math.ceil(ms / 1000) * 1000).toISOString().slice(0, 19);
  return `at(${seconds})`;
};

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

export const eventBridgeScheduler = (client = tracer.captureAWSv3Client(new SchedulerClient({}))): Scheduler => ({
  async scheduleDraftClose({ draftId, closesAt }) {
    try {
      await client.send(new CreateScheduleCommand({
        Name: scheduleName(draftId, closesAt),
        GroupName: env('SCHEDULE_GROUP'),
        ScheduleExpression: atExpression(closesAt),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: env('CLOSE_DRAFT_FUNCTION_ARN'),
          RoleArn: env('SCHEDULE_ROLE_ARN'),
          Input: JSON.stringify({ draftId, closesAt }),
          RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86_400 },
          DeadLetterConfig: { Arn: env('SCHEDULE_DLQ_ARN') },
        },
      }));
    } catch (error) {
      // Already scheduled (the event came twice): the existing schedule does the job.
      if (error instanceof ConflictException || (error as { name?: string }).name === 'ConflictException') return;
      throw error;
    }
  },
});

let override: Scheduler | undefined;

/** The local runtime's timers replace EventBridge Scheduler (undefined restores it). */
export const useScheduler = (scheduler: Scheduler | undefined): void => {
  override = scheduler;
};

let deployed: Scheduler | undefined;

export const scheduler = (): Scheduler => override ?? (deployed ??= eventBridgeScheduler());
