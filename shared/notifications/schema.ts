/** A resident's notifications: what happened to what they follow or commented on. */
import * as z from 'zod/mini';
import { Id, LocalizedText, Time } from '#shared/schema.ts';

const Loc = LocalizedText;
const ResultStatus = z.enum(['planned', 'in_progress', 'delayed', 'completed', 'cancelled']);

const common = {
  id: z.string().check(z.maxLength(22)),
  /** When it happened. */
  at: Time,
  /** The title of what it is about, in every language it has. */
  title: z.nullable(Loc),
};

export const Notification = z.discriminatedUnion('event', [
  z.object({ ...common, event: z.literal('DraftClosed'), draftId: Id }),
  z.object({ ...common, event: z.literal('CommentPosted'), draftId: Id, commentId: Id, parentId: z.nullable(Id) }),
  z.object({ ...common, event: z.literal('CommentHidden'), draftId: Id, commentId: Id, reason: z.string().check(z.maxLength(500)) }),
  z.object({
    ...common, event: z.literal('AgendaPublished'), draftId: Id, meetingId: Id, itemId: Id, number: z.number().check(z.int()), startsAt: Time,
  }),
  z.object({
    ...common, event: z.literal('DecisionRecorded'), decisionId: Id, draftId: z.nullable(Id), meetingId: Id,
    outcome: z.enum(['approved', 'amended', 'rejected', 'tabled', 'returned']),
  }),
  z.object({
    ...common, event: z.literal('ImplementationUpdated'), decisionId: Id, resultId: Id, status: ResultStatus,
    progress: z.number(), note: z.nullable(Loc), implementation: z.object({ status: ResultStatus, progress: z.number() }),
  }),
]).register(z.globalRegistry, { id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

/** A notification before it has its id (which is derived from the event): each kind without `id`. */
export type NotificationContent = Notification extends infer N ? (N extends unknown ? Omit<N, 'id'> : never) : never;
