/**
 * Who hears of what (pure): for each domain event, the notifications it makes and for whom.
 *   DraftClosed, DraftWithdrawn,
 *   DraftExtended                       -> the draft's followers
 *   (CommentPosted                      -> nobody here: followers read comment activity from
 *                                          the draft's counts, ./activity.ts)
 *   CommentHidden                       -> the comment's author, with the public reason
 *   CommentResponded                    -> the comment's author, with the official response
 *   AgendaPublished                     -> followers of each draft on the agenda
 *   DecisionRecorded                    -> the decision's followers, who include the draft's
 *   ImplementationUpdated               -> the decision's followers
 */
import type { DomainEvent } from '#events/catalogue.ts';
import type { Localized } from '#shared/schema.ts';
import type { Subject } from '#shared/subscriptions/schema.ts';
import type { Delivered } from '#shared/notifications/schema.ts';

export type Audience =
  | { followersOf: Subject; except?: string }
  | { user: string };

export interface Plan {
  audience: Audience;
  /** Distinguishes the notifications one event makes (one per agenda item). */
  key: string;
  content: Delivered;
}

/** What the fan-out looked up about a comment event: the comment's author and the draft's title. */
export interface Context {
  commentAuthor?: string;
  draftTitle?: Localized;
}

const draft = (id: string): Subject => ({ kind: 'draft', id });
const decision = (id: string): Subject => ({ kind: 'decision', id });

export function notificationsFor(event: DomainEvent, context: Context = {}): Plan[] {
  const at = event.detail.occurredAt;
  switch (event.detailType) {
    case 'DraftClosed': {
      const d = event.detail;
      return [{ audience: { followersOf: draft(d.draftId) }, key: '', content: { event: 'DraftClosed', at, title: d.title, draftId: d.draftId } }];
    }
    case 'DraftWithdrawn': {
      const d = event.detail;
      return [{ audience: { followersOf: draft(d.draftId) }, key: '', content: { event: 'DraftWithdrawn', at, title: d.title, draftId: d.draftId, reason: d.reason } }];
    }
    case 'DraftExtended': {
      const d = event.detail;
      return [{ audience: { followersOf: draft(d.draftId) }, key: '', content: { event: 'DraftExtended', at, title: d.title, draftId: d.draftId, closesAt: d.closesAt } }];
    }
    case 'CommentResponded': {
      const d = event.detail;
      if (!context.commentAuthor) return [];
      return [{
        audience: { user: context.commentAuthor },
        key: '',
        content: { event: 'CommentResponded', at, title: context.draftTitle ?? null, draftId: d.draftId, commentId: d.commentId, response: d.response },
      }];
    }
    case 'CommentHidden': {
      const d = event.detail;
      if (!context.commentAuthor) return [];
      return [{
        audience: { user: context.commentAuthor },
        key: '',
        content: { event: 'CommentHidden', at, title: context.draftTitle ?? null, draftId: d.draftId, commentId: d.commentId, reason: d.reason },
      }];
    }
    case 'AgendaPublished': {
      const d = event.detail;
      return d.items.flatMap((item) => item.draftId
        ? [{
            audience: { followersOf: draft(item.draftId) },
            key: item.itemId,
            content: {
              event: 'AgendaPublished' as const, at, title: item.title, draftId: item.draftId, meetingId: d.meetingId,
              itemId: item.itemId, number: item.number, startsAt: d.startsAt,
            },
          }]
        : []);
    }
    case 'DecisionRecorded': {
      const d = event.detail;
      return [{
        audience: { followersOf: decision(d.decisionId) },
        key: '',
        content: { event: 'DecisionRecorded', at, title: d.title, decisionId: d.decisionId, draftId: d.draftId, meetingId: d.meetingId, outcome: d.outcome },
      }];
    }
    case 'ImplementationUpdated': {
      const d = event.detail;
      return [{
        audience: { followersOf: decision(d.decisionId) },
        key: '',
        content: {
          event: 'ImplementationUpdated', at, title: d.title, decisionId: d.decisionId, resultId: d.resultId,
          status: d.status, progress: d.progress, note: d.note, implementation: d.implementation,
        },
      }];
    }
    default:
      return [];
  }
}

/** Following a draft carries over to the decision made on it (unless declined): the pair, if any. */
export const carriedOver = (event: DomainEvent): { from: Subject; to: Subject } | undefined =>
  event.detailType === 'DecisionRecorded' && event.detail.draftId
    ? { from: draft(event.detail.draftId), to: decision(event.detail.decisionId) }
    : undefined;
