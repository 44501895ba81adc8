/**
 * A resident's notifications: what happened to what they follow or commented on. Most
 * kinds are one notification per event; new comments on a followed draft are one
 * `CommentActivity` per draft that accumulates (`count`, `latestAt`) until it is read.
 */
import * as z from 'zod/mini';
import { Id, LocalizedText, Time, type Localized } from '#shared/schema.ts';

const Loc = LocalizedText;
const ResultStatus = z.enum(['planned', 'in_progress', 'delayed', 'completed', 'cancelled']);

const common = {
  id: z.string().check(z.maxLength(22)),
  /** When it happened; for comment activity, when the latest comment came (= `latestAt`). The feed is ordered by it. */
  at: Time,
  /** The title of what it is about, in every language it has. */
  title: z.nullable(Loc),
  /** True until the resident marks the feed read up to `at` or later. */
  unread: z.boolean(),
};

export const Notification = z.discriminatedUnion('event', [
  z.object({ ...common, event: z.literal('DraftClosed'), draftId: Id }),
  z.object({ ...common, event: z.literal('DraftWithdrawn'), draftId: Id, reason: Loc }),
  z.object({ ...common, event: z.literal('DraftExtended'), draftId: Id, closesAt: Time }),
  /** Commenting on a followed draft closes soon (CLOSING_SOON_HOURS before `closesAt`). */
  z.object({ ...common, event: z.literal('DraftClosingSoon'), draftId: Id, closesAt: Time }),
  /** Staff responded officially to the resident's own comment (or revised the response). */
  z.object({ ...common, event: z.literal('CommentResponded'), draftId: Id, commentId: Id, response: Loc }),
  z.object({
    ...common, event: z.literal('CommentActivity'), draftId: Id,
    /** Comments by others since this notification began (it begins again once read). */
    count: z.number().check(z.int(), z.minimum(1)),
    /** When it began (when the resident began following the draft, or last read its activity) and the time of the latest comment in it. */
    since: Time, latestAt: Time,
    /** The latest comment. */
    commentId: Id,
  }),
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

/** A notification before it has its id (derived from the event) and its read state (the reader's): each kind without them. */
export type NotificationContent = Notification extends infer N ? (N extends unknown ? Omit<N, 'id' | 'unread'> : never) : never;

/** What the fan-out delivers: every kind but comment activity, which is read from the drafts followed (./activity.ts). */
export type Delivered = Exclude<NotificationContent, { event: 'CommentActivity' }>;

/** `POST /v1/me/notifications/read`: everything up to this time is read. */
export const MarkRead = z.strictObject({ upTo: Time }).register(z.globalRegistry, { id: 'MarkNotificationsRead' });
