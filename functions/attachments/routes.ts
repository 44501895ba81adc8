/** Routes of draft attachments: staff upload plans, maps and images through object storage. */
import { route } from '#shared/http/route.ts';
import { AttachmentParams, AttachmentDraftParams, CreateAttachmentBody, PendingAttachment, ReadyAttachment } from '#shared/attachments/schema.ts';

const tag = 'Attachments';

export const createAttachment = route({
  operationId: 'createAttachment', method: 'POST', path: '/v1/drafts/{id}/attachments', fn: 'attachments/write', access: 'staff', tag,
  summary: 'Start an attachment: answers where to upload its bytes',
  description: 'PUT exactly `bytes` bytes to `upload.url` with `upload.headers` (object storage, before `upload.expiresAt`), then complete it. '
    + 'PDF, PNG, JPEG or WebP, at most 25 MiB. An image on a published draft needs `alt` in every required language at once; '
    + 'on an unpublished one, before the draft is published. At most 50 attachments per draft.',
  params: AttachmentDraftParams, body: CreateAttachmentBody, idempotent: true,
  responses: { 201: { description: 'The pending attachment and its upload', schema: PendingAttachment } },
});

export const completeAttachment = route({
  operationId: 'completeAttachment', method: 'POST', path: '/v1/drafts/{id}/attachments/{aid}/complete', fn: 'attachments/complete', access: 'staff', tag,
  summary: 'Check the uploaded bytes and make the attachment ready',
  description: 'The stored object must have the declared size and a signature of its own (magic bytes) that says the declared type. '
    + 'Otherwise 422 `attachment-rejected`, and the object and the attachment are removed. Completing a ready attachment again answers it as it is.',
  params: AttachmentParams,
  responses: { 200: { description: 'The ready attachment, with a download link', schema: ReadyAttachment } },
  errors: { 422: 'The uploaded file is not the declared one: `attachment-rejected` (the object is removed).' },
});

export const deleteAttachment = route({
  operationId: 'deleteAttachment', method: 'DELETE', path: '/v1/drafts/{id}/attachments/{aid}', fn: 'attachments/write', access: 'staff', tag,
  summary: 'Remove an attachment and its stored file',
  params: AttachmentParams,
  responses: { 204: { description: 'Removed, with its object' } },
});

export const attachmentRoutes = [createAttachment, completeAttachment, deleteAttachment];
