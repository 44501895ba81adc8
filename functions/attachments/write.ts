/** Lambda: staff start and remove attachments of drafts; the bytes go straight to object storage (checked by `complete.ts`). */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { missingLanguages, notFound, unprocessable } from '#shared/http/problem.ts';
import { created, noContent } from '#shared/http/reply.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import * as attachments from '#shared/attachments/repository.ts';
import { attachmentsMissingAlt } from '#shared/attachments/rules.ts';
import { maxAttachments } from '#shared/attachments/schema.ts';
import { presignedUrl, removeObject } from '#shared/storage/signed.ts';
import { createAttachment, deleteAttachment } from '#functions/attachments/routes.ts';

/** An upload link lasts an hour. */
const uploadSeconds = 3600;

const pendingView = (a: attachments.AttachmentItem, now: Date) => ({
  id: a.id,
  status: a.status,
  title: a.title,
  alt: a.alt ?? null,
  filename: a.filename,
  contentType: a.contentType,
  bytes: a.bytes,
  sectionId: a.sectionId ?? null,
  upload: {
    url: presignedUrl('PUT', a.objectKey, uploadSeconds, { 'content-type': a.contentType }, now),
    method: 'PUT' as const,
    headers: { 'Content-Type': a.contentType },
    expiresAt: new Date(now.getTime() + uploadSeconds * 1000).toISOString(),
  },
});

const pendingCreated = (a: attachments.AttachmentItem, now: Date) =>
  created(pendingView(a, now), `/v1/drafts/${a.draftId}/attachments/${a.id}`);

export const handler = lambda([
  implement(createAttachment, async ({ params, body, newId }) => {
    const now = new Date();
    const draft = await getDraft(params.id, true);
    if (!draft) throw notFound('Draft');
    if (body.sectionId && !draft.sections.some((s) => s.id === body.sectionId)) {
      throw unprocessable('The draft has no such section.', [{ path: 'body.sectionId', message: 'unknown section' }]);
    }
    if ((draft.attachments ?? []).length >= maxAttachments) {
      throw unprocessable(`A draft holds at most ${maxAttachments} attachments; remove one first.`);
    }
    if (draft.publishedAt) {
      const missing = attachmentsMissingAlt([{ id: newId, status: 'ready', contentType: body.contentType, alt: body.alt }], settings().requiredLanguages);
      if (missing.length > 0) throw missingLanguages(missing.map((m) => ({ ...m, path: 'body.alt' })));
    }
    return pendingCreated(await attachments.createAttachment(params.id, body, newId, now), now);
  }, async ({ params }, id) => {
    const a = await attachments.getAttachment(params.id, id, true);
    return a && pendingCreated(a, new Date());
  }),

  implement(deleteAttachment, async ({ params }) => {
    const a = await attachments.getAttachment(params.id, params.aid, true);
    if (!a) throw notFound('Attachment');
    await removeObject(a.objectKey);
    await attachments.deleteAttachment(a);
    return noContent();
  }),
]);
