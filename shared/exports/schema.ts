/** The staff export of a draft, as JSON: what the CSV carries, with every language. */
import * as z from 'zod/mini';
import { Id, LocalizedText, Time } from '#shared/schema.ts';
import { CommentStatus } from '#shared/comments/schema.ts';
import { DraftStatus } from '#shared/drafts/schema.ts';
import { PollStatus, PollType } from '#shared/polls/schema.ts';

export const ExportQuery = z.object({
  format: z._default(z.enum(['csv', 'json']), 'json'),
  /** Language of localized texts in CSV (JSON carries every language); default: the first required language. */
  lang: z.optional(z.string().check(z.maxLength(3), z.regex(/^[a-z]{2,3}$/, 'not a language tag'))),
});

export const DraftExport = z.object({
  draft: z.object({
    id: Id, caseId: z.nullable(z.string().check(z.maxLength(64))), title: LocalizedText, status: DraftStatus,
    version: z.number().check(z.int()), commentCount: z.number().check(z.int()),
  }),
  exportedAt: Time,
  comments: z.array(z.object({
    id: Id,
    parentId: z.nullable(Id),
    sectionId: z.nullable(Id),
    section: z.nullable(LocalizedText),
    createdAt: Time,
    draftVersion: z.number().check(z.int()),
    /** The author's display name while the comment is visible. */
    author: z.nullable(z.string().check(z.maxLength(2048))),
    status: CommentStatus,
    votes: z.number().check(z.int()),
    replyCount: z.number().check(z.int()),
    edited: z.boolean(),
    body: z.nullable(z.string().check(z.maxLength(5000))),
    moderation: z.nullable(z.object({ reason: z.string().check(z.maxLength(500)), at: Time })),
  })),
  polls: z.array(z.object({
    id: Id,
    sectionId: z.nullable(Id),
    section: z.nullable(LocalizedText),
    question: LocalizedText,
    type: PollType,
    status: PollStatus,
    total: z.number().check(z.int()),
    options: z.array(z.object({ id: Id, text: LocalizedText, count: z.number().check(z.int()) })).check(z.maxLength(20)),
  })),
  /** The draft's ready attachments (no links: read the draft for those). */
  attachments: z.array(z.object({
    id: Id,
    sectionId: z.nullable(Id),
    section: z.nullable(LocalizedText),
    title: LocalizedText,
    alt: z.nullable(LocalizedText),
    filename: z.string().check(z.maxLength(200)),
    contentType: z.string().check(z.maxLength(100)),
    bytes: z.number().check(z.int()),
    addedAt: Time,
  })).check(z.maxLength(50)),
}).register(z.globalRegistry, { id: 'DraftExport' });

/** `POST /v1/drafts/{id}/exports`: the file to make. */
export const DraftExportJobBody = z.strictObject({
  format: z.enum(['csv', 'json']),
  /** Language of localized texts in CSV; default: the first required language. */
  lang: z.optional(z.string().check(z.maxLength(3), z.regex(/^[a-z]{2,3}$/, 'not a language tag'))),
}).register(z.globalRegistry, { id: 'DraftExportJobRequest' });

/** `POST /v1/me/exports`: your data, as JSON (the one format a document of many kinds of record has). */
export const MyExportJobBody = z.strictObject({ format: z.literal('json') })
  .register(z.globalRegistry, { id: 'MyExportJobRequest' });

export const ExportJobParams = z.object({ id: Id });

export const ExportJob = z.object({
  id: Id,
  status: z.enum(['pending', 'ready', 'failed']),
  /** When ready: a link that downloads the file without credentials, until `expiresAt`. */
  url: z.optional(z.url().check(z.maxLength(4096))),
  expiresAt: z.optional(Time),
  /** When ready: the file's size. */
  bytes: z.optional(z.number().check(z.int(), z.minimum(0))),
}).register(z.globalRegistry, { id: 'ExportJob' });
