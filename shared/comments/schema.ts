/** Comments on drafts: what residents send and what everyone reads. */
import * as z from 'zod/mini';
import { Id, LocalizedText, PageQuery, Time, localized } from '#shared/schema.ts';
import { Geometry, GeometryInput } from '#shared/maps/geometry.ts';
import { BBoxParam } from '#shared/maps/place.ts';

export const CommentBody = z.string().check(z.trim(), z.minLength(1), z.maxLength(5000));

export const PostCommentBody = z.strictObject({
  body: CommentBody,
  sectionId: z.optional(Id),
  parentId: z.optional(Id),
  /** Required in `anonymous` mode when no token is sent; ignored otherwise. */
  authorName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
  /** Where on the map (drafts with `mapCommenting` only; root comments): a GeoJSON Point or Polygon, at most 1,000 positions. */
  location: z.optional(GeometryInput),
}).register(z.globalRegistry, { id: 'PostComment' });
export type PostCommentBody = z.infer<typeof PostCommentBody>;

export const EditCommentBody = z.strictObject({ body: CommentBody }).register(z.globalRegistry, { id: 'EditComment' });

export const CommentStatus = z.enum(['visible', 'deleted', 'hidden']);

export const Comment = z.object({
  id: Id,
  draftId: Id,
  sectionId: z.nullable(Id),
  parentId: z.nullable(Id),
  body: z.nullable(z.string().check(z.maxLength(5000))),
  author: z.nullable(z.object({
    name: z.string().check(z.maxLength(2048)),
    /** `anonymous`: a name given, not verified; `resident`: signed in; `strong`: strongly identified; `staff`: speaking for the municipality. */
    kind: z.enum(['anonymous', 'resident', 'strong', 'staff']),
  })),
  createdAt: Time,
  updatedAt: Time,
  /** The draft version the comment was made on. */
  version: z.number().check(z.int()),
  votes: z.number().check(z.int()),
  replyCount: z.number().check(z.int()),
  status: CommentStatus,
  edited: z.boolean(),
  moderation: z.nullable(z.object({ reason: z.string().check(z.maxLength(500)), at: Time })),
  /** The municipality's official response (vastine), once staff gave one; not shown on a hidden comment. */
  response: z.nullable(z.object({ body: LocalizedText, at: Time })),
  /** Where on the map the comment points (visible comments only). */
  location: z.nullable(Geometry),
}).register(z.globalRegistry, { id: 'Comment' });
export type Comment = z.infer<typeof Comment>;

export const CommentParams = z.object({ id: Id, cid: Id });

/** `PUT …/comments/{cid}/response`: the official response, by language. */
export const CommentResponseBody = z.strictObject({ body: localized(5_000) }).register(z.globalRegistry, { id: 'CommentResponse' });
export const ListCommentsQuery = z.extend(PageQuery, {
  sectionId: z.optional(Id),
  sort: z._default(z.enum(['newest', 'oldest', 'popular']), 'newest'),
  /** Only visible comments located in the box; they come by place, not by `sort`. */
  bbox: z.optional(BBoxParam),
});

/** The located comments of a draft, as GeoJSON. */
export const LocatedCommentsQuery = z.extend(PageQuery, {
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 100),
  bbox: z.optional(BBoxParam),
});

/** RFC 7946 FeatureCollection of located comments; `nextCursor` (a foreign member) continues it. */
export const CommentFeatures = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    id: Id,
    geometry: Geometry,
    properties: z.object({
      id: Id,
      body: z.nullable(z.string().check(z.maxLength(5000))),
      votes: z.number().check(z.int()),
      sectionId: z.nullable(Id),
      createdAt: Time,
    }),
  })).check(z.maxLength(100)),
  nextCursor: z.nullable(z.string().check(z.maxLength(2048))),
}).register(z.globalRegistry, { id: 'CommentFeatures' });
export const Votes = z.object({ votes: z.number().check(z.int()) }).register(z.globalRegistry, { id: 'Votes' });
