/**
 * Which change to the table is which domain event: a pure mapping from one DynamoDB stream
 * record (old and new image; every item names its `type`) to the events it means. The
 * publisher runs it in AWS and the local runtime runs it on DynamoDB Local's stream.
 * Each mapper copies public fields one by one, so nothing personal (an author's id or name,
 * a ballot's key) can travel by accident; the catalogue's strict schemas check it again.
 */
import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { domainEvent, type DomainEvent } from '#events/catalogue.ts';

export type Item = Record<string, any>;

/** One stream record, unmarshalled. */
export interface Change {
  /** The stream record's id: the same when the stream delivers the record again. */
  recordId: string;
  kind: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** When DynamoDB recorded the change (ISO time). */
  at: string;
  old?: Item;
  new?: Item;
}

const image = (value: Record<string, LambdaAttributeValue> | undefined): Item | undefined =>
  value ? unmarshall(value as Record<string, AttributeValue>) : undefined;

/** Lambda hands over epoch seconds; the Streams API (local runtime) a Date. */
const timeOf = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  return new Date(0).toISOString();
};

export const changeOf = (record: DynamoDBRecord): Change => ({
  recordId: record.eventID ?? record.dynamodb?.SequenceNumber ?? '',
  kind: (record.eventName ?? 'MODIFY') as Change['kind'],
  at: timeOf(record.dynamodb?.ApproximateCreationDateTime),
  old: image(record.dynamodb?.OldImage),
  new: image(record.dynamodb?.NewImage),
});

type Mapper = (change: Change, base: (detailType: string, occurredAt?: string) => { eventId: string; occurredAt: string }) => DomainEvent[];

/** Set now and not before: the moment an attribute first appears. */
const appeared = (c: Change, attribute: string): boolean => c.new?.[attribute] !== undefined && c.old?.[attribute] === undefined;
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

const mappers: Record<string, Mapper> = {
  // A draft's listing carries its window and count (the draft item itself may be large).
  draftListing: (c, base) => {
    const d = c.new!;
    const events: DomainEvent[] = [];
    if (appeared(c, 'publishedAt')) {
      events.push(domainEvent('DraftPublished', {
        ...base('DraftPublished', d.publishedAt),
        draftId: d.id, caseId: orNull(d.caseId), title: d.title, opensAt: d.opensAt, closesAt: d.closesAt, publishedAt: d.publishedAt,
      }));
    }
    if (appeared(c, 'closedAt')) {
      events.push(domainEvent('DraftClosed', {
        ...base('DraftClosed', d.closedAt),
        draftId: d.id, caseId: orNull(d.caseId), title: d.title, closedAt: d.closedAt, commentCount: d.commentCount ?? 0,
      }));
    }
    if (appeared(c, 'withdrawnAt')) {
      events.push(domainEvent('DraftWithdrawn', {
        ...base('DraftWithdrawn', d.withdrawnAt),
        draftId: d.id, caseId: orNull(d.caseId), title: d.title, reason: d.withdrawal?.reason ?? {}, withdrawnAt: d.withdrawnAt,
      }));
    }
    // A later deadline on a draft still running (withdrawal moves it earlier; publishing sets it first).
    const before = c.old;
    if (before?.publishedAt && before.closesAt && d.closesAt > before.closesAt && !d.closedAt && !d.withdrawnAt && !d.decisionId) {
      events.push(domainEvent('DraftExtended', {
        ...base('DraftExtended', d.updatedAt),
        draftId: d.id, caseId: orNull(d.caseId), title: d.title, previousClosesAt: before.closesAt, closesAt: d.closesAt,
      }));
    }
    return events;
  },

  comment: (c, base) => {
    const m = c.new!;
    if (c.kind === 'INSERT') {
      return [domainEvent('CommentPosted', {
        ...base('CommentPosted', m.createdAt),
        draftId: m.draftId, commentId: m.id, sectionId: orNull(m.sectionId), parentId: orNull(m.parentId),
        draftVersion: m.draftVersion, createdAt: m.createdAt,
      })];
    }
    const events: DomainEvent[] = [];
    if (m.response && m.response.at !== c.old?.response?.at) {
      events.push(domainEvent('CommentResponded', {
        ...base('CommentResponded', m.response.at),
        draftId: m.draftId, commentId: m.id, sectionId: orNull(m.sectionId), parentId: orNull(m.parentId),
        response: m.response.body, respondedAt: m.response.at, revised: c.old?.response !== undefined,
      }));
    }
    if (m.status === 'hidden' && c.old?.status !== 'hidden') {
      const hiddenAt = m.moderation?.at ?? m.updatedAt ?? c.at;
      events.push(domainEvent('CommentHidden', {
        ...base('CommentHidden', hiddenAt),
        draftId: m.draftId, commentId: m.id, reason: String(m.moderation?.reason ?? ''), hiddenAt,
      }));
    }
    return events;
  },

  poll: (c, base) => {
    const p = c.new!;
    if (!appeared(c, 'closedAt')) return [];
    return [domainEvent('PollClosed', {
      ...base('PollClosed', p.closedAt),
      draftId: p.draftId, pollId: p.id, closedAt: p.closedAt,
      results: { total: p.results?.total ?? 0, options: (p.results?.options ?? []).map((o: Item) => ({ id: o.id, count: o.count })) },
    })];
  },

  meeting: (c, base) => {
    const m = c.new!;
    if (!appeared(c, 'agendaPublishedAt')) return [];
    const items: Item[] = m.agenda?.items ?? m.items ?? [];
    return [domainEvent('AgendaPublished', {
      // When it was published here (an imported agenda may carry an earlier publication time).
      ...base('AgendaPublished', m.updatedAt ?? m.agendaPublishedAt),
      meetingId: m.id, bodyId: m.bodyId, startsAt: m.startsAt, agendaPublishedAt: m.agendaPublishedAt,
      items: items.map((i, n) => ({
        itemId: i.id, number: i.number ?? n + 1, title: i.title, draftId: orNull(i.draftId), caseId: orNull(i.caseId),
      })),
    })];
  },

  decision: (c, base) => {
    const d = c.new!;
    if (c.kind !== 'INSERT') return [];
    return [domainEvent('DecisionRecorded', {
      // Recorded now, decided perhaps at yesterday's meeting: `decidedAt` says that.
      ...base('DecisionRecorded', d.createdAt),
      decisionId: d.id, meetingId: d.meetingId, itemId: d.itemId, draftId: orNull(d.draftId), caseId: orNull(d.caseId),
      outcome: d.outcome, title: orNull(d.title), decidedAt: d.decidedAt,
    })];
  },

  timelineEntry: (c, base) => {
    const e = c.new!;
    if (c.kind !== 'INSERT') return [];
    return [domainEvent('ImplementationUpdated', {
      ...base('ImplementationUpdated', e.at),
      decisionId: e.decisionId, resultId: e.resultId, entryId: e.id, title: e.title, status: e.status, progress: e.progress,
      note: orNull(e.note), at: e.at, implementation: e.implementation,
    })];
  },

  case: (c, base) => {
    const k = c.new!;
    if (c.old?.revision === k.revision) return [];
    return [domainEvent('CaseUpdated', {
      ...base('CaseUpdated', k.updatedAt),
      caseId: k.caseId, change: 'imported', relatedId: null, title: orNull(k.title), status: orNull(k.status),
      handlingCount: (k.handlings ?? []).length, updatedAt: k.updatedAt,
    })];
  },

  // Added when its bytes were checked (pending -> ready), not when the upload was started.
  attachment: (c, base) => {
    const a = c.new!;
    if (a.status !== 'ready' || c.old?.status === 'ready') return [];
    return [domainEvent('AttachmentAdded', {
      ...base('AttachmentAdded', a.readyAt),
      draftId: a.draftId, attachmentId: a.id, sectionId: orNull(a.sectionId), title: a.title, contentType: a.contentType,
      bytes: a.bytes, addedAt: a.readyAt ?? c.at,
    })];
  },

  caseLink: (c, base) => {
    const l = c.new!;
    if (c.kind !== 'INSERT') return [];
    return [domainEvent('CaseUpdated', {
      ...base('CaseUpdated', c.at),
      caseId: l.caseId, change: l.kind, relatedId: l.id, title: orNull(l.title), status: null, handlingCount: null, updatedAt: c.at,
    })];
  },
};

/** Item types whose changes can mean an event (the AWS event source filters on them). */
export const eventSourceTypes = Object.keys(mappers);

/** The domain events one change means; most changes (votes, counters, subscriptions…) mean none. */
export function eventsOf(change: Change): DomainEvent[] {
  if (change.kind === 'REMOVE' || !change.new) return [];
  const mapper = mappers[String(change.new.type)];
  if (!mapper) return [];
  return mapper(change, (detailType, occurredAt) => ({
    eventId: `${change.recordId}:${detailType}`,
    occurredAt: occurredAt ?? change.at,
  }));
}

export const eventsFromRecord = (record: DynamoDBRecord): DomainEvent[] => eventsOf(changeOf(record));
