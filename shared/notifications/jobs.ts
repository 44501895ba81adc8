/**
 * The fan-out as jobs of one bounded page each; a job that leaves followers for later
 * answers its successor, which goes to the delivery queue (./queue.ts):
 *   carry    following a draft carries over to its decision: one page of the draft's
 *            followers; after the last page, the deliveries it was holding back (so the
 *            draft's followers are the decision's before its news goes out)
 *   notify   one page of a delivery (./delivery.ts)
 */
import { followersPage, followUnlessDeclined } from '#shared/subscriptions/repository.ts';
import type { Subject } from '#shared/subscriptions/schema.ts';
import { deliverPage, pageSize, type Delivery, type Limits } from '#shared/notifications/delivery.ts';
import { deliveryQueue } from '#shared/notifications/queue.ts';

export type Job =
  | { kind: 'carry'; from: Subject; to: Subject; since: string; start?: string; then: Delivery[] }
  | { kind: 'notify'; delivery: Delivery; start?: string };

export interface JobResult {
  /** Feeds written (notify) or follows added (carry). */
  written: number;
  next: Job[];
}

/** Writes at most this many follows at once, so a large page does not throttle the table. */
const parallel = 16;

async function carry(job: Extract<Job, { kind: 'carry' }>, limit: number): Promise<JobResult> {
  const page = await followersPage(job.from, job.start, limit);
  let written = 0;
  const since = new Date(job.since);
  for (let i = 0; i < page.followers.length; i += parallel) {
    const added = await Promise.all(page.followers.slice(i, i + parallel).map((f) => followUnlessDeclined(job.to, f.sub, 'draft', since)));
    written += added.filter(Boolean).length;
  }
  const next: Job[] = page.next !== undefined
    ? [{ ...job, start: page.next }]
    : job.then.map((delivery) => ({ kind: 'notify', delivery }));
  return { written, next };
}

/** Runs one page of the job: safe to repeat, and to run twice at once. */
export async function runJob(job: Job, limits?: Limits): Promise<JobResult> {
  if (job.kind === 'carry') return carry(job, limits?.pageSize ?? pageSize);
  const page = await deliverPage(job.delivery, job.start, limits);
  return { written: page.written, next: page.next !== undefined ? [{ ...job, start: page.next }] : [] };
}

/** Runs the job's page, then leaves what remains to the queue; answers the feeds or follows written. */
export async function work(job: Job): Promise<number> {
  const { written, next } = await runJob(job);
  if (next.length > 0) await deliveryQueue().send(next);
  return written;
}

/** A queued job as it arrives (only this deployment's functions may send to the queue); throws on anything else. */
export function parseJob(body: string): Job {
  const job = JSON.parse(body) as Job;
  const ok = job && typeof job === 'object' && (
    (job.kind === 'notify' && typeof job.delivery?.eventId === 'string' && typeof job.delivery.followersOf?.id === 'string') ||
    (job.kind === 'carry' && typeof job.from?.id === 'string' && typeof job.to?.id === 'string' && Array.isArray(job.then)));
  if (!ok) throw new Error('not a notification job');
  return job;
}

/** Runs the job and every page after it here, one page at a time (tests, the bench, a manual redrive); answers the pages run. */
export async function runToEnd(job: Job, limits?: Limits): Promise<number> {
  let pages = 0;
  for (let queue = [job]; queue.length > 0; pages++) {
    const [next, ...rest] = queue;
    queue = [...rest, ...(await runJob(next!, limits)).next];
  }
  return pages;
}
