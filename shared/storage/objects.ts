/**
 * Object storage: S3 in AWS, an S3-compatible server locally (S3_ENDPOINT, path-style).
 * Exports, attachments and open-data dumps keep their bytes here and hand out
 * time-limited presigned links; the API never streams big files itself. Every call is
 * bounded like the database's, so a frozen store costs seconds and then 503, not a hang.
 */
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
  GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { bucketName, localCredentials } from '#shared/storage/signed.ts';

export { bucketName } from '#shared/storage/signed.ts';

/** S3's smallest part, except the last (5 MiB). */
export const minPartBytes = 5 * 1024 * 1024;

const timeoutMs = (): number => {
  const n = Number(process.env.S3_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 ? n : 5000;
};

let client: S3Client | undefined;

/** The shared client, created on first use so tests and the local runtime can set the endpoint first. */
export const s3 = (): S3Client => {
  if (client) return client;
  const endpoint = process.env.S3_ENDPOINT;
  client = new S3Client({
    ...(endpoint
      ? { endpoint, forcePathStyle: true, region: process.env.AWS_REGION ?? 'eu-north-1', credentials: localCredentials }
      : {}),
    maxAttempts: 3,
    requestHandler: { connectionTimeout: Math.ceil(timeoutMs() / 2), requestTimeout: timeoutMs(), throwOnRequestTimeout: true },
  });
  return client;
};

export interface ObjectMeta {
  contentType?: string;
  /** Offered file name for downloads (`Content-Disposition: attachment`). */
  filename?: string;
}

const disposition = (filename?: string) => (filename ? { ContentDisposition: `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"` } : {});

/** Stores a small object in one request. */
export async function putObject(key: string, body: string | Uint8Array, meta: ObjectMeta = {}): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: bucketName(), Key: key, Body: body, ContentType: meta.contentType, ...disposition(meta.filename) }));
}

export interface UploadedPart {
  PartNumber: number;
  ETag: string;
}

/** Starts a multipart upload; its id is what a resumable writer keeps. */
export async function startUpload(key: string, meta: ObjectMeta = {}): Promise<string> {
  const out = await s3().send(new CreateMultipartUploadCommand({ Bucket: bucketName(), Key: key, ContentType: meta.contentType, ...disposition(meta.filename) }));
  return out.UploadId!;
}

/** Uploads part `partNumber` (1-based; every part but the last at least 5 MiB in S3). Repeating a part replaces it. */
export async function uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array): Promise<UploadedPart> {
  const out = await s3().send(new UploadPartCommand({ Bucket: bucketName(), Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body }));
  return { PartNumber: partNumber, ETag: out.ETag! };
}

export async function completeUpload(key: string, uploadId: string, parts: UploadedPart[]): Promise<void> {
  await s3().send(new CompleteMultipartUploadCommand({ Bucket: bucketName(), Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
}

/** Drops an unfinished upload and its parts; one already finished or aborted is no error. */
export async function abortUpload(key: string, uploadId: string): Promise<void> {
  await s3().send(new AbortMultipartUploadCommand({ Bucket: bucketName(), Key: key, UploadId: uploadId })).catch((error) => {
    if ((error as { name?: string }).name !== 'NoSuchUpload') throw error;
  });
}

/** Streams `body` into `key` in parts of `partBytes`: memory stays at about one part whatever the size. */
export async function uploadStream(key: string, body: Readable, meta: ObjectMeta = {}, partBytes = minPartBytes): Promise<number> {
  const uploadId = await startUpload(key, meta);
  const parts: UploadedPart[] = [];
  let buffered: Buffer[] = [];
  let size = 0;
  let total = 0;
  const flush = async () => {
    parts.push(await uploadPart(key, uploadId, parts.length + 1, Buffer.concat(buffered)));
    total += size;
    buffered = [];
    size = 0;
  };
  try {
    for await (const chunk of body) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      buffered.push(bytes);
      size += bytes.length;
      if (size >= partBytes) await flush();
    }
    if (size > 0 || parts.length === 0) await flush();
    await completeUpload(key, uploadId, parts);
    return total;
  } catch (error) {
    await abortUpload(key, uploadId).catch(() => undefined);
    throw error;
  }
}

/** Size and type of a stored object, or undefined when there is none. */
export async function headObject(key: string): Promise<{ bytes: number; contentType?: string } | undefined> {
  try {
    const out = await s3().send(new HeadObjectCommand({ Bucket: bucketName(), Key: key }));
    return { bytes: out.ContentLength ?? 0, contentType: out.ContentType };
  } catch (error) {
    if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return undefined;
    throw error;
  }
}

/** Deletes an object; deleting one that is not there is no error (as in S3). */
export async function deleteObject(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucketName(), Key: key }));
}
