/**
 * Object storage for big files: S3 in AWS, an S3-compatible server locally (S3_ENDPOINT,
 * path-style). Exports stream into multipart uploads, whose parts a resumable job keeps;
 * every call is one request signed by ./signed.ts (no S3 client in any bundle) and bounded
 * like the database's, so a frozen store costs seconds and then 503, not a hang.
 */
import type { Readable } from 'node:stream';
import { signedRequest } from '#shared/storage/signed.ts';

export { bucketName } from '#shared/storage/signed.ts';

/** S3's smallest part, except the last (5 MiB). */
export const minPartBytes = 5 * 1024 * 1024;

export interface ObjectMeta {
  contentType?: string;
  /** Offered file name for downloads (`Content-Disposition: attachment`). */
  filename?: string;
}

const metaHeaders = (meta: ObjectMeta): Record<string, string> => ({
  ...(meta.contentType ? { 'content-type': meta.contentType } : {}),
  ...(meta.filename ? { 'content-disposition': `attachment; filename="${meta.filename.replace(/[^\w.-]/g, '_')}"` } : {}),
});

/** An S3 error answer as an error the callers can tell apart by `name` (S3's error code). */
async function refused(res: Response, what: string): Promise<Error> {
  const text = await res.text().catch(() => '');
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP${res.status}`;
  return Object.assign(new Error(`object storage refused ${what}: ${code}`), { name: code, $metadata: { httpStatusCode: res.status } });
}

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Stores a small object in one request. */
export async function putObject(key: string, body: string | Uint8Array, meta: ObjectMeta = {}): Promise<void> {
  const res = await signedRequest('PUT', key, metaHeaders(meta), Buffer.from(body));
  if (!res.ok) throw await refused(res, 'PUT');
}

export interface UploadedPart {
  PartNumber: number;
  ETag: string;
}

/** Starts a multipart upload; its id is what a resumable writer keeps. */
export async function startUpload(key: string, meta: ObjectMeta = {}): Promise<string> {
  const res = await signedRequest('POST', key, metaHeaders(meta), undefined, { uploads: '' });
  if (!res.ok) throw await refused(res, 'CreateMultipartUpload');
  const id = tag(await res.text(), 'UploadId');
  if (!id) throw new Error('object storage answered no UploadId');
  return id;
}

/** Uploads part `partNumber` (1-based; every part but the last at least 5 MiB in S3). Repeating a part replaces it. */
export async function uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array): Promise<UploadedPart> {
  const res = await signedRequest('PUT', key, {}, Buffer.from(body), { partNumber: String(partNumber), uploadId });
  if (!res.ok) throw await refused(res, 'UploadPart');
  const etag = res.headers.get('etag');
  if (!etag) throw new Error('object storage answered no ETag for a part');
  return { PartNumber: partNumber, ETag: etag };
}

export async function completeUpload(key: string, uploadId: string, parts: UploadedPart[]): Promise<void> {
  const xml = `<CompleteMultipartUpload>${parts.map((p) => `<Part><PartNumber>${p.PartNumber}</PartNumber><ETag>${xmlText(p.ETag)}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
  const res = await signedRequest('POST', key, { 'content-type': 'application/xml' }, Buffer.from(xml), { uploadId });
  // S3 may answer 200 with an error in the body when completing fails late.
  const text = res.ok ? await res.text() : '';
  if (!res.ok) throw await refused(res, 'CompleteMultipartUpload');
  if (/<Error>/.test(text)) throw Object.assign(new Error(`object storage refused CompleteMultipartUpload: ${tag(text, 'Code')}`), { name: tag(text, 'Code') ?? 'InternalError' });
}

/** Drops an unfinished upload and its parts; one already finished or aborted is no error. */
export async function abortUpload(key: string, uploadId: string): Promise<void> {
  const res = await signedRequest('DELETE', key, {}, undefined, { uploadId });
  if (res.ok || res.status === 404) return;
  throw await refused(res, 'AbortMultipartUpload');
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
  const res = await signedRequest('HEAD', key);
  if (res.status === 404) return undefined;
  if (!res.ok) throw Object.assign(new Error(`object storage refused HEAD (${res.status})`), { $metadata: { httpStatusCode: res.status } });
  return { bytes: Number(res.headers.get('content-length') ?? 0), contentType: res.headers.get('content-type') ?? undefined };
}

/** Deletes an object; deleting one that is not there is no error (as in S3). */
export async function deleteObject(key: string): Promise<void> {
  const res = await signedRequest('DELETE', key);
  if (!res.ok && res.status !== 404) throw await refused(res, 'DELETE');
}
