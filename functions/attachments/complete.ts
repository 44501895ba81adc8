/**
 * Lambda: checks an uploaded attachment by its own bytes (file-type) and makes it ready. A
 * function of its own, so that only it carries the file-type detectors. file-type 16 (the
 * last CommonJS line, Node 10+) detects PDF, PNG, JPEG and WebP as later ones do in 33 KB
 * instead of 70: what keeps this function under the bundle bar.
 */
import FileType from 'file-type/core.js';
import { lambda, implement } from '#shared/http/lambda.ts';
import { attachmentRejected, notFound, uploadMissing } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import * as attachments from '#shared/attachments/repository.ts';
import { uploadMismatch } from '#shared/attachments/rules.ts';
import { firstBytes, removeObject, storedBytes } from '#shared/storage/signed.ts';
import { completeAttachment } from '#functions/attachments/routes.ts';

/** What the signature check reads of a file: enough for every type allowed. */
const signatureBytes = 4100;

/** The type the bytes say they are; undefined when they say nothing file-type knows. */
const detectedType = async (head: Uint8Array): Promise<string | undefined> => {
  try {
    return (await FileType.fromBuffer(head))?.mime;
  } catch {
    return undefined;
  }
};

const readyView = (a: attachments.AttachmentItem, now: Date) => ({ ...attachments.attachmentView(a, now), status: a.status });

export const handler = lambda([
  implement(completeAttachment, async ({ params }) => {
    const now = new Date();
    const a = await attachments.getAttachment(params.id, params.aid, true);
    if (!a) throw notFound('Attachment');
    if (a.status === 'ready') return ok(readyView(a, now));
    const bytes = await storedBytes(a.objectKey);
    if (bytes === undefined) throw uploadMissing();
    const head = bytes > 0 ? await firstBytes(a.objectKey, signatureBytes) : undefined;
    const mismatch = uploadMismatch(a, { bytes, detectedType: head && head.length > 0 ? await detectedType(head) : undefined });
    if (mismatch) {
      await removeObject(a.objectKey);
      await attachments.deleteAttachment(a);
      throw attachmentRejected('The uploaded file is not the one declared.', [{ path: `upload.${mismatch.path}`, message: mismatch.message }]);
    }
    return ok(readyView(await attachments.markReady(a, now), now));
  }),
]);
