/**
 * Meetings in the table. Item collection `MEETING#<id>`:
 *   `MEETING`          the meeting with its whole agenda (one item: an agenda is written
 *                      atomically whatever its length, and read with one GetItem);
 *   `MEETING#LISTING`  what lists and the calendar show (no agenda), written with the
 *                      meeting: only it is indexed, so no index copies an agenda;
 *   `CONTENT#<sha256>` one document's HTML, content-addressed and immutable, written before the
 *                      meeting that refers to it (an orphan from a failed write is invisible);
 *   `VERSION#<n>`      the agenda as published and after every later correction.
 * Listings, by `startsAt#id`, ascending:
 *   gsi1: `MEETINGS` — every meeting;  gsi2: `MEETINGS#<bodyId>` — one body's meetings.
 * An Ahjo meeting is found again through `AHJO#MEETING#<MeetingID>` / `AHJO`.
 */
import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getItems } from '#shared/data/batch.ts';
import { db } from '#shared/data/client.ts';
import { queryPage } from '#shared/data/page.ts';
import { ensureFits } from '#shared/data/item-size.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { preconditionFailed } from '#shared/http/problem.ts';
import type { Localized, Page } from '#shared/schema.ts';
import type { StoredAgendaItem } from '#shared/meetings/rules.ts';
import {
  lowerBound, upperBound,
  type AgendaChange, type AgendaItem, type AgendaVersion, type CreateMeetingBody, type Meeting, type MeetingStatus,
} from '#shared/meetings/schema.ts';

export interface MeetingDocument {
  title?: string;
  type?: string;
  language?: string;
  url: string;
  issuedAt?: string;
}

export interface MeetingItem {
  pk: string;
  sk: 'MEETING';
  type: 'meeting';
  id: string;
  version: number;
  bodyId: string;
  title?: Localized;
  startsAt: string;
  endsAt?: string;
  location?: Localized;
  status: MeetingStatus;
  agenda: { items: StoredAgendaItem[] };
  /** Counts every replacement of the agenda; versions after publication are kept. */
  agendaVersion: number;
  agendaPublishedAt?: string;
  /** Agenda item id -> decision id. */
  decisions: Record<string, string>;
  documents: MeetingDocument[];
  source?: { system: 'ahjo'; id: string; status?: string };
  createdAt: string;
  updatedAt: string;
}

export interface ContentItem {
  pk: string;
  sk: string;
  type: 'agendaContent';
  meetingId: string;
  format: 'text/html';
  html: string;
}

export const meetingKey = (id: string) => ({ pk: `MEETING#${id}`, sk: 'MEETING' as const });
export const contentKey = (meetingId: string, key: string) => ({ pk: `MEETING#${meetingId}`, sk: `CONTENT#${key}` });
const versionKey = (meetingId: string, version: number) => ({ pk: `MEETING#${meetingId}`, sk: `VERSION#${String(version).padStart(10, '0')}` });
export const ahjoMeetingKey = (meetingId: string) => ({ pk: `AHJO#MEETING#${meetingId}`, sk: 'AHJO' });

export const meetingListingKey = (id: string) => ({ pk: `MEETING#${id}`, sk: 'MEETING#LISTING' as const });

/** What a list shows of a meeting: everything but the agenda and its decisions. */
export type MeetingListingItem = Omit<MeetingItem, 'sk' | 'type' | 'agenda' | 'decisions'> & {
  sk: 'MEETING#LISTING';
  type: 'meetingListing';
  agendaItemCount: number;
};

/** The listing of `m`, with its index keys (they follow `startsAt`, so they are rewritten with it). */
export const meetingListing = (m: MeetingItem): MeetingListingItem & Record<string, unknown> => {
  const { agenda, decisions: _decisions, pk: _pk, sk: _sk, type: _type, ...shown } = m;
  return {
    ...shown,
    ...meetingListingKey(m.id),
    type: 'meetingListing',
    agendaItemCount: agenda.items.length,
    gsi1pk: 'MEETINGS',
    gsi1sk: `${m.startsAt}#${m.id}`,
    gsi2pk: `MEETINGS#${m.bodyId}`,
    gsi2sk: `${m.startsAt}#${m.id}`,
  };
};

export const agendaItemView = (i: StoredAgendaItem, decisions: Record<string, string>): AgendaItem => ({
  id: i.id,
  number: i.number,
  title: i.title,
  summary: i.summary ?? null,
  proposal: i.proposal ?? null,
  draftId: i.draftId ?? null,
  caseId: i.caseId ?? null,
  section: i.section ?? null,
  decisionId: decisions[i.id] ?? null,
  documents: i.documents.map((d) => ({
    language: d.language,
    format: d.contentKey ? 'text/html' : null,
    pdfUrl: d.pdfUrl ?? null,
    issuedAt: d.issuedAt ?? null,
  })),
  source: i.source ?? null,
});

/** The meeting as a list shows it: no agenda. */
export const listedMeetingView = (m: MeetingListingItem): Meeting => ({
  ...meetingView({ ...m, sk: 'MEETING', type: 'meeting', agenda: { items: [] }, decisions: {} }, false),
  agendaItemCount: m.agendaItemCount,
});

/** The meeting as a reader sees it; `withAgenda` when the caller may see its items. */
export const meetingView = (m: MeetingItem, withAgenda: boolean): Meeting => ({
  id: m.id,
  version: m.version,
  bodyId: m.bodyId,
  title: m.title ?? null,
  startsAt: m.startsAt,
  endsAt: m.endsAt ?? null,
  location: m.location ?? null,
  status: m.status === 'scheduled' && m.startsAt <= new Date().toISOString() ? 'held' : m.status,
  agendaStatus: m.agendaPublishedAt ? 'published' : 'unpublished',
  agendaPublishedAt: m.agendaPublishedAt ?? null,
  agendaVersion: m.agendaVersion,
  agendaItemCount: m.agenda.items.length,
  agenda: withAgenda ? { items: m.agenda.items.map((i) => agendaItemView(i, m.decisions)) } : null,
  documents: m.documents.map((d) => ({
    title: d.title ?? null, type: d.type ?? null, language: d.language ?? null, url: d.url, issuedAt: d.issuedAt ?? null,
  })),
  source: m.source ? { system: m.source.system, id: m.source.id, status: m.source.status ?? null } : null,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
});

export async function getMeeting(id: string, consistent = false): Promise<MeetingItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: meetingKey(id), ConsistentRead: consistent }));
  return out.Item as MeetingItem | undefined;
}

/** A new meeting item (not yet stored), with an empty unpublished agenda. */
export function newMeeting(input: CreateMeetingBody & { status?: MeetingStatus }, now: Date, id: string = newId()): MeetingItem {
  const at = now.toISOString();
  return {
    ...meetingKey(id),
    type: 'meeting',
    id,
    version: 1,
    bodyId: input.bodyId,
    title: input.title,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    location: input.location,
    status: input.status ?? 'scheduled',
    agenda: { items: [] },
    agendaVersion: 0,
    decisions: {},
    documents: [],
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Stores `next` if the meeting is still at `expected` (or does not exist yet, for `'new'`),
 * together with `also` (a version record, a lookup item) in one transaction. 412 when someone
 * else saved first; `onCancel` may name another failed condition among `also`.
 */
export async function saveMeeting(
  next: MeetingItem,
  expected: number | 'new',
  also: TransactItem[] = [],
  onCancel?: (error: TransactionCancelled) => Error | undefined,
): Promise<void> {
  ensureFits(next, 'meeting');
  try {
    await transact([
      {
        Put: {
          TableName: tableName(),
          Item: next,
          ...(expected === 'new'
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expected } }),
        },
      },
      { Put: { TableName: tableName(), Item: meetingListing(next) } },
      ...also,
    ]);
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    throw (onCancel?.(error)) ?? preconditionFailed();
  }
}

export interface VersionRecord {
  event: 'published' | 'corrected';
  changelog?: Localized;
  changes: AgendaChange[];
  by: 'staff' | 'ahjo';
}

/** The transaction item keeping the agenda of `m` as version `m.agendaVersion`. */
export const agendaVersionPut = (m: MeetingItem, record: VersionRecord, now: Date): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...versionKey(m.id, m.agendaVersion),
      type: 'agendaVersion',
      meetingId: m.id,
      bodyId: m.bodyId,
      version: m.agendaVersion,
      at: now.toISOString(),
      ...record,
      items: m.agenda.items,
      decisions: m.decisions,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const versionView = (item: Record<string, unknown>): AgendaVersion => ({
  version: item.version as number,
  at: item.at as string,
  event: item.event as AgendaVersion['event'],
  changelog: (item.changelog as Localized | undefined) ?? null,
  changes: (item.changes as AgendaChange[] | undefined) ?? [],
  by: item.by as AgendaVersion['by'],
});

export const listAgendaVersions = (meetingId: string, page: { limit: number; cursor?: string }): Promise<Page<AgendaVersion>> =>
  queryPage({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `MEETING#${meetingId}`, ':prefix': 'VERSION#' },
    ScanIndexForward: false,
  }, { ...page, scope: `agenda-versions:${meetingId}` }, versionView);

export async function getAgendaVersion(meetingId: string, version: number) {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: versionKey(meetingId, version) }));
  if (!out.Item) return undefined;
  const items = out.Item.items as StoredAgendaItem[];
  const decisions = (out.Item.decisions as Record<string, string> | undefined) ?? {};
  return { ...versionView(out.Item), items: items.map((i) => agendaItemView(i, decisions)) };
}

/** Stores document HTML rows (idempotent: the key is the content's hash). */
export async function putContents(all: ContentItem[]): Promise<void> {
  const items = [...new Map(all.map((c) => [c.sk, c])).values()];
  for (let i = 0; i < items.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests && requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      if (attempt > 10) throw new Error('document rows were not written (throttled)');
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests as never } }));
      requests = out.UnprocessedItems?.[tableName()] as Record<string, unknown>[] | undefined;
    }
  }
}

/** Document HTML rows by key. */
export async function getContents(meetingId: string, keys: string[]): Promise<Map<string, string>> {
  const found = await getItems([...new Set(keys)].map((k) => contentKey(meetingId, k)));
  return new Map(found.map((item) => [String(item.sk).slice('CONTENT#'.length), item.html as string]));
}

/** The meeting id an Ahjo MeetingID was imported as. */
export async function ahjoMeetingId(ahjoId: string): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: ahjoMeetingKey(ahjoId), ConsistentRead: true }));
  return out.Item?.meetingId as string | undefined;
}

/** Meetings by start time, all or one body's, within [from, to): one Query per page. */
export function listMeetings(q: { bodyId?: string; from?: string; to?: string; limit: number; cursor?: string }): Promise<Page<Meeting>> {
  const [index, pk] = q.bodyId ? ['gsi2', `MEETINGS#${q.bodyId}`] : ['gsi1', 'MEETINGS'];
  const from = q.from ? lowerBound(q.from) : undefined;
  const to = q.to ? upperBound(q.to) : undefined;
  const range = from && to ? ` AND ${index}sk BETWEEN :from AND :to` : from ? ` AND ${index}sk >= :from` : to ? ` AND ${index}sk < :to` : '';
  return queryPage({
    IndexName: index,
    KeyConditionExpression: `${index}pk = :pk${range}`,
    ExpressionAttributeValues: { ':pk': pk, ...(from ? { ':from': from } : {}), ...(to ? { ':to': to } : {}) },
    ScanIndexForward: true,
  }, { ...q, scope: `meetings:${q.bodyId ?? ''}:${from ?? ''}:${to ?? ''}` }, (item) => listedMeetingView(item as unknown as MeetingListingItem));
}

/** What the calendar shows of a meeting: never its agenda, which may be large. */
export type CalendarMeeting = Pick<MeetingItem,
  'id' | 'bodyId' | 'title' | 'startsAt' | 'endsAt' | 'location' | 'status' | 'version' | 'createdAt' | 'updatedAt' | 'agendaPublishedAt'>;
const calendarFields = ['id', 'bodyId', 'title', 'startsAt', 'endsAt', 'location', 'status', 'version', 'createdAt', 'updatedAt', 'agendaPublishedAt'];

/**
 * The meetings (all or one body's) starting in [from, to) for the calendar feed, oldest
 * first, at most `max` (the latest ones): their listings only, never an agenda.
 */
export async function calendarMeetings(bodyId: string | undefined, window: { from: string; to: string }, max = 1000): Promise<CalendarMeeting[]> {
  const [index, pk] = bodyId ? ['gsi2', `MEETINGS#${bodyId}`] : ['gsi1', 'MEETINGS'];
  const items: CalendarMeeting[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({
      TableName: tableName(),
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk AND ${index}sk BETWEEN :from AND :to`,
      ProjectionExpression: calendarFields.map((_, i) => `#f${i}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(calendarFields.map((f, i) => [`#f${i}`, f])),
      ExpressionAttributeValues: { ':pk': pk, ':from': window.from, ':to': window.to },
      ScanIndexForward: false,
      Limit: Math.min(200, max - items.length),
      ExclusiveStartKey: start,
    }));
    items.push(...((out.Items ?? []) as CalendarMeeting[]));
    start = out.LastEvaluatedKey;
  } while (start && items.length < max);
  return items.reverse();
}

/** 412 with the version the client should fetch. */
export const stale = (current: number) => preconditionFailed(current);
