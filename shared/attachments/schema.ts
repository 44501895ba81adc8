/** Attachments of drafts (plans, maps, images): what staff send and what everyone reads. */
import * as z from 'zod/mini';
import { Id, LocalizedText, Time, localized } from '#shared/schema.ts';

/** What may be attached: documents as PDF, images as PNG, JPEG or WebP. */
export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

/** 25 MiB. */
export const maxAttachmentBytes = 26_214_400;

/** At most this many attachments on one draft. */
export const maxAttachments = 50;

export const isImage = (type: string): boolean => type.startsWith('image/');

const Filename = z.string().check(
  z.trim(), z.minLength(1), z.maxLength(200),
  z.regex(/^[^\u0000-\u001f\u007f/\\]+$/, 'a file name without slashes or control characters'),
);

export const CreateAttachmentBody = z.strictObject({
  filename: Filename,
  contentType: z.enum(attachmentTypes),
  /** The exact size of the file to upload. */
  bytes: z.number().check(z.int(), z.minimum(1), z.maximum(maxAttachmentBytes)),
  title: localized(300),
  /** Alternative text: required for images in every required language before the draft is published. */
  alt: z.optional(localized(1_000)),
  /** The section it belongs to, if any. */
  sectionId: z.optional(Id),
}).register(z.globalRegistry, { id: 'CreateAttachment' });
export type CreateAttachmentBody = z.infer<typeof CreateAttachmentBody>;

export const AttachmentStatus = z.enum(['pending', 'ready']);

/** A ready attachment as a draft shows it. */
export const Attachment = z.object({
  id: Id,
  title: LocalizedText,
  alt: z.nullable(LocalizedText),
  filename: z.string().check(z.maxLength(200)),
  contentType: z.enum(attachmentTypes),
  bytes: z.number().check(z.int()),
  sectionId: z.nullable(Id),
  /** Downloads the file, for a limited time (about an hour): read the draft again for a fresh one. */
  url: z.url().check(z.maxLength(4096)),
}).register(z.globalRegistry, { id: 'Attachment' });
export type Attachment = z.infer<typeof Attachment>;

/** What creating one answers: where to PUT the bytes, and with which headers. */
export const PendingAttachment = z.object({
  id: Id,
  status: AttachmentStatus,
  title: LocalizedText,
  alt: z.nullable(LocalizedText),
  filename: z.string().check(z.maxLength(200)),
  contentType: z.enum(attachmentTypes),
  bytes: z.number().check(z.int()),
  sectionId: z.nullable(Id),
  upload: z.object({
    url: z.url().check(z.maxLength(4096)),
    method: z.literal('PUT'),
    /** Send exactly these headers with the bytes. */
    headers: z.record(z.string().check(z.maxLength(100)), z.string().check(z.maxLength(200))),
    expiresAt: Time,
  }),
}).register(z.globalRegistry, { id: 'PendingAttachment' });

/** What `complete` answers: the attachment, ready, with its link. */
export const ReadyAttachment = z.object({
  ...z.omit(Attachment, {}).shape,
  status: AttachmentStatus,
}).register(z.globalRegistry, { id: 'ReadyAttachment' });

export const AttachmentParams = z.object({ id: Id, aid: Id });
/** The draft's id (as `DraftParams`, declared here so the attachment functions need not carry the draft schemas). */
export const AttachmentDraftParams = z.object({ id: Id });
