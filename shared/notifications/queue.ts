/**
 * Where the fan-out leaves the pages it has not delivered yet: an SQS queue in AWS
 * (`NOTIFICATION_QUEUE_URL`), whose consumer is `functions/notifications/deliver.ts`. The
 * local runtime swaps in its own in-process queue (`useDeliveryQueue`) feeding the same
 * function, as it swaps in its bus. A message may arrive twice: every job is safe to repeat.
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { tracer } from '#shared/observability.ts';
import type { Job } from '#shared/notifications/jobs.ts';

export interface DeliveryQueue {
  /** Resolves once every job is held by the queue. */
  send(jobs: Job[]): Promise<void>;
}

/** SendMessageBatch takes at most 10 messages. */
const batch = 10;

export const sqsQueue = (url: string, client = tracer.captureAWSv3Client(new SQSClient({}))): DeliveryQueue => ({
  async send(jobs) {
    for (let i = 0; i < jobs.length; i += batch) {
      const entries = jobs.slice(i, i + batch).map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job) }));
      const out = await client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
      // Not held means not sent: throwing makes the caller's own invocation retry (repeats are harmless).
      if ((out.Failed ?? []).length > 0) throw new Error(`the delivery queue refused ${out.Failed!.length} job(s): ${out.Failed![0]!.Code}`);
    }
  },
});

let override: DeliveryQueue | undefined;

/** The local runtime's in-process queue replaces SQS (undefined restores it). */
export const useDeliveryQueue = (queue: DeliveryQueue | undefined): void => {
  override = queue;
};

let deployed: DeliveryQueue | undefined;

export const deliveryQueue = (): DeliveryQueue => {
  if (override) return override;
  const url = process.env.NOTIFICATION_QUEUE_URL;
  if (!url) throw new Error('NOTIFICATION_QUEUE_URL is not set');
  return (deployed ??= sqsQueue(url));
};
