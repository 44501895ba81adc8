/** Comments on drafts: what residents send and what everyone reads. */
import * as z from 'zod';
import { Id, Time } from '#shared/schema.ts';

export const CommentBody = z.string().trim().min(1).max(5000);

export const PostCommentBody = z.strictObject({
  body: CommentBody,
  sectionId: Id.optional(),
  parentId: Id.optional(),
  /** Required in `anonymous` mode when no token is sent; ignored otherwise. */
  authorName: z.string().trim().min(1).max(80).optional(),
}).meta({ id: 'PostComment' });
export type PostCommentBody = z.infer<typeof PostCommentBody>;

export const EditCommentBody = z.strictObject({ body: CommentBody }).meta({ id: 'EditComment' });

export const CommentStatus = z.enum(['visible', 'deleted', 'hidden']);

export const Comment = z.object({
  id: Id,
  draftId: Id,
  sectionId: Id.nullable(),
  parentId: Id.nullable(),
  body: z.string().max(5000).nullable(),
  author: z.object({ name: z.string().max(2048) }).nullable(),
  createdAt: Time,
  updatedAt: Time,
  /** The draft version the comment was made on. */
  version: z.number().int(),
  votes: z.number().int(),
  replyCount: z.number().int(),
  status: CommentStatus,
  edited: z.boolean(),
  moderation: z.object({ reason: z.string().max(500), at: Time }).nullable(),
}).meta({ id: 'Comment' });
export type Comment = z.infer<typeof Comment>;

export const CommentParams = z.object({ id: Id, cid: Id });
export const ListCommentsQuery = z.object({
  sectionId: Id.optional(),
  sort: z.enum(['newest', 'oldest', 'popular']).default('newest'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});
export const Votes = z.object({ votes: z.number().int() }).meta({ id: 'Votes' });
