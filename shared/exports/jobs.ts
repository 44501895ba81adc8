/**
 * Export jobs as the API shows them: started on request (stored, then queued), read back
 * by whoever started it with a time-limited download link once the file is ready. The job
 * item carries its owner's byUser key, so erasure finds and deletes it and its file.
 */
import type * as z from 'zod/mini';
import { createJob, getJob, type JobItem } from '#shared/jobs/repository.ts';
import { enqueue } from '#shared/jobs/queue.ts';
import { presignedUrl } from '#shared/storage/signed.ts';
import { initialExportState, type ExportState } from '#shared/exports/writer.ts';
import type { ExportJob } from '#shared/exports/schema.ts';

export type ExportJobView = z.infer<typeof ExportJob>;

/** How long a download link works (EXPORT_LINK_SECONDS, default 15 minutes, at most a day). */
export const linkSeconds = (): number => {
  const n = Number(process.env.EXPORT_LINK_SECONDS);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 86_400) : 900;
};

export interface ExportRequest {
  id: string;
  kind: 'draft-export' | 'me-export';
  owner: string;
  format: 'csv' | 'json';
  /** What the kind needs besides (draftId and lang, or the caller's identity). */
  details: Record<string, unknown>;
}

/** Stores the job and queues it. */
export async function startExport(request: ExportRequest, now: Date): Promise<void> {
  const { id, kind, owner, format, details } = request;
  await createJob({
    ...details, id, kind, owner, format, status: 'pending', createdAt: now.toISOString(), state: initialExportState(),
    objectKey: `exports/${id}.${format}`, userPk: `USER#${owner}`, userSk: `JOB#${id}`,
  }, now);
  await enqueue(id);
}

/** The caller's export job, or undefined when there is none of theirs with this id. */
export async function exportJobOf(id: string, caller: string): Promise<JobItem<ExportState> | undefined> {
  const job = await getJob<ExportState>(id);
  return job && job.kind !== 'erasure' && job.owner === caller ? job : undefined;
}

export async function exportJobView(job: JobItem<ExportState>, now: Date): Promise<ExportJobView> {
  if (job.status !== 'ready') return { id: job.id, status: job.status };
  const seconds = linkSeconds();
  return {
    id: job.id,
    status: 'ready',
    url: presignedUrl('GET', job.objectKey!, seconds),
    expiresAt: new Date(now.getTime() + seconds * 1000).toISOString(),
    bytes: job.bytes ?? 0,
  };
}
