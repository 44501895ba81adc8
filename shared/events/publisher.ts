/**
 * The stream -> bus publisher: turns a batch of DynamoDB stream records into domain events
 * and puts them on the bus, in order. It reports the first record it could not publish as
 * a batch item failure, so Lambda (or the local pump) retries from there and never skips a
 * record; records before it are not published again. Consumers deduplicate by `eventId`,
 * so the retry's repeats of an already accepted event are harmless.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { eventsFromRecord } from '#events/from-stream.ts';
import { logger } from '#shared/observability.ts';
import type { Bus, BusEntry } from '#shared/events/bus.ts';

interface Pending {
  record: DynamoDBRecord;
  entries: BusEntry[];
}

const failure = (record: DynamoDBRecord): DynamoDBBatchResponse => ({
  batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }],
});

export interface PublishResult extends DynamoDBBatchResponse {
  /** Events the bus accepted. */
  published: number;
}

export async function publishRecords(records: DynamoDBRecord[], bus: Bus, source: string): Promise<PublishResult> {
  let pending: Pending[] = [];
  let published = 0;

  /** Puts what is pending; returns the first record with a rejected event, if any. */
  const flush = async (): Promise<DynamoDBRecord | undefined> => {
    const entries = pending.flatMap((p) => p.entries);
    if (entries.length === 0) return undefined;
    const accepted = await bus.put(entries);
    published += accepted.filter(Boolean).length;
    let i = 0;
    for (const p of pending) {
      const ok = p.entries.every(() => accepted[i++] === true);
      if (!ok) return p.record;
    }
    pending = [];
    return undefined;
  };

  for (const record of records) {
    let entries: BusEntry[];
    try {
      entries = eventsFromRecord(record).map((e) => ({ source, detailType: e.detailType, detail: e.detail }));
    } catch (error) {
      // An item that does not make a valid event is a bug to look at, not to skip: after the
      // retries, the record's position goes to the on-failure destination.
      logger.error('stream record does not map to a valid event', { error: error as Error, eventID: record.eventID });
      const failed = await flush();
      return { ...failure(failed ?? record), published };
    }
    if (entries.length === 0) continue;
    pending.push({ record, entries });
    if (pending.reduce((n, p) => n + p.entries.length, 0) >= 10) {
      const failed = await flush();
      if (failed) return { ...failure(failed), published };
    }
  }
  const failed = await flush();
  return failed ? { ...failure(failed), published } : { batchItemFailures: [], published };
}
