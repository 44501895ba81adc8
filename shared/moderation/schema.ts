/** Moderation: flags residents raise, what moderators decide, and the public log of it. */
import * as z from 'zod';
import { Id, Time } from '#shared/schema.ts';

export const FlagReason = z.enum(['spam', 'offensive', 'off-topic', 'other']);
export type FlagReason = z.infer<typeof FlagReason>;

export const FlagBody = z.strictObject({
  reason: FlagReason,
  /** A few words for the moderator; never shown publicly. */
  note: z.string().trim().min(1).max(1_000).optional(),
}).meta({ id: 'FlagRequest' });

export const Flagged = z.object({ commentId: Id, flagged: z.literal(true) }).meta({ id: 'Flagged' });

/** Why a moderator acted: public in the draft's moderation log. */
export const ModerationBody = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({ id: 'ModerationRequest' });

export const ModerationAction = z.object({
  id: Id,
  commentId: Id,
  action: z.enum(['hidden', 'restored']),
  reason: z.string().max(500),
  at: Time,
  /** Hidden by the deployment's flag threshold, pending a moderator's review. */
  automatic: z.boolean(),
}).meta({ id: 'ModerationAction' });
export type ModerationAction = z.infer<typeof ModerationAction>;

export const QueueEntry = z.object({
  draftId: Id,
  commentId: Id,
  status: z.enum(['visible', 'hidden', 'deleted']),
  /** The text as written, also of a hidden comment: the moderator has to read it to decide. */
  body: z.string().max(5000).nullable(),
  author: z.object({ name: z.string().max(2048) }).nullable(),
  createdAt: Time,
  /** Flags awaiting review. */
  flagCount: z.number().int(),
  reasons: z.record(FlagReason, z.number().int()),
  moderation: z.object({ reason: z.string().max(500), at: Time }).nullable(),
}).meta({ id: 'ModerationQueueEntry' });
export type QueueEntry = z.infer<typeof QueueEntry>;
