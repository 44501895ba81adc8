/**
 * The domain-event catalogue: every detail-type the deployment publishes (`source` = the
 * deployment's name), each with the zod schema of its detail and a sample. The publisher
 * validates every detail against it before publishing, and consumers parse with it.
 */
import type * as z from 'zod/mini';
import type { EventDefinition } from '#events/event.ts';
import { draftPublished } from '#events/draft-published.ts';
import { draftClosed } from '#events/draft-closed.ts';
import { commentPosted } from '#events/comment-posted.ts';
import { implementationUpdated } from '#events/implementation-updated.ts';
import { agendaPublished } from '#events/agenda-published.ts';
import { decisionRecorded } from '#events/decision-recorded.ts';
import { commentHidden } from '#events/comment-hidden.ts';
import { pollClosed } from '#events/poll-closed.ts';
import { caseUpdated } from '#events/case-updated.ts';
import { draftWithdrawn } from '#events/draft-withdrawn.ts';
import { commentResponded } from '#events/comment-responded.ts';
import { draftExtended } from '#events/draft-extended.ts';
import { attachmentAdded } from '#events/attachment-added.ts';

export const catalogue = [
  draftPublished,
  draftClosed,
  commentPosted,
  commentHidden,
  pollClosed,
  agendaPublished,
  decisionRecorded,
  implementationUpdated,
  caseUpdated,
  draftWithdrawn,
  commentResponded,
  draftExtended,
  attachmentAdded,
] as const;

type Definitions = (typeof catalogue)[number];

/** `DraftPublished` | `DraftClosed` | … */
export type DetailType = Definitions['detailType'];

/** The detail of one detail-type. */
export type DetailOf<T extends DetailType> = z.output<Extract<Definitions, { detailType: T }>['detail']>;

/** An event ready to publish: its detail-type and its (validated) detail. */
export type DomainEvent = { [T in DetailType]: { detailType: T; detail: DetailOf<T> } }[DetailType];

export const detailTypes = catalogue.map((d) => d.detailType) as DetailType[];

const byType = new Map<string, EventDefinition>(catalogue.map((d) => [d.detailType, d as unknown as EventDefinition]));

/** The definition of `detailType`, or undefined when the catalogue has no such event. */
export const definitionOf = (detailType: string): EventDefinition | undefined => byType.get(detailType);

/** Builds a domain event, validating its detail against the catalogue (throws on a mismatch). */
export const domainEvent = <T extends DetailType>(detailType: T, detail: DetailOf<T>): DomainEvent =>
  ({ detailType, detail: byType.get(detailType)!.detail.parse(detail) }) as DomainEvent;
