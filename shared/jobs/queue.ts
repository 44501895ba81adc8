/**
 * Hands a job to whoever runs jobs: the job queue in AWS (JOB_QUEUE_URL, SQS feeding the job
 * function), the in-process runner locally. The job item is already stored, so a message
 * lost here only delays the job: SQS redelivers, and the local runner resumes every
 * unfinished job when it starts.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

let client: SQSClient | undefined;
let local: ((id: string) => void) | undefined;

/** The local runtime's runner takes jobs through here (no queue on a laptop). */
export const runJobsLocally = (runner: ((id: string) => void) | undefined): void => {
  local = runner;
};

export async function enqueue(id: string, delaySeconds = 0): Promise<void> {
  const url = process.env.JOB_QUEUE_URL;
  if (!url) {
    local?.(id);
    return;
  }
  client ??= new SQSClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 1000, requestTimeout: 3000, throwOnRequestTimeout: true } });
  await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ id }), DelaySeconds: delaySeconds }));
}
