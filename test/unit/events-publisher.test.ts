import { describe, expect, it } from 'vitest';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Bus, BusEntry } from '#shared/events/bus.ts';
import { publishRecords } from '#shared/events/publisher.ts';

/** A bus that records what it accepted and refuses the entries `refuse` picks. */
const bus = (refuse: (entry: BusEntry, call: number) => boolean = () => false) => {
  const accepted: BusEntry[] = [];
  let calls = 0;
  const b: Bus & { accepted: BusEntry[] } = {
    accepted,
    async put(entries) {
      calls++;
      return entries.map((e) => {
        const ok = !refuse(e, calls);
        if (ok) accepted.push(e);
        return ok;
      });
    },
  };
  return b;
};

const commentRecord = (n: number): DynamoDBRecord => {
  const id = `01KAP4A0B1C2D3E4F5G6H7J${String(n).padStart(3, '0')}`;
  return {
    eventID: `record-${n}`,
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(1000 + n),
      ApproximateCreationDateTime: 1_795_000_000,
      NewImage: marshall({
        pk: 'DRAFT#01KAP3Z6X5N7V2J8Q4R9T0W1YB', sk: `COMMENT#${id}`, type: 'comment', id, draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
        draftVersion: 1, status: 'visible', createdAt: '2026-11-23T08:15:00.000Z',
      }) as Record<string, AttributeValue>,
    },
  };
};
const voteRecord = (n: number): DynamoDBRecord => ({
  eventID: `record-${n}`,
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: String(1000 + n), NewImage: marshall({ pk: 'p', sk: 's', type: 'vote' }) as Record<string, AttributeValue> },
});

describe('the stream publisher', () => {
  it('publishes every event of the batch in order, with the deployment as source', async () => {
    // Prepare
    const b = bus();
    const records = [commentRecord(1), voteRecord(2), commentRecord(3)];
    // Act
    const result = await publishRecords(records, b, 'porvoo');
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(b.accepted.map((e) => [e.source, e.detailType, (e.detail as { eventId: string }).eventId])).toEqual([
      ['porvoo', 'CommentPosted', 'record-1:CommentPosted'],
      ['porvoo', 'CommentPosted', 'record-3:CommentPosted'],
    ]);
  });

  it('reports the first record the bus refused, so the stream retries from there', async () => {
    const b = bus((e) => (e.detail as { eventId: string }).eventId === 'record-3:CommentPosted');
    const result = await publishRecords([commentRecord(1), commentRecord(2), commentRecord(3), commentRecord(4)], b, 'porvoo');
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1003' }]);
  });

  it('stops at a refused record: nothing after it is published before the retry', async () => {
    const records = Array.from({ length: 25 }, (_, i) => commentRecord(i + 1));
    const b = bus((_, call) => call === 1);
    const result = await publishRecords(records, b, 'porvoo');
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1001' }]);
    expect(b.accepted).toEqual([]);
  });

  it('a record that cannot become a valid event is reported, after what came before it is published', async () => {
    const broken = commentRecord(2);
    broken.dynamodb!.NewImage!.id = { S: 'not-an-id' };
    const b = bus();
    const result = await publishRecords([commentRecord(1), broken, commentRecord(3)], b, 'porvoo');
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1002' }]);
    expect(b.accepted.map((e) => (e.detail as { eventId: string }).eventId)).toEqual(['record-1:CommentPosted']);
  });

  it('a batch of changes that mean no events publishes nothing and fails nothing', async () => {
    const b = bus(() => true);
    expect(await publishRecords([voteRecord(1), voteRecord(2)], b, 'porvoo')).toEqual({ batchItemFailures: [], published: 0 });
  });
});
