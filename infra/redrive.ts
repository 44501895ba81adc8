/**
 * `npm run redrive -- QUEUE FUNCTION`: hands what waits in a dead-letter queue back to the
 * function that failed it, one message at a time, and deletes a message only once the
 * function has handled it (a failure stops the run and leaves the rest in the queue).
 * The DLQs here are fed by Lambda and EventBridge, not by other queues, so SQS's own
 * message move task has nowhere to move them; this is its equivalent. What a message holds:
 *   EventBridge rule DLQ      the event itself                      -> the consumer
 *   Lambda on-failure record  `requestPayload`: the original input  -> the consumer / close-draft
 *   Scheduler DLQ             the schedule's input                  -> close-draft
 *   stream on-failure record  `DDBStreamBatchInfo`: a pointer to stream records (kept 24 h),
 *                             read back from the stream             -> the publisher
 * QUEUE is a queue name or URL, FUNCTION a function name or ARN (both in the stack's
 * resources; see the README). Credentials and region come from the AWS environment.
 */
import { parseArgs } from 'node:util';
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

interface StreamPointer {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  streamArn: string;
}

/** The records a stream failure pointer names, shaped as Lambda delivers them. */
export async function streamRecords(streams: DynamoDBStreamsClient, pointer: StreamPointer): Promise<unknown[]> {
  const region = pointer.streamArn.split(':')[3];
  let { ShardIterator: iterator } = await streams.send(new GetShardIteratorCommand({
    StreamArn: pointer.streamArn, ShardId: pointer.shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: pointer.startSequenceNumber,
  }));
  const records: _Record[] = [];
  const end = BigInt(pointer.endSequenceNumber);
  while (iterator) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    const inRange = (page.Records ?? []).filter((r) => BigInt(r.dynamodb!.SequenceNumber!) <= end);
    records.push(...inRange);
    if (inRange.length < (page.Records ?? []).length || (page.Records ?? []).length === 0) break;
    iterator = page.NextShardIterator;
  }
  return records.map((r) => ({
    ...r,
    awsRegion: region,
    eventSourceARN: pointer.streamArn,
    dynamodb: { ...r.dynamodb, ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime && Math.floor(r.dynamodb.ApproximateCreationDateTime.getTime() / 1000) },
  }));
}

/** What to invoke the function with, from one dead-letter message body. */
export async function payloadOf(body: string, streams: DynamoDBStreamsClient): Promise<unknown> {
  const message = JSON.parse(body) as { requestPayload?: unknown; DDBStreamBatchInfo?: StreamPointer };
  if (message.DDBStreamBatchInfo) {
    const records = await streamRecords(streams, message.DDBStreamBatchInfo);
    if (records.length === 0) throw new Error('the stream no longer holds these records (kept 24 h): they cannot be redriven');
    return { Records: records };
  }
  if (message.requestPayload !== undefined) return message.requestPayload;
  return message;
}

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [queue, fn] = positionals;
  if (!queue || !fn) {
    process.stderr.write('usage: npm run redrive -- QUEUE_NAME_OR_URL FUNCTION_NAME_OR_ARN\n');
    process.exit(2);
  }
  const sqs = new SQSClient({});
  const lambda = new LambdaClient({});
  const streams = new DynamoDBStreamsClient({});
  const url = queue.startsWith('https://') ? queue : (await sqs.send(new GetQueueUrlCommand({ QueueName: queue }))).QueueUrl!;
  let moved = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 2, VisibilityTimeout: 120 }));
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const payload = await payloadOf(message.Body ?? '{}', streams);
      const result = await lambda.send(new InvokeCommand({ FunctionName: fn, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(payload)) }));
      const answer = Buffer.from(result.Payload ?? []).toString();
      // The publisher reports failed records instead of throwing.
      if (result.FunctionError || /"batchItemFailures":\[\{/.test(answer)) {
        process.stderr.write(`${fn} failed on message ${message.MessageId} (left in the queue): ${answer}\n`);
        process.exit(1);
      }
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle! }));
      moved += 1;
    }
    process.stdout.write(`${moved} redriven\n`);
  }
  process.stdout.write(`done: ${moved} message(s) handled by ${fn}, ${url} is empty\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
