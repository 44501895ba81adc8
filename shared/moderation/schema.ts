/** Moderation: flags residents raise, what moderators decide, and the public log of it. */
import * as z from 'zod/mini';
import { Comment } from '#shared/comments/schema.ts';
import { Id, Time } from '#shared/schema.ts';

export const FlagReason = z.enum(['spam', 'offensive', 'off-topic', 'other']);
export type FlagReason = z.infer<typeof FlagReason>;

export const FlagBody = z.strictObject({
  reason: FlagReason,
  /** A few words for the moderator; never shown publicly. */
  note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1_000))),
}).register(z.globalRegistry, { id: 'FlagRequest' });

export const Flagged = z.object({ commentId: Id, flagged: z.literal(true) }).register(z.globalRegistry, { id: 'Flagged' });

/** Why a moderator acted: public in the draft's moderation log. */
export const ModerationBody = z.strictObject({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) })
  .register(z.globalRegistry, { id: 'ModerationRequest' });

export const ModerationAction = z.object({
  id: Id,
  commentId: Id,
  action: z.enum(['hidden', 'restored']),
  reason: z.string().check(z.maxLength(500)),
  at: Time,
  /** Hidden by the deployment's flag threshold, pending a moderator's review. */
  automatic: z.boolean(),
}).register(z.globalRegistry, { id: 'ModerationAction' });
export type ModerationAction = z.infer<typeof ModerationAction>;

export const QueueEntry = z.object({
  draftId: Id,
  commentId: Id,
  status: z.enum(['visible', 'hidden', 'deleted']),
  /** The text as written, also of a hidden comment: the moderator has to read it to decide. */
  body: z.nullable(z.string().check(z.maxLength(5000))),
  author: Comment.shape.author,
  createdAt: Time,
  /** Flags awaiting review. */
  flagCount: z.number().check(z.int()),
  reasons: z.record(FlagReason, z.number().check(z.int())),
  moderation: z.nullable(z.object({ reason: z.string().check(z.maxLength(500)), at: Time })),
}).register(z.globalRegistry, { id: 'ModerationQueueEntry' });
export type QueueEntry = z.infer<typeof QueueEntry>;
