/** Decision drafts: what staff send and what everyone reads. */
import * as z from 'zod/mini';
import { CaseId, Id, LocalizedText, PageQuery, Time, localized } from '#shared/schema.ts';
import { Geometry, GeometryInput } from '#shared/maps/geometry.ts';
import { BBoxParam } from '#shared/maps/place.ts';
import { Attachment } from '#shared/attachments/schema.ts';

export const CommentingMode = z.enum(['registered', 'strong', 'anonymous', 'none']);
export type CommentingMode = z.infer<typeof CommentingMode>;

export const DraftStatus = z.enum(['draft', 'scheduled', 'open', 'closed', 'decided', 'withdrawn']);
export type DraftStatus = z.infer<typeof DraftStatus>;

export { CaseId };
const Tag = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));

const SectionInput = z.strictObject({
  /** Keep an existing section (and the comments on it) by sending its id. */
  id: z.optional(Id),
  title: localized(300),
  body: localized(20_000),
  /** Where on the map this section is about (at most 10,000 positions). */
  geometry: z.optional(GeometryInput),
});

export const CreateDraftBody = z.strictObject({
  title: localized(300),
  summary: z.optional(localized(2_000)),
  sections: z.array(z.omit(SectionInput, { id: true })).check(z.minLength(1), z.maxLength(50)),
  caseId: z.optional(CaseId),
  commenting: z._default(CommentingMode, 'registered'),
  tags: z._default(z.array(Tag).check(z.maxLength(20)), []),
  /** The area the draft is about (at most 10,000 positions). */
  geometry: z.optional(GeometryInput),
  /** Comments may carry a `location` on the map. */
  mapCommenting: z._default(z.boolean(), false),
}).register(z.globalRegistry, { id: 'CreateDraft' });
export type CreateDraftBody = z.infer<typeof CreateDraftBody>;

export const PatchDraftBody = z.strictObject({
  title: z.optional(localized(300)),
  summary: z.optional(z.nullable(localized(2_000))),
  sections: z.optional(z.array(SectionInput).check(z.minLength(1), z.maxLength(50))),
  caseId: z.optional(z.nullable(CaseId)),
  commenting: z.optional(CommentingMode),
  tags: z.optional(z.array(Tag).check(z.maxLength(20))),
  /** A later deadline for a scheduled or open draft (followers are told); earlier or past is 422. */
  closesAt: z.optional(Time),
  /** A new area, or null to remove it. */
  geometry: z.optional(z.nullable(GeometryInput)),
  mapCommenting: z.optional(z.boolean()),
  /** What changed: required when the draft is already published, unless only `closesAt` changes. */
  changelog: z.optional(localized(2_000)),
}).check(z.refine((b) => Object.keys(b).some((k) => k !== 'changelog'), 'nothing to change')).register(z.globalRegistry, { id: 'PatchDraft' });
export type PatchDraftBody = z.infer<typeof PatchDraftBody>;

export const PublishDraftBody = z.strictObject({
  opensAt: z.optional(Time),
  closesAt: Time,
}).register(z.globalRegistry, { id: 'PublishDraft' });

/** `POST /v1/drafts/{id}/withdraw`: the public reason. */
export const WithdrawDraftBody = z.strictObject({ reason: localized(2_000) }).register(z.globalRegistry, { id: 'WithdrawDraft' });

/** `POST /v1/drafts/{id}/preview-link`: how long the link works. */
export const PreviewLinkBody = z.strictObject({
  expiresInHours: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(720))),
}).register(z.globalRegistry, { id: 'CreatePreviewLink', description: 'expiresInHours defaults to 72.' });

export const PreviewLink = z.object({
  /** `GET` it to read the draft, published or not. */
  url: z.string().check(z.maxLength(2048)),
  token: z.string().check(z.maxLength(512)),
  expiresAt: Time,
}).register(z.globalRegistry, { id: 'PreviewLink' });

export const Section = z.object({ id: Id, title: LocalizedText, body: LocalizedText, geometry: z.optional(z.nullable(Geometry)) });
export type Section = z.infer<typeof Section>;

const Loc = LocalizedText;

export const Draft = z.object({
  id: Id,
  version: z.number().check(z.int()),
  status: DraftStatus,
  title: Loc,
  summary: z.nullable(Loc),
  sections: z.array(Section).check(z.maxLength(50)),
  caseId: z.nullable(z.string().check(z.maxLength(64))),
  commenting: CommentingMode,
  tags: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(20)),
  opensAt: z.nullable(Time),
  closesAt: z.nullable(Time),
  publishedAt: z.nullable(Time),
  commentCount: z.number().check(z.int()),
  decisionId: z.nullable(Id),
  /** Set once staff withdrew the draft: the public reason and when. */
  withdrawal: z.nullable(z.object({ reason: Loc, at: Time })),
  /** The area the draft is about; sections may have their own. */
  geometry: z.nullable(Geometry),
  /** Comments may carry a `location` on the map. */
  mapCommenting: z.boolean(),
  /** Ready attachments (plans, maps, images), each with a link to read it. */
  attachments: z.array(Attachment).check(z.maxLength(50)),
  createdAt: Time,
  updatedAt: Time,
}).register(z.globalRegistry, { id: 'Draft' });
export type Draft = z.infer<typeof Draft>;

/** A draft as lists show it: everything but the sections, which may be long. */
export const DraftSummary = z.object({
  ...z.omit(Draft, { sections: true, geometry: true, attachments: true }).shape,
  sectionCount: z.number().check(z.int()),
  /** The box around the draft's geometries, `[minLon, minLat, maxLon, maxLat]`; null without any. */
  bbox: z.nullable(z.array(z.number()).check(z.length(4))),
}).register(z.globalRegistry, { id: 'DraftSummary' });
export type DraftSummary = z.infer<typeof DraftSummary>;

export const DraftVersion = z.object({
  version: z.number().check(z.int()),
  at: Time,
  changelog: z.nullable(Loc),
  title: Loc,
  summary: z.nullable(Loc),
  sections: z.array(Section).check(z.maxLength(50)),
  caseId: z.nullable(z.string().check(z.maxLength(64))),
  tags: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(20)),
}).register(z.globalRegistry, { id: 'DraftVersion' });
export type DraftVersion = z.infer<typeof DraftVersion>;

export const DraftParams = z.object({ id: Id });
export const ListDraftsQuery = z.extend(PageQuery, {
  /** `unpublished`: staff only (403 for anyone else). */
  status: z.optional(z.enum(['open', 'scheduled', 'closed', 'decided', 'withdrawn', 'unpublished'])),
  bbox: z.optional(BBoxParam),
});

/** `GET /v1/drafts/{id}?preview=<token>`: a preview link opens an unpublished draft. */
export const GetDraftQuery = z.object({ preview: z.optional(z.string().check(z.minLength(1), z.maxLength(512))) });
