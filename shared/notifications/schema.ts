/** A resident's notifications: what happened to what they follow or commented on. */
import * as z from 'zod';
import { Id, LocalizedText, Time } from '#shared/schema.ts';

const Loc = LocalizedText;
const ResultStatus = z.enum(['planned', 'in_progress', 'delayed', 'completed', 'cancelled']);

const common = {
  id: z.string().max(22),
  /** When it happened. */
  at: Time,
  /** The title of what it is about, in every language it has. */
  title: Loc.nullable(),
};

export const Notification = z.discriminatedUnion('event', [
  z.object({ ...common, event: z.literal('DraftClosed'), draftId: Id }),
  z.object({ ...common, event: z.literal('CommentPosted'), draftId: Id, commentId: Id, parentId: Id.nullable() }),
  z.object({ ...common, event: z.literal('CommentHidden'), draftId: Id, commentId: Id, reason: z.string().max(500) }),
  z.object({
    ...common, event: z.literal('AgendaPublished'), draftId: Id, meetingId: Id, itemId: Id, number: z.number().int(), startsAt: Time,
  }),
  z.object({
    ...common, event: z.literal('DecisionRecorded'), decisionId: Id, draftId: Id.nullable(), meetingId: Id,
    outcome: z.enum(['approved', 'amended', 'rejected', 'tabled', 'returned']),
  }),
  z.object({
    ...common, event: z.literal('ImplementationUpdated'), decisionId: Id, resultId: Id, status: ResultStatus,
    progress: z.number(), note: Loc.nullable(), implementation: z.object({ status: ResultStatus, progress: z.number() }),
  }),
]).meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

/** A notification before it has its id (which is derived from the event): each kind without `id`. */
export type NotificationContent = Notification extends infer N ? (N extends unknown ? Omit<N, 'id'> : never) : never;
