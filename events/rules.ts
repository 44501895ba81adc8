/**
 * Who consumes which events: one EventBridge rule per consumer function. The CDK app
 * builds the rules (with retries and a dead-letter queue each) from this list, and the
 * local runtime's bus delivers by it, so both route alike.
 */
import type { DetailType } from '#events/catalogue.ts';

export interface EventRule {
  /** Rule and construct name. */
  name: string;
  /** The consumer: `functions/<fn>.ts`. */
  fn: string;
  detailTypes: DetailType[];
  /** Table access the consumer needs. */
  access: 'none' | 'read' | 'write';
  description: string;
}

export const eventRules: EventRule[] = [
  {
    name: 'Notifications',
    fn: 'notifications/fan-out',
    detailTypes: ['DraftClosed', 'DraftWithdrawn', 'DraftExtended', 'CommentHidden', 'CommentResponded', 'AgendaPublished', 'DecisionRecorded', 'ImplementationUpdated'],
    access: 'write',
    description: "Writes each event into the notification feeds of those who follow what it is about.",
  },
  {
    name: 'AutoFollow',
    fn: 'subscriptions/auto-follow',
    detailTypes: ['CommentPosted'],
    access: 'write',
    description: 'Commenting on a draft follows it, unless the commenter has unfollowed it.',
  },
  {
    name: 'Deadlines',
    fn: 'events/deadlines',
    detailTypes: ['DraftPublished', 'DraftExtended'],
    access: 'none',
    description: "Schedules the close of a published draft at its closesAt, and again when staff extend it.",
  },
  {
    name: 'ClosePolls',
    fn: 'polls/close',
    detailTypes: ['DraftClosed', 'DraftWithdrawn', 'DecisionRecorded'],
    access: 'write',
    description: "Closes a draft's polls when participation ends: fences their counters and records final results (PollClosed).",
  },
  {
    name: 'Cases',
    fn: 'cases/link',
    detailTypes: ['DraftPublished', 'AgendaPublished', 'DecisionRecorded'],
    access: 'write',
    description: 'A published draft, agenda item or decision carrying a case id joins that case.',
  },
];
