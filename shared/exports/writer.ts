/**
 * The export job's writer: pages from a source, rendered to text, gathered into parts of
 * about `partBytes` and uploaded as one multipart object. After each part it checkpoints
 * where the next page starts, the parts so far and the rows written, so a crashed job
 * resumes at the first page not yet in a part: no row lost, none twice. Memory holds one
 * part and one page.
 */
import { checkpoint, finishJob, type JobItem } from '#shared/jobs/repository.ts';
import {
  abortUpload, completeUpload, headObject, minPartBytes, startUpload, uploadPart, type ObjectMeta, type UploadedPart,
} from '#shared/storage/objects.ts';

export type Cursor = Record<string, unknown>;

export interface ExportState {
  uploadId?: string;
  parts: UploadedPart[];
  /** Where the first page not yet uploaded starts; absent before the first. */
  cursor?: Cursor;
  rows: number;
  bytes: number;
  /** What a source carries from page to page (e.g. the kind of record being listed). */
  carry?: Record<string, unknown>;
}

export interface Page {
  text: string;
  rows: number;
  /** Where the next page starts; undefined after the last. */
  next?: Cursor;
  carry?: Record<string, unknown>;
}

export interface ExportSource {
  meta: ObjectMeta;
  /** What comes before the first row (BOM and header, the opening of a JSON document). */
  head(): Promise<string>;
  /** The page starting at `cursor`; `rows` were written before it. */
  page(cursor: Cursor | undefined, rows: number, carry: Record<string, unknown> | undefined): Promise<Page>;
  /** What comes after the last row. */
  tail(rows: number, carry: Record<string, unknown> | undefined): Promise<string>;
}

export const initialExportState = (): ExportState => ({ parts: [], rows: 0, bytes: 0 });

/** Part size: S3's 5 MiB minimum unless EXPORT_PART_BYTES says otherwise (the local store takes smaller parts). */
export const partBytes = (): number => {
  const n = Number(process.env.EXPORT_PART_BYTES);
  return Number.isInteger(n) && n > 0 ? n : minPartBytes;
};

/** Advances the export until it is done, or `timeUp()` says so at a part boundary. */
export async function advanceExport(job: JobItem<ExportState>, source: ExportSource, timeUp: () => boolean): Promise<'done' | 'more'> {
  const key = job.objectKey!;
  if (!job.state.uploadId) {
    const uploadId = await startUpload(key, source.meta);
    await checkpoint(job, { ...job.state, uploadId }).catch(async (error) => {
      await abortUpload(key, uploadId).catch(() => undefined);
      throw error;
    });
  } else if (job.state.parts.length > 0) {
    // Completed before a crash kept the job from saying so: the object is whole.
    const stored = await headObject(key);
    if (stored) return finishJob(job, 'ready', { bytes: stored.bytes }).then(() => 'done');
  }
  const uploadId = job.state.uploadId!;
  let { cursor, rows, carry } = job.state;
  let text = job.state.parts.length === 0 ? await source.head() : '';
  for (;;) {
    const page = await source.page(cursor, rows, carry);
    text += page.text;
    rows += page.rows;
    ({ next: cursor, carry } = page);
    const last = cursor === undefined;
    if (last) text += await source.tail(rows, carry);
    if (!last && Buffer.byteLength(text) < partBytes()) continue;
    const body = Buffer.from(text, 'utf8');
    const parts = [...job.state.parts, await uploadPart(key, uploadId, job.state.parts.length + 1, body)];
    const bytes = job.state.bytes + body.length;
    text = '';
    if (last) {
      await completeUpload(key, uploadId, parts);
      await finishJob(job, 'ready', { bytes });
      return 'done';
    }
    await checkpoint(job, { uploadId, parts, cursor, rows, bytes, carry });
    if (timeUp()) return 'more';
  }
}
