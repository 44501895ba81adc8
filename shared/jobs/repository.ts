/**
 * Durable jobs: work too long for one request (exports, erasure) kept as an item that a
 * runner advances step by step. Each checkpoint is a conditional write on the step number,
 * so two runners never both advance one job, and a crashed runner's successor starts from
 * the last checkpoint. While a job is unfinished a pointer `JOBS#unfinished / <id>` lists it,
 * so the local runtime resumes unfinished jobs after a restart without a Scan.
 *
 *   JOB#<id> / JOB   the job: kind, status, owner (exports), state, step
 */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryAll } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed, TransactionCancelled, transact } from '#shared/data/transact.ts';

export type JobKind = 'draft-export' | 'me-export' | 'erasure';
export type JobStatus = 'pending' | 'ready' | 'failed';

export interface JobItem<S = Record<string, unknown>> {
  pk: string;
  sk: 'JOB';
  type: 'job';
  id: string;
  kind: JobKind;
  status: JobStatus;
  /** Who started it: only they may read it. Absent on erasure jobs. */
  owner?: string;
  createdAt: string;
  /** Advanced by every checkpoint: the condition that keeps two runners apart. */
  step: number;
  /** What the kind needs to go on from the last checkpoint. */
  state: S;
  /** Failed runs so far. */
  failures?: number;
  bytes?: number;
  objectKey?: string;
  expiresAt: number;
}

/** Kept a week, like the export objects; the TTL clears finished jobs. */
export const jobDays = 7;

export const jobKey = (id: string) => ({ pk: `JOB#${id}`, sk: 'JOB' });
const pointerKey = (id: string) => ({ pk: 'JOBS#unfinished', sk: id });

/** Another runner advanced the job meanwhile, or it was erased: this one must stop. */
export class JobLost extends Error {
  constructor(id: string) {
    super(`job ${id} was advanced or removed by someone else`);
    this.name = 'JobLost';
  }
}

/** Stores a new job and its pointer; false when one with this id exists already. */
export async function createJob(job: Omit<JobItem<unknown>, 'pk' | 'sk' | 'type' | 'step' | 'expiresAt'> & Record<string, unknown>, now: Date): Promise<boolean> {
  const expiresAt = Math.floor(now.getTime() / 1000) + jobDays * 86_400;
  try {
    await transact([
      { Put: { TableName: tableName(), Item: { ...job, ...jobKey(job.id), type: 'job', step: 0, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName(), Item: { ...pointerKey(job.id), type: 'jobPointer', expiresAt } } },
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionCancelled) return false;
    throw error;
  }
}

export async function getJob<S>(id: string): Promise<JobItem<S> | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: jobKey(id), ConsistentRead: true }));
  return Item as JobItem<S> | undefined;
}

/** Saves `state` as the next step of `job` (and updates `job` in place); JobLost when the step moved on. */
export async function checkpoint<S>(job: JobItem<S>, state: S, extra: Record<string, unknown> = {}): Promise<void> {
  const names = Object.keys(extra);
  try {
    await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: jobKey(job.id),
      UpdateExpression: `SET #state = :state, step = :next${names.map((n, i) => `, #x${i} = :x${i}`).join('')}`,
      ConditionExpression: 'step = :step',
      ExpressionAttributeNames: { '#state': 'state', ...Object.fromEntries(names.map((n, i) => [`#x${i}`, n])) },
      ExpressionAttributeValues: { ':state': state, ':next': job.step + 1, ':step': job.step, ...Object.fromEntries(names.map((n, i) => [`:x${i}`, extra[n]])) },
    }));
  } catch (error) {
    if (conditionFailed(error)) throw new JobLost(job.id);
    throw error;
  }
  Object.assign(job, extra, { state, step: job.step + 1 });
}

/** Ends the job as `status` (ready or failed): its state is dropped and its pointer removed. */
export async function finishJob(job: JobItem<unknown>, status: 'ready' | 'failed', extra: Record<string, unknown> = {}): Promise<void> {
  const names = Object.keys(extra);
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: jobKey(job.id),
          UpdateExpression: `SET #status = :status, step = :next${names.map((n, i) => `, #x${i} = :x${i}`).join('')} REMOVE #state`,
          ConditionExpression: 'step = :step',
          ExpressionAttributeNames: { '#status': 'status', '#state': 'state', ...Object.fromEntries(names.map((n, i) => [`#x${i}`, n])) },
          ExpressionAttributeValues: { ':status': status, ':next': job.step + 1, ':step': job.step, ...Object.fromEntries(names.map((n, i) => [`:x${i}`, extra[n]])) },
        },
      },
      { Delete: { TableName: tableName(), Key: pointerKey(job.id) } },
    ]);
  } catch (error) {
    if (error instanceof TransactionCancelled) throw new JobLost(job.id);
    throw error;
  }
}

/** Counts a failed run; returns how many there have been. */
export async function countFailure(id: string): Promise<number> {
  const out = await db().send(new UpdateCommand({
    TableName: tableName(),
    Key: jobKey(id),
    UpdateExpression: 'ADD failures :one',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':one': 1 },
    ReturnValues: 'UPDATED_NEW',
  })).catch((error) => {
    if (conditionFailed(error)) return { Attributes: { failures: Infinity } };
    throw error;
  });
  return Number(out.Attributes?.failures ?? 1);
}

/** Removes the job and its pointer (erasure, or a job whose work is undone). */
export async function deleteJob(id: string): Promise<void> {
  await transact([
    { Delete: { TableName: tableName(), Key: jobKey(id) } },
    { Delete: { TableName: tableName(), Key: pointerKey(id) } },
  ]);
}

/** Ids of every unfinished job. */
export const unfinishedJobs = async (): Promise<string[]> =>
  (await queryAll<{ sk: string }>({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'JOBS#unfinished' } })).map((i) => i.sk);

/** Removes a pointer whose job no longer exists. */
export async function dropPointer(id: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: pointerKey(id) }));
}
