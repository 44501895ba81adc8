/**
 * The local stand-in for the event platform: it polls DynamoDB Local's stream as Lambda's
 * event source mapping would, hands each batch to the same publisher function (and its feed
 * inserts to the stream's second consumer, immediate e-mail, as a filtered mapping would), delivers
 * the published events in-process to the consumers the rules name (as EventBridge would,
 * with retries and a dead-letter list), runs the notification delivery queue's pages the
 * same way (as SQS would feed its consumer), and plays EventBridge Scheduler with timers that
 * survive a restart. `stop()` ends every poll, timer and delivery it started.
 *
 * With a checkpoint file (data under .data/), the reader remembers per shard the last record
 * whose events every consumer has handled, and resumes after it when the process restarts,
 * even after a kill: nothing is lost, and what was in flight is delivered again, which the
 * consumers' idempotency makes harmless.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand,
  type _Record as StreamRecord, type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent, EventBridgeEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { eventRules } from '#events/rules.ts';
import { settings } from '#shared/config.ts';
import { db, unavailable } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { useBus, type Bus, type BusEntry } from '#shared/events/bus.ts';
import type { Job } from '#shared/notifications/jobs.ts';
import { useDeliveryQueue, type DeliveryQueue } from '#shared/notifications/queue.ts';
import { fireAt, scheduleName, useScheduler, type DraftClose, type Scheduler } from '#shared/events/scheduler.ts';
import { logger } from '#shared/observability.ts';
import { functionHandler, lambdaContext } from '#infra/local/gateway.ts';
import { localClient } from '#infra/local/dynamodb.ts';

export interface DeadLetter {
  target: string;
  payload: unknown;
  error: string;
}

export interface LocalEvents {
  /** Resolves once every change written so far has been published and every delivery has finished. */
  idle(timeoutMs?: number): Promise<void>;
  /** Feeds every stream record seen so far to the publisher again, as a retrying stream would. */
  redeliver(): Promise<void>;
  /** Deliveries that failed every attempt (in AWS: the rule's dead-letter queue). */
  deadLetters: DeadLetter[];
  stop(): Promise<void>;
}

export interface LocalEventsOptions {
  endpoint: string;
  /** How long to wait between polls of an idle stream (Lambda polls about 4 times a second). */
  pollMs?: number;
  /** Where the reader keeps its position; without one it starts at the stream's end and forgets on exit. */
  checkpointFile?: string;
}

type Invoke = (fn: string, payload: unknown) => Promise<unknown>;

const batchSize = 100;
/** Publisher attempts per record before it goes to the "on-failure destination" (the log). */
const publishAttempts = 5;
const deliveryAttempts = 3;
const scheduleAttempts = 20;
const localSchedules = 'LOCAL#SCHEDULES';
/** setTimeout's longest delay; later schedules re-arm in steps. */
const longestTimer = 2 ** 31 - 1;


type Image = Record<string, unknown>;

/**
 * The Streams client hands an empty map back as `{}` rather than `{ M: {} }` (Lambda's
 * event has the latter): put the `M` back, at any depth, so images unmarshall as in AWS.
 */
const repaired = (value: unknown): unknown => {
  if (!value || typeof value !== 'object') return value;
  const v = value as Image;
  if (Object.keys(v).length === 0) return { M: {} };
  if (v.M) return { M: repairedImage(v.M as Image) };
  if (Array.isArray(v.L)) return { L: v.L.map(repaired) };
  return v;
};
const repairedImage = (image: Image | undefined) =>
  image && Object.fromEntries(Object.entries(image).map(([k, v]) => [k, repaired(v)]));

/** The Streams API's record in the shape Lambda's event source mapping hands to a function. */
const lambdaRecord = (r: StreamRecord, streamArn: string): DynamoDBRecord => ({
  eventID: r.eventID,
  eventName: r.eventName,
  eventVersion: r.eventVersion,
  eventSource: 'aws:dynamodb',
  awsRegion: process.env.AWS_REGION ?? 'eu-north-1',
  eventSourceARN: streamArn,
  dynamodb: {
    ...(r.dynamodb as DynamoDBRecord['dynamodb']),
    NewImage: repairedImage(r.dynamodb?.NewImage as Image | undefined) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
    OldImage: repairedImage(r.dynamodb?.OldImage as Image | undefined) as NonNullable<DynamoDBRecord['dynamodb']>['OldImage'],
    ApproximateCreationDateTime: Math.floor((r.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000),
  },
});

export async function startEvents(options: LocalEventsOptions): Promise<LocalEvents> {
  const stopping = new AbortController();
  const signal = stopping.signal;
  const inflight = new Set<Promise<unknown>>();
  const deadLetters: DeadLetter[] = [];
  const track = <T>(work: Promise<T>): Promise<T> => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work)).catch(() => undefined);
    return work;
  };
  const pause = (ms: number) => sleep(ms, undefined, { signal }).catch(() => undefined);

  const invoke: Invoke = async (fn, payload) => {
    const handler = (await functionHandler(fn)) as unknown as (event: unknown, context: Context) => Promise<unknown>;
    return handler(payload, lambdaContext(fn));
  };

  const deliver = retrying(pause, signal, deadLetters);
  // The stream's second consumer in AWS (feed inserts only): immediate e-mail.
  const mailFeed = (records: DynamoDBRecord[]) => {
    const inserts = records.filter((r) => r.eventName === 'INSERT' && (r.dynamodb?.NewImage?.type as { S?: string } | undefined)?.S === 'notification');
    if (inserts.length === 0) return;
    const event: DynamoDBStreamEvent = { Records: inserts };
    void track(deliver('mail/immediate', event, 'immediate mail', async () => {
      const out = (await invoke('mail/immediate', event)) as DynamoDBBatchResponse;
      if (out.batchItemFailures.length > 0) throw new Error('immediate mail failed (see the log)');
    }));
  };
  const reader = await streamReader(options.endpoint, invoke, pause, options.checkpointFile, mailFeed);
  const scheduler = await localScheduler(invoke, track, pause, signal, deadLetters);
  useBus(localBus(invoke, deliver, track));
  useDeliveryQueue(localDeliveryQueue(invoke, deliver, track));
  useScheduler(scheduler.scheduler);
  let lock: Promise<unknown> = Promise.resolve();
  /** One poll at a time, whether from the loop or from idle(). */
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = lock.then(work, work);
    lock = next.catch(() => undefined);
    return next;
  };

  const loop = (async () => {
    while (!signal.aborted) {
      let read = 0;
      try {
        read = await serially(() => reader.poll());
      } catch (error) {
        if (!signal.aborted) logger.error('local stream poll failed', { error: error as Error });
      }
      if (read === 0) await pause(options.pollMs ?? 100);
    }
  })();

  const settle = async () => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  };

  return {
    deadLetters,
    async idle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Deliveries may write what makes further events: only a poll after they all
        // finished, finding nothing and starting nothing, shows the pipeline is idle.
        await settle();
        const read = await serially(() => reader.poll());
        if (read === 0 && inflight.size === 0 && !reader.retrying()) return;
        if (Date.now() > deadline) throw new Error('the local event pipeline did not settle in time');
        if (reader.retrying()) await pause(50);
      }
    },
    async redeliver() {
      await serially(() => reader.replay());
    },
    async stop() {
      if (signal.aborted) return;
      stopping.abort();
      scheduler.stop();
      await loop;
      await settle();
      useBus(undefined);
      useDeliveryQueue(undefined);
      useScheduler(undefined);
      reader.close();
    },
  };
}

/** Hands `payload` to function `fn` until it takes it; `attempt` is one invocation, throwing when it failed. */
type Deliver = (fn: string, payload: unknown, what: string, attempt: () => Promise<unknown>) => Promise<void>;

/**
 * As EventBridge and SQS: retried while the target fails. A target whose database is down is
 * retried until it is back (EventBridge keeps trying for a day); one that fails for any
 * other reason goes to the dead letters after a few attempts. Stopping mid-delivery throws,
 * so the stream position does not move past an event that was never handled.
 */
const retrying = (pause: (ms: number) => Promise<unknown>, signal: AbortSignal, deadLetters: DeadLetter[]): Deliver =>
  async (fn, payload, what, attempt) => {
    for (let n = 1; ; n++) {
      try {
        await attempt();
        return;
      } catch (error) {
        if (signal.aborted) throw new Error(`stopped while delivering to ${fn}`);
        if (!unavailable(error) && n >= deliveryAttempts) {
          deadLetters.push({ target: fn, payload, error: String(error) });
          logger.error('delivery failed; dead-lettered', { fn, what, error: error as Error });
          return;
        }
        await pause(Math.min(100 * 4 ** n, 2_000));
      }
    }
  };

/**
 * SQS's part for the notification delivery queue: each job goes to `notifications/deliver`
 * as a one-message batch, retried while the function reports it failed. As with the bus,
 * in-process nothing holds a message durably, so sending resolves once the job (and the
 * pages it queued in turn) had its turn.
 */
function localDeliveryQueue(invoke: Invoke, deliver: Deliver, track: <T>(p: Promise<T>) => Promise<T>): DeliveryQueue {
  const fn = 'notifications/deliver';
  const message = (job: Job): SQSEvent => {
    const messageId = randomUUID();
    return {
      Records: [{
        messageId, receiptHandle: messageId, body: JSON.stringify(job), messageAttributes: {}, md5OfBody: '',
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'local', ApproximateFirstReceiveTimestamp: String(Date.now()) },
        eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:000000000000:notification-deliveries', awsRegion: process.env.AWS_REGION ?? 'eu-north-1',
      }],
    };
  };
  return {
    async send(jobs) {
      await Promise.all(jobs.map((job) => {
        const event = message(job);
        return track(deliver(fn, event, job.kind, async () => {
          const out = (await invoke(fn, event)) as SQSBatchResponse;
          if (out.batchItemFailures.length > 0) throw new Error('the delivery page failed (see the log)');
        }));
      }));
    },
  };
}

/** EventBridge's part: route each accepted entry to the consumers whose rule matches, asynchronously. */
function localBus(invoke: Invoke, deliver: Deliver, track: <T>(p: Promise<T>) => Promise<T>): Bus {
  return {
    async put(entries: BusEntry[]) {
      const deliveries: Promise<void>[] = [];
      for (const entry of entries) {
        const event: EventBridgeEvent<string, unknown> = {
          version: '0',
          id: randomUUID(),
          'detail-type': entry.detailType,
          source: entry.source,
          account: '000000000000',
          time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          region: process.env.AWS_REGION ?? 'eu-north-1',
          resources: [],
          detail: JSON.parse(JSON.stringify(entry.detail)) as unknown,
        };
        for (const rule of eventRules) {
          if (entry.source === settings().deploymentName && (rule.detailTypes as string[]).includes(entry.detailType)) {
            deliveries.push(track(deliver(rule.fn, event, entry.detailType, () => invoke(rule.fn, event))));
          }
        }
      }
      // EventBridge holds an accepted event durably; in-process nothing does, so the publisher
      // (and the stream position behind it) moves on only once every consumer had its turn.
      await Promise.all(deliveries);
      return entries.map(() => true);
    },
  };
}

/**
 * EventBridge Scheduler's part: a schedule is an item under `LOCAL#SCHEDULES` (so it
 * survives `npm start` restarts) and a timer; when it fires it invokes the target function
 * with the schedule's input, retries while the target throws, then deletes the schedule.
 */
async function localScheduler(
  invoke: Invoke, track: <T>(p: Promise<T>) => Promise<T>, pause: (ms: number) => Promise<unknown>,
  signal: AbortSignal, deadLetters: DeadLetter[],
) {
  const timers = new Map<string, NodeJS.Timeout>();

  const fire = async (name: string, input: DraftClose) => {
    timers.delete(name);
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        await invoke('events/close-draft', input);
        await db().send(new DeleteCommand({ TableName: tableName(), Key: { pk: localSchedules, sk: name } }));
        return;
      } catch (error) {
        if (attempt >= scheduleAttempts) {
          deadLetters.push({ target: 'events/close-draft', payload: input, error: String(error) });
          return;
        }
        await pause(Math.min(1000 * attempt, 10_000));
      }
    }
  };

  const arm = (name: string, at: string, input: DraftClose) => {
    if (signal.aborted || timers.has(name)) return;
    // As `at()`: whole seconds, rounded up, so it never fires before the deadline.
    const due = Math.ceil(Date.parse(at) / 1000) * 1000;
    const wait = Math.max(0, due - Date.now());
    const timer = setTimeout(() => {
      if (wait > longestTimer) {
        timers.delete(name);
        arm(name, at, input);
      } else {
        void track(fire(name, input));
      }
    }, Math.min(wait, longestTimer));
    timers.set(name, timer);
  };

  const pending = await db().send(new QueryCommand({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': localSchedules },
    ConsistentRead: true,
  }));
  for (const item of pending.Items ?? []) arm(String(item.sk), String(item.at), item.input as DraftClose);

  const scheduler: Scheduler = {
    async scheduleDraftClose(close) {
      const name = scheduleName(close.draftId, close.closesAt, close.notice);
      if (timers.has(name)) return;
      await db().send(new PutCommand({
        TableName: tableName(),
        Item: { pk: localSchedules, sk: name, type: 'localSchedule', at: fireAt(close), input: close },
      }));
      arm(name, fireAt(close), close);
    },
  };
  return {
    scheduler,
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

interface ShardState {
  id: string;
  iterator?: string;
  /** Sequence number of the last record the publisher took. */
  last?: string;
  /** The record the publisher failed on, how often, and when to try again. */
  failing?: { sequence: string; attempts: number; retryAt: number };
}

interface Checkpoint {
  streamArn: string;
  /** Per shard, the sequence number of the last record fully handled. */
  shards: Record<string, string>;
  finished: string[];
}

const readCheckpoint = (file: string | undefined, streamArn: string): Checkpoint | undefined => {
  if (!file || !existsSync(file)) return undefined;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
    return saved.streamArn === streamArn ? saved : undefined;
  } catch {
    return undefined; // unreadable: start from the oldest record kept (redelivery is harmless)
  }
};

/** Lambda's event source mapping for the table's stream: shards in order, batches, retries from the failed record. */
async function streamReader(endpoint: string, invoke: Invoke, pause: (ms: number) => Promise<unknown>, checkpointFile?: string,
  taken: (records: DynamoDBRecord[]) => void = () => undefined) {
  const table = localClient(endpoint);
  const described = await table.send(new DescribeTableCommand({ TableName: tableName() }));
  table.destroy();
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${tableName()} has no stream`);
  const streams = new DynamoDBStreamsClient({
    endpoint, region: process.env.AWS_REGION ?? 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const shards = new Map<string, ShardState>();
  const finished = new Set<string>();
  const history: DynamoDBRecord[] = [];
  let discoveredAt = 0;
  const saved = readCheckpoint(checkpointFile, streamArn);
  for (const id of saved?.finished ?? []) finished.add(id);

  /** Written after each handled batch, atomically (a kill mid-write leaves the previous one). */
  const checkpoint = () => {
    if (!checkpointFile) return;
    const state: Checkpoint = {
      streamArn,
      shards: { ...saved?.shards, ...Object.fromEntries([...shards.values()].filter((s) => s.last).map((s) => [s.id, s.last!])) },
      finished: [...finished],
    };
    for (const id of finished) delete state.shards[id];
    writeFileSync(`${checkpointFile}.tmp`, JSON.stringify(state));
    renameSync(`${checkpointFile}.tmp`, checkpointFile);
  };

  const listShards = async (): Promise<Shard[]> => {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      all.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  };

  const iterator = async (shardId: string, type: 'LATEST' | 'TRIM_HORIZON' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER', sequence?: string) =>
    (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequence })))
      .ShardIterator;

  /** Where a shard the checkpoint knows resumes: after its last handled record (or its start, if that was trimmed). */
  const resume = async (id: string, last: string): Promise<string | undefined> => {
    try {
      return await iterator(id, 'AFTER_SEQUENCE_NUMBER', last);
    } catch (error) {
      if ((error as { name?: string }).name !== 'TrimmedDataAccessException') throw error;
      return iterator(id, 'TRIM_HORIZON');
    }
  };

  /**
   * New shards. Without a checkpoint file: at start only the open ones, from now on. With one:
   * every shard from where it left off, or from its start. Later shards from their start, after their parent.
   */
  const discover = async (initial: boolean) => {
    discoveredAt = Date.now();
    for (const shard of await listShards()) {
      const id = shard.ShardId!;
      if (shards.has(id) || finished.has(id)) continue;
      if (checkpointFile) {
        if (shard.ParentShardId && shards.has(shard.ParentShardId)) continue;
        const last = saved?.shards[id];
        shards.set(id, { id, last, iterator: last ? await resume(id, last) : await iterator(id, 'TRIM_HORIZON') });
        continue;
      }
      if (initial) {
        if (shard.SequenceNumberRange?.EndingSequenceNumber) finished.add(id);
        else shards.set(id, { id, iterator: await iterator(id, 'LATEST') });
        continue;
      }
      if (shard.ParentShardId && shards.has(shard.ParentShardId)) continue;
      shards.set(id, { id, iterator: await iterator(id, 'TRIM_HORIZON') });
    }
  };

  const publish = async (records: DynamoDBRecord[]): Promise<string | undefined> => {
    const event: DynamoDBStreamEvent = { Records: records };
    try {
      const result = (await invoke('events/publisher', event)) as DynamoDBBatchResponse;
      return result.batchItemFailures[0]?.itemIdentifier;
    } catch (error) {
      logger.error('publisher failed', { error: error as Error });
      return records[0]?.dynamodb?.SequenceNumber;
    }
  };

  const pollShard = async (shard: ShardState): Promise<number> => {
    if (shard.failing) {
      if (Date.now() < shard.failing.retryAt) return 0;
      shard.iterator = await iterator(shard.id, 'AT_SEQUENCE_NUMBER', shard.failing.sequence);
    }
    if (!shard.iterator) {
      shard.iterator = shard.last ? await iterator(shard.id, 'AFTER_SEQUENCE_NUMBER', shard.last) : await iterator(shard.id, 'TRIM_HORIZON');
    }
    let out;
    try {
      out = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize }));
    } catch (error) {
      if ((error as { name?: string }).name !== 'ExpiredIteratorException') throw error;
      shard.iterator = undefined;
      return 0;
    }
    const records = (out.Records ?? []).map((r) => lambdaRecord(r, streamArn));
    if (records.length > 0) {
      const failedAt = await publish(records);
      const took = failedAt === undefined ? records : records.slice(0, records.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt));
      for (const r of took) history.push(r);
      taken(took);
      if (history.length > 10_000) history.splice(0, history.length - 10_000);
      if (took.length > 0) {
        shard.last = took.at(-1)!.dynamodb!.SequenceNumber;
        checkpoint();
      }
      if (failedAt !== undefined) {
        const attempts = shard.failing?.sequence === failedAt ? shard.failing.attempts + 1 : 1;
        if (attempts >= publishAttempts) {
          logger.error('stream record skipped after repeated publisher failures (on-failure destination)', { sequence: failedAt });
          shard.failing = undefined;
          shard.last = failedAt;
          checkpoint();
          shard.iterator = await iterator(shard.id, 'AFTER_SEQUENCE_NUMBER', failedAt);
        } else {
          shard.failing = { sequence: failedAt, attempts, retryAt: Date.now() + 100 * 2 ** attempts };
        }
        return records.length;
      }
      shard.failing = undefined;
    }
    shard.iterator = out.NextShardIterator;
    if (!out.NextShardIterator) {
      // The shard closed: its children may start now.
      shards.delete(shard.id);
      finished.add(shard.id);
      checkpoint();
      discoveredAt = 0;
    }
    return records.length;
  };

  await discover(true);

  return {
    async poll(): Promise<number> {
      if (Date.now() - discoveredAt > 1000) await discover(false);
      let read = 0;
      for (const shard of [...shards.values()]) read += await pollShard(shard);
      return read;
    },
    retrying: () => [...shards.values()].some((s) => s.failing !== undefined),
    async replay() {
      for (let i = 0; i < history.length; i += batchSize) {
        const batch = history.slice(i, i + batchSize);
        const failedAt = await publish(batch);
        taken(batch);
        if (failedAt !== undefined) await pause(100);
      }
    },
    close: () => streams.destroy(),
  };
}
