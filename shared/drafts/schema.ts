/** Decision drafts: what staff send and what everyone reads. */
import * as z from 'zod';
import { Id, LocalizedText, Time, localized } from '#shared/schema.ts';

export const CommentingMode = z.enum(['registered', 'strong', 'anonymous', 'none']);
export type CommentingMode = z.infer<typeof CommentingMode>;

export const DraftStatus = z.enum(['draft', 'scheduled', 'open', 'closed', 'decided']);
export type DraftStatus = z.infer<typeof DraftStatus>;

export const CaseId = z.string().trim().max(64).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._:/-]{0,63}$/u, 'not a case id')
  .meta({ description: 'The municipality\'s case id, e.g. HEL-2025-001216' });
const Tag = z.string().trim().min(1).max(40);

const SectionInput = z.strictObject({
  /** Keep an existing section (and the comments on it) by sending its id. */
  id: Id.optional(),
  title: localized(300),
  body: localized(20_000),
});

export const CreateDraftBody = z.strictObject({
  title: localized(300),
  summary: localized(2_000).optional(),
  sections: z.array(SectionInput.omit({ id: true })).min(1).max(50),
  caseId: CaseId.optional(),
  commenting: CommentingMode.default('registered'),
  tags: z.array(Tag).max(20).default([]),
}).meta({ id: 'CreateDraft' });
export type CreateDraftBody = z.infer<typeof CreateDraftBody>;

export const PatchDraftBody = z.strictObject({
  title: localized(300).optional(),
  summary: localized(2_000).nullable().optional(),
  sections: z.array(SectionInput).min(1).max(50).optional(),
  caseId: CaseId.nullable().optional(),
  commenting: CommentingMode.optional(),
  tags: z.array(Tag).max(20).optional(),
  /** What changed: required when the draft is already published. */
  changelog: localized(2_000).optional(),
}).refine((b) => Object.keys(b).some((k) => k !== 'changelog'), 'nothing to change').meta({ id: 'PatchDraft' });
export type PatchDraftBody = z.infer<typeof PatchDraftBody>;

export const PublishDraftBody = z.strictObject({
  opensAt: Time.optional(),
  closesAt: Time,
}).meta({ id: 'PublishDraft' });

export const Section = z.object({ id: Id, title: LocalizedText, body: LocalizedText });
export type Section = z.infer<typeof Section>;

const Loc = LocalizedText;

export const Draft = z.object({
  id: Id,
  version: z.number().int(),
  status: DraftStatus,
  title: Loc,
  summary: Loc.nullable(),
  sections: z.array(Section).max(50),
  caseId: z.string().max(64).nullable(),
  commenting: CommentingMode,
  tags: z.array(z.string().max(40)).max(20),
  opensAt: Time.nullable(),
  closesAt: Time.nullable(),
  publishedAt: Time.nullable(),
  commentCount: z.number().int(),
  decisionId: Id.nullable(),
  createdAt: Time,
  updatedAt: Time,
}).meta({ id: 'Draft' });
export type Draft = z.infer<typeof Draft>;

export const DraftVersion = z.object({
  version: z.number().int(),
  at: Time,
  changelog: Loc.nullable(),
  title: Loc,
  summary: Loc.nullable(),
  sections: z.array(Section).max(50),
  caseId: z.string().max(64).nullable(),
  tags: z.array(z.string().max(40)).max(20),
}).meta({ id: 'DraftVersion' });
export type DraftVersion = z.infer<typeof DraftVersion>;

export const DraftParams = z.object({ id: Id });
export const ListDraftsQuery = z.object({
  status: z.enum(['open', 'scheduled', 'closed', 'decided']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});
