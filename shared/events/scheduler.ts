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
  /** Not the close itself but the notice before it: followers hear that commenting closes soon. */
  notice?: 'closing-soon';
}

/** How long before the deadline followers hear it is coming (CLOSING_SOON_HOURS, default 48). */
export const closingSoonHours = (): number => {
  const n = Number(process.env.CLOSING_SOON_HOURS);
  return Number.isFinite(n) && n > 0 && n <= 24 * 14 ? n : 48;
};

/** When a schedule fires: at the deadline, or the notice's hours before it. */
export const fireAt = ({ closesAt, notice }: DraftClose): string =>
  notice ? new Date(Date.parse(closesAt) - closingSoonHours() * 3_600_000).toISOString() : closesAt;

export interface Scheduler {
  scheduleDraftClose(close: DraftClose): Promise<void>;
}

/** `draft-close-<draftId>-<deadline in epoch seconds>` (`draft-soon-…` for the notice): at most 64 characters, as the service wants. */
export const scheduleName = (draftId: string, closesAt: string, notice?: DraftClose['notice']): string =>
  `draft-${notice ? 'soon' : 'close'}-${draftId}-${Math.ceil(Date.parse(closesAt) / 1000)}`;

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
  async scheduleDraftClose(close) {
    const { draftId, closesAt, notice } = close;
    try {
      await client.send(new CreateScheduleCommand({
        Name: scheduleName(draftId, closesAt, notice),
        GroupName: env('SCHEDULE_GROUP'),
        ScheduleExpression: atExpression(fireAt(close)),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: env('CLOSE_DRAFT_FUNCTION_ARN'),
          RoleArn: env('SCHEDULE_ROLE_ARN'),
          Input: JSON.stringify({ draftId, closesAt, ...(notice ? { notice } : {}) }),
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
