/**
 * A draft's deadline schedule in AWS: what EventBridge Scheduler is asked to create. Its
 * retry policy and dead-letter queue are what keep a close from being lost when the
 * scheduler cannot hand it to Lambda.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictException, type CreateScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { eventBridgeScheduler } from '#shared/events/scheduler.ts';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const settings = {
  SCHEDULE_GROUP: 'porvoo-deadlines',
  SCHEDULE_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  CLOSE_DRAFT_FUNCTION_ARN: 'arn:aws:lambda:eu-north-1:123456789012:function:close-draft',
  SCHEDULE_DLQ_ARN: 'arn:aws:sqs:eu-north-1:123456789012:schedule-failures',
};

/** A client that records what it is sent, and answers with `answer`. */
const recordingClient = (answer: () => Promise<unknown> = async () => ({})) => {
  const sent: CreateScheduleCommand[] = [];
  const client = { send: async (command: CreateScheduleCommand) => (sent.push(command), answer()) } as unknown as SchedulerClient;
  return { client, sent };
};

describe('the deadline schedule', () => {
  it('retries delivery to close-draft and then keeps the event in the schedule DLQ', async () => {
    // Prepare
    Object.assign(process.env, settings);
    const { client, sent } = recordingClient();
    // Act
    await eventBridgeScheduler(client).scheduleDraftClose({ draftId: '01J00000000000000000000000', closesAt: '2030-05-01T12:00:00.250Z' });
    // Assess
    expect(sent).toHaveLength(1);
    expect(sent[0]!.input).toMatchObject({
      Name: 'draft-close-01J00000000000000000000000-1903867201',
      GroupName: 'porvoo-deadlines',
      ScheduleExpression: 'at(2030-05-01T12:00:01)',
      Target: {
        Arn: settings.CLOSE_DRAFT_FUNCTION_ARN,
        RoleArn: settings.SCHEDULE_ROLE_ARN,
        RetryPolicy: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) },
        DeadLetterConfig: { Arn: settings.SCHEDULE_DLQ_ARN },
      },
    });
    expect(sent[0]!.input.Target!.RetryPolicy!.MaximumRetryAttempts).toBeGreaterThan(0);
  });

  it('treats a schedule that already exists as done (the event came twice)', async () => {
    Object.assign(process.env, settings);
    const { client } = recordingClient(async () => {
      throw new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} });
    });
    await expect(eventBridgeScheduler(client).scheduleDraftClose({ draftId: 'd1', closesAt: '2030-05-01T12:00:00Z' })).resolves.toBeUndefined();
  });

  it('refuses to schedule without a dead-letter queue', async () => {
    Object.assign(process.env, { ...settings, SCHEDULE_DLQ_ARN: '' });
    const { client } = recordingClient();
    await expect(eventBridgeScheduler(client).scheduleDraftClose({ draftId: 'd1', closesAt: '2030-05-01T12:00:00Z' })).rejects.toThrow('SCHEDULE_DLQ_ARN');
  });
});
