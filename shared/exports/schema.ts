/** The staff export of a draft, as JSON: what the CSV carries, with every language. */
import * as z from 'zod';
import { Id, LocalizedText, Time } from '#shared/schema.ts';
import { CommentStatus } from '#shared/comments/schema.ts';
import { DraftStatus } from '#shared/drafts/schema.ts';
import { PollStatus, PollType } from '#shared/polls/schema.ts';

export const ExportQuery = z.object({
  format: z.enum(['csv', 'json']).default('json'),
  /** Language of localized texts in CSV (JSON carries every language); default: the first required language. */
  lang: z.string().max(3).regex(/^[a-z]{2,3}$/, 'not a language tag').optional(),
});

export const DraftExport = z.object({
  draft: z.object({
    id: Id, caseId: z.string().max(64).nullable(), title: LocalizedText, status: DraftStatus,
    version: z.number().int(), commentCount: z.number().int(),
  }),
  exportedAt: Time,
  comments: z.array(z.object({
    id: Id,
    parentId: Id.nullable(),
    sectionId: Id.nullable(),
    section: LocalizedText.nullable(),
    createdAt: Time,
    draftVersion: z.number().int(),
    /** The author's display name while the comment is visible. */
    author: z.string().max(2048).nullable(),
    status: CommentStatus,
    votes: z.number().int(),
    replyCount: z.number().int(),
    edited: z.boolean(),
    body: z.string().max(5000).nullable(),
    moderation: z.object({ reason: z.string().max(500), at: Time }).nullable(),
  })),
  polls: z.array(z.object({
    id: Id,
    sectionId: Id.nullable(),
    section: LocalizedText.nullable(),
    question: LocalizedText,
    type: PollType,
    status: PollStatus,
    total: z.number().int(),
    options: z.array(z.object({ id: Id, text: LocalizedText, count: z.number().int() })).max(20),
  })),
}).meta({ id: 'DraftExport' });
