/**
 * What `DELETE /v1/me` does before it answers: records the erasure (tokens refused from now
 * on) and stores the erasure job, then queues it. Kept apart from the job's own code so the
 * HTTP function bundles neither object storage nor the erasure steps.
 */
import { createJob } from '#shared/jobs/repository.ts';
import { enqueue } from '#shared/jobs/queue.ts';
import { erasureRef, markErased } from '#shared/me/erased.ts';
import type { CommentPolicy } from '#shared/me/erasure.ts';

/**
 * The synchronous part of erasure: from now on the person's tokens are refused, and a job
 * that will erase the rest is stored (once, however often this is called) and started.
 */
export async function beginErasure(sub: string, policy: CommentPolicy, now: Date): Promise<void> {
  await markErased(sub, now);
  const id = `erasure-${await erasureRef(sub)}`;
  await createJob({ id, kind: 'erasure', status: 'pending', sub, policy, createdAt: now.toISOString(), state: { pass: 0, found: 0 } }, now);
  await enqueue(id); // also when it existed: a repeat nudges a job that may be stuck
}
