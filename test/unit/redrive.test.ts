/**
 * Redriving a dead letter hands the failed function what it first got: the event of an
 * EventBridge rule DLQ, the original input of a Lambda on-failure record, and the stream
 * records a publisher failure points to, read back from the stream.
 */
import { describe, expect, it } from 'vitest';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { payloadOf } from '#infra/redrive.ts';

const streamArn = 'arn:aws:dynamodb:eu-north-1:123456789012:table/t/stream/2030-01-01T00:00:00.000';
const record = (seq: string) => ({
  eventID: `e${seq}`, eventName: 'INSERT', eventSource: 'aws:dynamodb',
  dynamodb: { SequenceNumber: seq, ApproximateCreationDateTime: new Date('2030-01-01T00:00:10Z'), Keys: { pk: { S: `DRAFT#${seq}` } } },
});

/** A stream holding records 100..105 of one shard, served two per page. */
const fakeStream = (): DynamoDBStreamsClient => ({
  send: async (command: { input: Record<string, string> }) => {
    if ('ShardIteratorType' in command.input) return { ShardIterator: command.input.SequenceNumber };
    const from = Number(command.input.ShardIterator);
    const records = [from, from + 1].filter((n) => n <= 105).map((n) => record(String(n)));
    return { Records: records, NextShardIterator: from + 2 <= 105 ? String(from + 2) : undefined };
  },
}) as unknown as DynamoDBStreamsClient;

describe('what a dead letter is redriven as', () => {
  it('an EventBridge event is handed back as it is', async () => {
    const event = { 'detail-type': 'CommentPosted', source: 'porvoo', detail: { eventId: 'x' } };
    expect(await payloadOf(JSON.stringify(event), fakeStream())).toEqual(event);
  });

  it('a Lambda on-failure record gives back its original input', async () => {
    const body = { version: '1.0', requestContext: { condition: 'RetriesExhausted' }, requestPayload: { draftId: 'd1', closesAt: '2030-01-01T00:00:00Z' } };
    expect(await payloadOf(JSON.stringify(body), fakeStream())).toEqual({ draftId: 'd1', closesAt: '2030-01-01T00:00:00Z' });
  });

  it('a stream failure pointer becomes the records it names, shaped as Lambda delivers them', async () => {
    // Prepare
    const body = { DDBStreamBatchInfo: { shardId: 's1', startSequenceNumber: '101', endSequenceNumber: '104', streamArn } };
    // Act
    const payload = (await payloadOf(JSON.stringify(body), fakeStream())) as { Records: Record<string, any>[] };
    // Assess
    expect(payload.Records.map((r) => r.dynamodb.SequenceNumber)).toEqual(['101', '102', '103', '104']);
    expect(payload.Records[0]).toMatchObject({ eventSourceARN: streamArn, awsRegion: 'eu-north-1', dynamodb: { ApproximateCreationDateTime: 1_893_456_010 } });
  });
});
