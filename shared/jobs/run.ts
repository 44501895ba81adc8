/**
 * Runs one job for a while: loads it, advances it by its kind until it is done or the
 * deadline nears, and counts failures. An export that keeps failing ends as `failed` (its
 * partial upload dropped); an erasure never gives up: it is retried (and in AWS lands in the
 * dead-letter queue, which pages an operator).
 */
import { draftExportSource, type DraftExportJob } from '#shared/exports/draft-job.ts';
import { advanceExport, type ExportSource, type ExportState } from '#shared/exports/writer.ts';
import { countFailure, dropPointer, finishJob, getJob, JobLost, type JobItem } from '#shared/jobs/repository.ts';
import { advanceErasure, type ErasureJob } from '#shared/me/erasure.ts';
import { meExportSource, type MeExportJob } from '#shared/me/export-job.ts';
import { abortUpload, deleteObject } from '#shared/storage/objects.ts';

/** Failed runs after which an export is given up. */
export const maxExportFailures = 5;

async function sourceOf(job: JobItem<ExportState>): Promise<ExportSource | undefined> {
  return job.kind === 'draft-export' ? draftExportSource(job as DraftExportJob) : meExportSource(job as MeExportJob);
}

async function advance(job: JobItem<unknown>, timeUp: () => boolean): Promise<'done' | 'more'> {
  if (job.kind === 'erasure') return advanceErasure(job as ErasureJob, timeUp);
  const exportJob = job as JobItem<ExportState>;
  const source = await sourceOf(exportJob);
  if (!source) return giveUp(exportJob);
  return advanceExport(exportJob, source, timeUp);
}

/** Ends an export as failed, dropping what it uploaded. */
async function giveUp(job: JobItem<ExportState>): Promise<'done'> {
  if (job.state.uploadId) await abortUpload(job.objectKey!, job.state.uploadId);
  await finishJob(job, 'failed');
  return 'done';
}

/** Advances job `id` until done or until `timeUp()` at a checkpoint; 'more' asks to be run again. */
export async function runJob(id: string, timeUp: () => boolean): Promise<'done' | 'more'> {
  const job = await getJob(id);
  if (!job) {
    await dropPointer(id);
    return 'done';
  }
  if (job.status !== 'pending') return 'done';
  try {
    return await advance(job, timeUp);
  } catch (error) {
    if (error instanceof JobLost) return lost(job);
    const failures = await countFailure(id);
    if (job.kind !== 'erasure' && failures >= maxExportFailures) return giveUp(job as JobItem<ExportState>).catch(() => 'done');
    throw error;
  }
}

/** Someone else advanced the job, or erasure removed it: then nothing of it may stay behind. */
async function lost(job: JobItem<unknown>): Promise<'done'> {
  if (job.kind === 'erasure' || (await getJob(job.id))) return 'done';
  const state = job.state as ExportState;
  if (state.uploadId) await abortUpload(job.objectKey!, state.uploadId);
  await deleteObject(job.objectKey!);
  return 'done';
}
