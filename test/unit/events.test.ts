import { describe, expect, it } from 'vitest';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { catalogue, detailTypes } from '#events/catalogue.ts';
import { eventsFromRecord } from '#events/from-stream.ts';
import { eventRules } from '#events/rules.ts';

const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', newImage?: object, oldImage?: object, eventID = 'record-1'): DynamoDBRecord => ({
  eventID,
  eventName,
  dynamodb: {
    ApproximateCreationDateTime: 1_795_000_000,
    SequenceNumber: '000000000000000000042',
    NewImage: newImage ? (marshall(newImage, { removeUndefinedValues: true }) as Record<string, AttributeValue>) : undefined,
    OldImage: oldImage ? (marshall(oldImage, { removeUndefinedValues: true }) as Record<string, AttributeValue>) : undefined,
  },
});

const ids = {
  draft: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
  comment: '01KAP4A0B1C2D3E4F5G6H7J8K9',
  section: '01KAP3Z6X5N7V2J8Q4R9T0W1YC',
  decision: '01KAP5M0N1P2Q3R4S5T6V7W8X9',
  meeting: '01KAP5A0B1C2D3E4F5G6H7J8KB',
  body: '01KAP5A0B1C2D3E4F5G6H7J8KC',
  item: '01KAP5A0B1C2D3E4F5G6H7J8KD',
  result: '01KAP5Y0Z1A2B3C4D5E6F7G8H9',
  entry: '01KAP6A0B1C2D3E4F5G6H7J8KA',
  poll: '01KAP4M0N1P2Q3R4S5T6V7W8XA',
};
const title = { fi: 'Puistosuunnitelma', sv: 'Parkplan' };

/** A draft's listing: the item whose changes mean draft events (the draft item itself may be large). */
const draft = {
  pk: `DRAFT#${ids.draft}`, sk: 'DRAFT#LISTING', type: 'draftListing', id: ids.draft, version: 1, title, caseId: 'HEL-2025-001216',
  sectionCount: 0, commenting: 'registered', tags: [], commentCount: 3, createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z',
};
const published = { ...draft, publishedAt: '2026-11-22T10:00:00.000Z', opensAt: '2026-11-22T10:00:00.000Z', closesAt: '2026-12-06T10:00:00.000Z' };
const comment = {
  pk: `DRAFT#${ids.draft}`, sk: `COMMENT#${ids.comment}`, type: 'comment', id: ids.comment, draftId: ids.draft, sectionId: ids.section,
  body: 'Hyvä idea', authorSub: 'secret-sub-aino', authorName: 'Aino Asukas', draftVersion: 1, votes: 0, replyCount: 0, flagCount: 0,
  status: 'visible', edited: false, createdAt: '2026-11-23T08:15:00.000Z', updatedAt: '2026-11-23T08:15:00.000Z',
  userPk: 'USER#secret-sub-aino', userSk: `COMMENT#${ids.comment}`,
};

describe('the event catalogue', () => {
  it('names every detail-type of the API contract, once', () => {
    const contract = ['DraftPublished', 'DraftClosed', 'CommentPosted', 'CommentHidden', 'PollClosed', 'AgendaPublished', 'DecisionRecorded', 'ImplementationUpdated', 'CaseUpdated', 'DraftWithdrawn', 'CommentResponded', 'DraftExtended', 'AttachmentAdded'];
    expect([...detailTypes].sort()).toEqual([...contract].sort());
    expect(new Set(detailTypes).size).toBe(detailTypes.length);
  });

  it.each(catalogue.map((d) => [d.detailType, d] as const))('the sample of %s fits its schema', (_, definition) => {
    expect(definition.detail.safeParse(definition.sample).success).toBe(true);
  });

  it('a detail with a field the schema does not declare is refused (nothing personal slips in)', () => {
    for (const definition of catalogue) {
      expect(definition.detail.safeParse({ ...definition.sample, authorSub: 'aino' }).success).toBe(false);
    }
  });

  it('every rule routes only detail-types the catalogue has', () => {
    for (const rule of eventRules) for (const t of rule.detailTypes) expect(detailTypes).toContain(t);
  });
});

describe('stream records to domain events', () => {
  it('publishing a draft is DraftPublished', () => {
    const [event, ...rest] = eventsFromRecord(record('MODIFY', published, draft));
    expect(rest).toEqual([]);
    expect(event).toEqual({
      detailType: 'DraftPublished',
      detail: {
        eventId: 'record-1:DraftPublished', occurredAt: published.publishedAt, draftId: ids.draft, caseId: 'HEL-2025-001216', title,
        opensAt: published.opensAt, closesAt: published.closesAt, publishedAt: published.publishedAt,
      },
    });
  });

  it('closedAt appearing is DraftClosed; other edits of a published draft are nothing', () => {
    const closed = { ...published, closedAt: '2026-12-06T10:00:00.000Z' };
    expect(eventsFromRecord(record('MODIFY', closed, published)).map((e) => e.detailType)).toEqual(['DraftClosed']);
    expect(eventsFromRecord(record('MODIFY', { ...published, commentCount: 4 }, published))).toEqual([]);
    expect(eventsFromRecord(record('MODIFY', { ...closed, commentCount: 4 }, closed))).toEqual([]);
  });

  it('a new comment is CommentPosted, without its author', () => {
    const events = eventsFromRecord(record('INSERT', comment));
    expect(events).toEqual([{
      detailType: 'CommentPosted',
      detail: {
        eventId: 'record-1:CommentPosted', occurredAt: comment.createdAt, draftId: ids.draft, commentId: ids.comment,
        sectionId: ids.section, parentId: null, draftVersion: 1, createdAt: comment.createdAt,
      },
    }]);
  });

  it('a comment becoming hidden is CommentHidden with the public reason; votes on it are nothing', () => {
    const hidden = { ...comment, status: 'hidden', moderation: { reason: 'Loukkaava', at: '2026-11-24T12:00:00.000Z' } };
    expect(eventsFromRecord(record('MODIFY', hidden, comment))).toEqual([{
      detailType: 'CommentHidden',
      detail: { eventId: 'record-1:CommentHidden', occurredAt: hidden.moderation.at, draftId: ids.draft, commentId: ids.comment, reason: 'Loukkaava', hiddenAt: hidden.moderation.at },
    }]);
    expect(eventsFromRecord(record('MODIFY', { ...comment, votes: 1 }, comment))).toEqual([]);
  });

  it('a poll getting its final results is PollClosed', () => {
    const poll = { pk: `DRAFT#${ids.draft}`, sk: `POLL#${ids.poll}`, type: 'poll', id: ids.poll, draftId: ids.draft, shards: 8 };
    const closed = { ...poll, closedAt: '2026-12-06T10:00:00.000Z', results: { total: 2, options: [{ id: ids.item, count: 2 }] } };
    expect(eventsFromRecord(record('MODIFY', closed, poll))[0]?.detail).toMatchObject({ pollId: ids.poll, results: closed.results });
  });

  it('an agenda becoming public is AgendaPublished with its items and their drafts', () => {
    const meeting = {
      pk: `MEETING#${ids.meeting}`, sk: 'MEETING', type: 'meeting', id: ids.meeting, bodyId: ids.body, startsAt: '2027-01-17T14:00:00.000Z',
      agenda: { items: [{ id: ids.item, number: 1, title, draftId: ids.draft, caseId: 'HEL-2025-001216', documents: [] }] },
    };
    const events = eventsFromRecord(record('MODIFY', { ...meeting, agendaPublishedAt: '2027-01-10T08:00:00.000Z' }, meeting));
    expect(events[0]?.detail).toMatchObject({
      meetingId: ids.meeting, items: [{ itemId: ids.item, number: 1, title, draftId: ids.draft, caseId: 'HEL-2025-001216' }],
    });
  });

  it('a new decision is DecisionRecorded', () => {
    const decision = {
      pk: `DECISION#${ids.decision}`, sk: 'DECISION', type: 'decision', id: ids.decision, outcome: 'approved', text: title,
      decidedAt: '2027-01-17T14:00:00.000Z', createdAt: '2027-01-17T16:00:00.000Z', bodyId: ids.body, meetingId: ids.meeting, itemId: ids.item, draftId: ids.draft,
      title, votes: { for: 7, against: 2 }, implementation: { status: 'planned', progress: 0 },
    };
    expect(eventsFromRecord(record('INSERT', decision))[0]).toMatchObject({
      detailType: 'DecisionRecorded',
      detail: { decisionId: ids.decision, draftId: ids.draft, outcome: 'approved', caseId: null, decidedAt: decision.decidedAt, occurredAt: decision.createdAt },
    });
    expect(eventsFromRecord(record('MODIFY', { ...decision, implementation: { status: 'in_progress', progress: 5 } }, decision))).toEqual([]);
  });

  it('a new timeline entry is ImplementationUpdated with the decision roll-up', () => {
    const entry = {
      pk: `DECISION#${ids.decision}`, sk: `TIMELINE#2027-03-01T09:00:00.000Z#${ids.entry}`, type: 'timelineEntry', id: ids.entry,
      decisionId: ids.decision, resultId: ids.result, title, status: 'in_progress', progress: 40, at: '2027-03-01T09:00:00.000Z',
      implementation: { status: 'in_progress', progress: 20 }, authorSub: 'staff-sub',
    };
    expect(eventsFromRecord(record('INSERT', entry))[0]?.detail).toEqual({
      eventId: 'record-1:ImplementationUpdated', occurredAt: entry.at, decisionId: ids.decision, resultId: ids.result, entryId: ids.entry,
      title, status: 'in_progress', progress: 40, note: null, at: entry.at, implementation: { status: 'in_progress', progress: 20 },
    });
  });

  it('an imported case that changed is CaseUpdated; a re-import that changed nothing is nothing', () => {
    const stored = {
      pk: 'CASE#HEL-2025-001216', sk: 'CASE', type: 'case', caseId: 'HEL-2025-001216', title: { fi: 'Aloite' }, status: 'Vireillä',
      handlings: [{ sequence: 1 }], documents: [], source: { system: 'ahjo', id: 'HEL-2025-001216' }, revision: 1,
      createdAt: '2025-08-26T09:00:00.000Z', updatedAt: '2025-08-26T09:00:00.000Z',
    };
    const decided = { ...stored, status: 'Ratkaistu', revision: 2, updatedAt: '2025-09-01T09:00:00.000Z' };
    expect(eventsFromRecord(record('INSERT', stored)).map((e) => e.detail)).toEqual([expect.objectContaining({ caseId: 'HEL-2025-001216', change: 'imported', status: 'Vireillä', handlingCount: 1 })]);
    expect(eventsFromRecord(record('MODIFY', decided, stored)).map((e) => e.detail)).toEqual([expect.objectContaining({ change: 'imported', status: 'Ratkaistu', updatedAt: decided.updatedAt })]);
    expect(eventsFromRecord(record('MODIFY', stored, stored))).toEqual([]);
  });

  it('a decision joining a case is CaseUpdated naming the decision', () => {
    const link = { pk: 'CASE#HEL-2025-001216', sk: `LINK#decision#${ids.decision}`, type: 'caseLink', caseId: 'HEL-2025-001216', kind: 'decision', id: ids.decision, at: '2027-01-17T16:00:00.000Z', title, meetingId: ids.meeting };
    const [event] = eventsFromRecord(record('INSERT', link));
    expect(event).toMatchObject({ detailType: 'CaseUpdated', detail: { caseId: 'HEL-2025-001216', change: 'decision', relatedId: ids.decision, title } });
    expect(eventsFromRecord(record('MODIFY', link, link))).toEqual([]);
  });

  it('the same record delivered twice gives the same event ids; another record other ids', () => {
    const once = eventsFromRecord(record('INSERT', comment, undefined, 'record-7'));
    const twice = eventsFromRecord(record('INSERT', comment, undefined, 'record-7'));
    const other = eventsFromRecord(record('INSERT', comment, undefined, 'record-8'));
    expect(twice).toEqual(once);
    expect(other[0]?.detail.eventId).not.toBe(once[0]?.detail.eventId);
  });

  it('no detail carries a resident id, name or anything else personal', () => {
    const all = [
      record('INSERT', comment),
      record('MODIFY', { ...comment, status: 'hidden', moderation: { reason: 'x', at: '2026-11-24T12:00:00.000Z' } }, comment),
    ].flatMap(eventsFromRecord);
    expect(all).toHaveLength(2);
    const text = JSON.stringify(all);
    for (const personal of ['secret-sub-aino', 'Aino Asukas', 'Hyvä idea', 'USER#']) expect(text).not.toContain(personal);
  });

  it('removals, unknown item types and items without a type are nothing', () => {
    expect(eventsFromRecord(record('REMOVE', undefined, comment))).toEqual([]);
    expect(eventsFromRecord(record('INSERT', { pk: 'x', sk: 'y', type: 'vote' }))).toEqual([]);
    expect(eventsFromRecord(record('INSERT', { pk: 'x', sk: 'y' }))).toEqual([]);
  });

  it('an item that would make an invalid event throws instead of publishing it', () => {
    expect(() => eventsFromRecord(record('INSERT', { ...comment, id: 'not-an-id' }))).toThrow();
  });
});

describe('stream records to the staff workflow and response events', () => {
  const reason = { fi: 'Valmistellaan uudelleen', sv: 'Bereds på nytt' };

  it('withdrawnAt appearing is DraftWithdrawn with the public reason, and not DraftClosed', () => {
    // Prepare
    const at = '2026-11-30T09:00:00.000Z';
    const withdrawn = { ...published, closesAt: at, withdrawnAt: at, withdrawal: { reason, at }, updatedAt: at };
    // Act
    const events = eventsFromRecord(record('MODIFY', withdrawn, published));
    // Assess
    expect(events).toEqual([{
      detailType: 'DraftWithdrawn',
      detail: { eventId: 'record-1:DraftWithdrawn', occurredAt: at, draftId: ids.draft, caseId: 'HEL-2025-001216', title, reason, withdrawnAt: at },
    }]);
  });

  it('a later closesAt on a running draft is DraftExtended; publishing and closing are not', () => {
    // Prepare
    const extended = { ...published, closesAt: '2026-12-20T10:00:00.000Z', updatedAt: '2026-12-01T08:00:00.000Z' };
    // Act
    const events = eventsFromRecord(record('MODIFY', extended, published));
    // Assess
    expect(events.map((e) => e.detailType)).toEqual(['DraftExtended']);
    expect(events[0]?.detail).toMatchObject({ previousClosesAt: published.closesAt, closesAt: extended.closesAt, occurredAt: extended.updatedAt });
    expect(eventsFromRecord(record('MODIFY', published, draft)).map((e) => e.detailType)).toEqual(['DraftPublished']);
  });

  it('a response given is CommentResponded with the response and no author; a revision says so; withdrawing it is nothing', () => {
    // Prepare
    const first = { ...comment, response: { body: reason, at: '2026-12-10T09:30:00.000Z' } };
    const revised = { ...comment, response: { body: title, at: '2026-12-11T09:30:00.000Z' } };
    // Act
    const given = eventsFromRecord(record('MODIFY', first, comment));
    const again = eventsFromRecord(record('MODIFY', revised, first));
    const withdrawn = eventsFromRecord(record('MODIFY', comment, revised));
    // Assess
    expect(given).toEqual([{
      detailType: 'CommentResponded',
      detail: {
        eventId: 'record-1:CommentResponded', occurredAt: first.response.at, draftId: ids.draft, commentId: ids.comment,
        sectionId: ids.section, parentId: null, response: reason, respondedAt: first.response.at, revised: false,
      },
    }]);
    expect(again[0]?.detail).toMatchObject({ response: title, revised: true });
    expect(withdrawn).toEqual([]);
    expect(JSON.stringify(given)).not.toContain('aino');
  });
});
