/**
 * Drafts in the table. Item collection `DRAFT#<id>`: the draft (`sk = DRAFT`, with its
 * sections: as big as staff make it), its listing (`sk = DRAFT#LISTING`: what a list shows,
 * and the comment count), one snapshot per version (`VERSION#<n>`), its comments, votes
 * and polls. Only the listing is indexed and only the listing is written per comment, so
 * neither the indexes nor a comment's cost grow with the draft's text. (The listing shares
 * the draft's partition, as the comments do: a hot draft is one partition whichever item
 * counts, so a sharded counter would not raise that ceiling.)
 * A draft with a place on the map has one more item, `DRAFT#PLACE`: its geometry and its
 * sections', indexed on gsi1 as `PLACES#DRAFTS` by `<enclosing geohash cell>#id`, so a
 * bounding box is a bounded set of Queries (`shared/maps/search.ts`). Its attachments are
 * `DRAFT#ATTACHMENT#<id>` (`shared/attachments/repository.ts`): the Query that reads the
 * draft (`begins_with(sk, 'DRAFT')`) reads its place and attachments too.
 * Published drafts are listed through their listing item:
 *   gsi1: `DRAFTS` (or `DRAFTS#decided`) by `closesAt#id` — open and closed;
 *   gsi2: `DRAFTS` by `publishedAt#id` — every published draft, newest first;
 *   gsi3: `DRAFTS#opening` by `opensAt#id` — undecided drafts by opening: scheduled ones exactly.
 * Withdrawn drafts leave gsi1 `DRAFTS` for gsi1 `DRAFTS#withdrawn` (by `withdrawnAt#id`) and
 * unpublished ones are on gsi1 `DRAFTS#unpublished` (by `createdAt#id`), for staff.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getItems } from '#shared/data/batch.ts';
import { db } from '#shared/data/client.ts';
import { queryPage } from '#shared/data/page.ts';
import { ensureFits } from '#shared/data/item-size.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { conflict, notFound, preconditionFailed } from '#shared/http/problem.ts';
import { openCursor, sealCursor } from '#shared/http/cursor.ts';
import { attachmentPrefix, attachmentView, type AttachmentItem } from '#shared/attachments/repository.ts';
import { enclosingCell } from '#shared/maps/geohash.ts';
import { normalized, type Geometry } from '#shared/maps/geometry.ts';
import { boxOf, touches, type Box } from '#shared/maps/place.ts';
import { placesNear, type PlaceIndex } from '#shared/maps/search.ts';
import type { Localized, Page } from '#shared/schema.ts';
import { draftStatus, withdrawRefusal } from '#shared/drafts/rules.ts';
import type { CommentingMode, CreateDraftBody, Draft, DraftSummary, DraftVersion, Section } from '#shared/drafts/schema.ts';
import { draftListingKey } from '#shared/drafts/keys.ts';

export interface DraftItem {
  pk: string;
  sk: 'DRAFT';
  type: 'draft';
  id: string;
  version: number;
  title: Localized;
  summary?: Localized;
  sections: Section[];
  caseId?: string;
  commenting: CommentingMode;
  tags: string[];
  opensAt?: string;
  closesAt?: string;
  publishedAt?: string;
  closedAt?: string;
  decisionId?: string;
  /** Staff withdrew it: participation ended, with a public reason. */
  withdrawnAt?: string;
  withdrawal?: { reason: Localized; at: string };
  /** Kept on the listing item; read with the draft. */
  commentCount: number;
  changelog?: Localized;
  /** Comments may carry a location. */
  mapCommenting?: boolean;
  /** Kept on the place item (`DRAFT#PLACE`); read with the draft. */
  geometry?: Geometry;
  /** Sections' geometries by section id; kept on the place item. */
  sectionGeometries?: Record<string, Geometry>;
  /** The box around every geometry of the draft; kept on the listing. */
  placeBox?: Box;
  /** Kept as items of their own (`DRAFT#ATTACHMENT#…`); read with the draft. */
  attachments?: AttachmentItem[];
  createdAt: string;
  updatedAt: string;
}

/** What lists show of a draft, and what counts its comments. */
export type DraftListingItem = Omit<DraftItem, 'sk' | 'type' | 'sections' | 'changelog' | 'geometry' | 'sectionGeometries' | 'attachments'> & {
  sk: 'DRAFT#LISTING';
  type: 'draftListing';
  sectionCount: number;
  /** So that a comment names a section without reading the draft's texts. */
  sectionIds: string[];
};

export const draftKey = (id: string) => ({ pk: `DRAFT#${id}`, sk: 'DRAFT' as const });
export { draftListingKey };
const placeKey = (id: string) => ({ pk: `DRAFT#${id}`, sk: 'DRAFT#PLACE' as const });
const versionKey = (id: string, version: number) => ({ pk: `DRAFT#${id}`, sk: `VERSION#${String(version).padStart(10, '0')}` });

/** The listing's index keys: only a published draft is listed; a decided one has its own list and no opening. */
const indexKeys = (d: Pick<DraftItem, 'id' | 'publishedAt' | 'opensAt' | 'closesAt' | 'closedAt' | 'decisionId' | 'withdrawnAt' | 'createdAt'>) => {
  if (!(d.publishedAt && d.opensAt && d.closesAt)) return { gsi1pk: 'DRAFTS#unpublished', gsi1sk: `${d.createdAt}#${d.id}` };
  const withdrawn = d.withdrawnAt && !d.decisionId;
  return {
    gsi1pk: d.decisionId ? 'DRAFTS#decided' : withdrawn ? 'DRAFTS#withdrawn' : 'DRAFTS',
    gsi1sk: withdrawn ? `${d.withdrawnAt}#${d.id}` : `${d.closesAt}#${d.id}`,
    gsi2pk: 'DRAFTS',
    gsi2sk: `${d.publishedAt}#${d.id}`,
    ...(d.decisionId || d.closedAt || d.withdrawnAt ? {} : { gsi3pk: 'DRAFTS#opening', gsi3sk: `${d.opensAt}#${d.id}` }),
  };
};

const listedFields = ['version', 'title', 'summary', 'caseId', 'commenting', 'mapCommenting', 'placeBox', 'tags', 'sectionCount', 'sectionIds', 'opensAt', 'closesAt',
  'publishedAt', 'closedAt', 'decisionId', 'withdrawnAt', 'withdrawal', 'createdAt', 'updatedAt', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;

/**
 * The listing made to agree with `d`, in the same transaction as the change to `d`: every
 * listed field set (or removed), the comment count left as the comments made it.
 */
export function listingUpdate(d: DraftItem): TransactItem {
  const values: Record<string, unknown> = { ...d, sectionCount: d.sections.length, sectionIds: d.sections.map((s) => s.id), ...indexKeys(d) };
  const set = listedFields.filter((f) => values[f] !== undefined);
  const remove = listedFields.filter((f) => values[f] === undefined);
  return {
    Update: {
      TableName: tableName(),
      Key: draftListingKey(d.id),
      UpdateExpression: `SET #type = :type, #id = :id, ${set.map((f) => `#${f} = :${f}`).join(', ')}${remove.length ? ` REMOVE ${remove.map((f) => `#${f}`).join(', ')}` : ''}`,
      ExpressionAttributeNames: Object.fromEntries([['#type', 'type'], ['#id', 'id'], ...listedFields.map((f) => [`#${f}`, f])]),
      ExpressionAttributeValues: { ':type': 'draftListing', ':id': d.id, ...Object.fromEntries(set.map((f) => [`:${f}`, values[f]])) },
    },
  };
}

/** The draft item itself, as stored: no count (the listing keeps it), no index keys, no place, no attachments. */
const stored = (d: DraftItem) => {
  const { commentCount: _count, geometry: _g, sectionGeometries: _s, placeBox: _b, attachments: _a, ...rest } = d;
  return rest;
};

/** Places are stored down to cells of about 38 m × 19 m. */
const placePrecision = 8;
const draftPlaces: PlaceIndex = { index: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk', partition: 'PLACES#DRAFTS', precision: placePrecision };

interface PlaceItem {
  draftId: string;
  geometry?: Geometry;
  sections?: Record<string, Geometry>;
  box: Box;
}

/** Every geometry of `d`: its own and its sections'. */
const geometriesOf = (d: Pick<DraftItem, 'geometry' | 'sectionGeometries'>): Geometry[] =>
  [...(d.geometry ? [d.geometry] : []), ...Object.values(d.sectionGeometries ?? {})];

/** `d` with its sections' geometries kept only for sections it has, and the box around them all. */
export function placed(d: DraftItem): DraftItem {
  const ids = new Set(d.sections.map((s) => s.id));
  const sectionGeometries = Object.fromEntries(Object.entries(d.sectionGeometries ?? {}).filter(([id]) => ids.has(id)));
  const next = { ...d, sectionGeometries: Object.keys(sectionGeometries).length ? sectionGeometries : undefined };
  return { ...next, placeBox: boxOf(geometriesOf(next)) };
}

/** The write that makes the place item agree with `d`: put it, or remove it when `d` has no geometry. */
function placeWrite(d: DraftItem): TransactItem {
  if (!d.placeBox) return { Delete: { TableName: tableName(), Key: placeKey(d.id) } };
  const item = {
    ...placeKey(d.id), type: 'draftPlace', draftId: d.id, geometry: d.geometry, sections: d.sectionGeometries, box: d.placeBox,
    gsi1pk: draftPlaces.partition, gsi1sk: `${enclosingCell(d.placeBox, placePrecision)}#${d.id}`,
  };
  ensureFits(item, 'draft\'s map geometry');
  return { Put: { TableName: tableName(), Item: item } };
}

type Shown = Pick<DraftItem, 'id' | 'version' | 'title' | 'summary' | 'caseId' | 'commenting' | 'tags' | 'opensAt' | 'closesAt'
  | 'publishedAt' | 'decisionId' | 'withdrawnAt' | 'withdrawal' | 'createdAt' | 'updatedAt' | 'mapCommenting'> & { commentCount?: number };

/** What a draft and its listing both show at `now`. */
const shown = (d: Shown, now: Date): Omit<DraftSummary, 'sectionCount' | 'bbox'> => ({
  id: d.id,
  version: d.version,
  status: draftStatus(d, now),
  title: d.title,
  summary: d.summary ?? null,
  caseId: d.caseId ?? null,
  commenting: d.commenting,
  tags: d.tags,
  opensAt: d.opensAt ?? null,
  closesAt: d.closesAt ?? null,
  publishedAt: d.publishedAt ?? null,
  commentCount: d.commentCount ?? 0,
  decisionId: d.decisionId ?? null,
  withdrawal: d.withdrawal ?? null,
  mapCommenting: d.mapCommenting ?? false,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

/** What a list shows of a draft at `now`: no sections, no geometry (only the box around it). */
export const draftSummaryView = (d: DraftListingItem, now: Date): DraftSummary =>
  ({ ...shown(d, now), sectionCount: d.sectionCount, bbox: d.placeBox ? [...d.placeBox] : null });

/** The public shape of a draft at `now`: ready attachments come with download links. */
export const draftView = (d: DraftItem, now: Date): Draft => ({
  ...shown(d, now),
  sections: d.sections.map((s) => ({ ...s, geometry: d.sectionGeometries?.[s.id] ?? null })),
  geometry: d.geometry ?? null,
  attachments: (d.attachments ?? []).filter((a) => a.status === 'ready').map((a) => attachmentView(a, now)),
});

const snapshot = (d: DraftItem) => ({
  ...versionKey(d.id, d.version),
  type: 'draftVersion',
  draftId: d.id,
  version: d.version,
  at: d.updatedAt,
  changelog: d.changelog,
  title: d.title,
  summary: d.summary,
  sections: d.sections,
  caseId: d.caseId,
  tags: d.tags,
});

/**
 * The draft's listing: its state, window, mode, section ids and comment count, without its
 * texts. What participation checks read, so that taking part costs the same on any draft.
 */
export async function getDraftListing(id: string, consistent = false): Promise<DraftListingItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: draftListingKey(id), ConsistentRead: consistent }));
  return out.Item as DraftListingItem | undefined;
}

/** The draft with its comment count: one Query over the draft and its listing. */
export async function getDraft(id: string, consistent = false): Promise<DraftItem | undefined> {
  const out = await db().send(new QueryCommand({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :draft)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${id}`, ':draft': 'DRAFT' },
    ConsistentRead: consistent,
  }));
  const main = out.Items?.find((i) => i.sk === 'DRAFT') as DraftItem | undefined;
  const listing = out.Items?.find((i) => i.sk === 'DRAFT#LISTING') as DraftListingItem | undefined;
  const place = out.Items?.find((i) => i.sk === 'DRAFT#PLACE') as PlaceItem | undefined;
  const attachments = (out.Items ?? []).filter((i) => String(i.sk).startsWith(attachmentPrefix)) as AttachmentItem[];
  return main && {
    ...main,
    commentCount: listing?.commentCount ?? 0,
    ...(place ? { geometry: place.geometry, sectionGeometries: place.sections, placeBox: place.box } : {}),
    attachments,
  };
}

export async function createDraft(input: CreateDraftBody, now: Date, id: string = newId()): Promise<DraftItem> {
  const at = now.toISOString();
  const item: DraftItem = {
    ...draftKey(id),
    type: 'draft',
    id,
    version: 1,
    title: input.title,
    summary: input.summary,
    sections: [],
    caseId: input.caseId,
    commenting: input.commenting,
    tags: input.tags,
    mapCommenting: input.mapCommenting,
    commentCount: 0,
    createdAt: at,
    updatedAt: at,
  };
  const geometries: Record<string, Geometry> = {};
  for (const s of input.sections) {
    const section = { id: newId(), title: s.title, body: s.body };
    item.sections.push(section);
    if (s.geometry) geometries[section.id] = normalized(s.geometry);
  }
  const full = placed({ ...item, geometry: input.geometry ? normalized(input.geometry) : undefined, sectionGeometries: geometries });
  ensureFits(stored(full), 'draft');
  await transact([
    { Put: { TableName: tableName(), Item: stored(full), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: listingOf(full) } },
    { Put: { TableName: tableName(), Item: snapshot(full) } },
    ...(full.placeBox ? [placeWrite(full)] : []),
  ]);
  return { ...full, attachments: [] };
}

/** A new draft's listing. */
const listingOf = (d: DraftItem): DraftListingItem => ({
  ...draftListingKey(d.id), type: 'draftListing', id: d.id, version: d.version, title: d.title, summary: d.summary,
  caseId: d.caseId, commenting: d.commenting, mapCommenting: d.mapCommenting, placeBox: d.placeBox, tags: d.tags, sectionCount: d.sections.length,
  sectionIds: d.sections.map((s) => s.id), commentCount: 0, createdAt: d.createdAt, updatedAt: d.updatedAt, ...indexKeys(d),
});

/** 412 with the version the client should fetch. */
export const staleVersion = (current: number) => preconditionFailed(current);

/**
 * Replaces the draft with `next` if it is still at `expectedVersion`, keeping a snapshot
 * of the new version. Throws 412 when someone else saved first.
 */
export async function saveDraftVersion(next: DraftItem, expectedVersion: number, change: { extendedAt?: Date; placeChanged?: boolean } = {}): Promise<void> {
  ensureFits(stored(next), 'draft');
  const now = change.extendedAt;
  // A new deadline holds only while participation is still running (the deadline's own close does not bump the version).
  const extension = now ? ' AND attribute_not_exists(closedAt) AND attribute_not_exists(withdrawnAt) AND closesAt > :now' : '';
  try {
    await transact([
      {
        Put: {
          TableName: tableName(),
          Item: stored(next),
          ConditionExpression: `version = :expected${extension}`,
          ExpressionAttributeValues: { ':expected': expectedVersion, ...(now ? { ':now': now.toISOString() } : {}) },
        },
      },
      listingUpdate(next),
      { Put: { TableName: tableName(), Item: snapshot(next), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...(change.placeChanged ? [placeWrite(next)] : []),
    ]);
  } catch (error) {
    if (error instanceof TransactionCancelled) throw preconditionFailed();
    throw error;
  }
}

/**
 * A change of state to the draft and its listing, all or nothing, conditional on the draft
 * being as it was read; returns the draft as it now is. `refuse` explains a draft that does
 * not allow the change (read again after a lost race).
 */
async function changeState(
  id: string, change: (d: DraftItem) => DraftItem | Error, condition: { expression: string; values: Record<string, unknown> },
): Promise<DraftItem> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getDraft(id, true);
    if (!current) throw notFound('Draft');
    const next = change(current);
    if (next instanceof Error) throw next;
    const fields = (['publishedAt', 'opensAt', 'closesAt', 'closedAt', 'withdrawnAt', 'withdrawal', 'updatedAt'] as const).filter((f) => next[f] !== undefined);
    try {
      await transact([
        {
          Update: {
            TableName: tableName(),
            Key: draftKey(id),
            UpdateExpression: `SET ${fields.map((f) => `${f} = :${f}`).join(', ')}`,
            ConditionExpression: `version = :version AND ${condition.expression}`,
            ExpressionAttributeValues: { ':version': current.version, ...condition.values, ...Object.fromEntries(fields.map((f) => [`:${f}`, next[f]])) },
          },
        },
        listingUpdate(next),
      ]);
      return next;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      // changed meanwhile (an edit, a close): read again and decide again
    }
  }
  throw conflict('draft-busy', 'Draft is changing', 'The draft kept changing; try again.');
}

/** Publishes an unpublished draft with its window; 409 when it already was published. */
export const publishDraft = (id: string, window: { opensAt: string; closesAt: string }, now: Date): Promise<DraftItem> =>
  changeState(id, (d) => d.publishedAt
    ? conflict('already-published', 'Already published', 'This draft has already been published.')
    : { ...d, publishedAt: now.toISOString(), opensAt: window.opensAt, closesAt: window.closesAt, updatedAt: now.toISOString() },
  { expression: 'attribute_not_exists(publishedAt)', values: {} });

/** Closes participation now: the window ends at `now`. 409 unless open or scheduled. */
export const closeDraft = (id: string, now: Date): Promise<DraftItem> => {
  const at = now.toISOString();
  return changeState(id, (d) => {
    if (!d.publishedAt) return conflict('not-published', 'Not published', 'Only a published draft can be closed.');
    if (d.decisionId || !d.closesAt || d.closesAt <= at) return conflict('already-closed', 'Already closed', 'Participation on this draft has already closed.');
    return { ...d, closesAt: at, closedAt: at, updatedAt: at };
  }, { expression: 'attribute_exists(publishedAt) AND closesAt > :at AND attribute_not_exists(decisionId)', values: { ':at': at } });
};

/**
 * Withdraws a published draft: participation ends now (the window closes, if it had not),
 * and the reason is public. 409 when unpublished, decided or already withdrawn.
 */
export const withdrawDraft = (id: string, reason: Localized, now: Date): Promise<DraftItem> => {
  const at = now.toISOString();
  return changeState(id, (d) => {
    const refusal = withdrawRefusal(d);
    if (refusal === 'not-published') return conflict('not-published', 'Not published', 'Only a published draft can be withdrawn.');
    if (refusal === 'decided') return conflict('already-decided', 'Already decided', 'A decided draft cannot be withdrawn.');
    if (refusal === 'already-withdrawn') return conflict('already-withdrawn', 'Already withdrawn', 'This draft has already been withdrawn.');
    const ending = d.closesAt! > at ? { closesAt: at } : {};
    return { ...d, ...ending, withdrawnAt: at, withdrawal: { reason, at }, updatedAt: at };
  }, { expression: 'attribute_exists(publishedAt) AND attribute_not_exists(withdrawnAt) AND attribute_not_exists(decisionId)', values: {} });
};

/** Published drafts by status at `now` (and, for staff, unpublished ones): each status is one Query. */
export async function listDrafts(
  status: 'open' | 'scheduled' | 'closed' | 'decided' | 'withdrawn' | 'unpublished' | undefined,
  page: { limit: number; cursor?: string },
  now: Date,
): Promise<Page<DraftSummary>> {
  const t = `${now.toISOString()}#~`;
  const view = (item: Record<string, unknown>) => draftSummaryView(item as unknown as DraftListingItem, now);
  const scope = `drafts:${status ?? 'all'}`;
  const byClose = (pk: string, op: '<' | '>', forward: boolean, filter?: string) => ({
    IndexName: 'gsi1',
    KeyConditionExpression: `gsi1pk = :pk AND gsi1sk ${op} :t`,
    ...(filter ? { FilterExpression: filter } : {}),
    ExpressionAttributeValues: { ':pk': pk, ':t': t, ...(filter ? { ':now': now.toISOString() } : {}) },
    ScanIndexForward: forward,
  });
  switch (status) {
    case 'open':
      // Skips only drafts not yet open that close later: the scheduled ones, few by nature.
      return queryPage(byClose('DRAFTS', '>', true, 'opensAt <= :now'), { ...page, scope }, view);
    case 'scheduled':
      return queryPage({
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk > :t',
        ExpressionAttributeValues: { ':pk': 'DRAFTS#opening', ':t': t },
        ScanIndexForward: true,
      }, { ...page, scope }, view);
    case 'closed':
      return queryPage(byClose('DRAFTS', '<', false), { ...page, scope }, view);
    case 'decided':
    case 'withdrawn':
    case 'unpublished':
      return queryPage({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `DRAFTS#${status}` },
        ScanIndexForward: false,
      }, { ...page, scope }, view);
    default:
      return queryPage({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': 'DRAFTS' },
        ScanIndexForward: false,
      }, { ...page, scope }, view);
  }
}

export async function listDraftVersions(id: string, page: { limit: number; cursor?: string }): Promise<Page<DraftVersion>> {
  return queryPage({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${id}`, ':prefix': 'VERSION#' },
    ScanIndexForward: false,
  }, { ...page, scope: `versions:${id}` }, (item) => ({
    version: item.version as number,
    at: item.at as string,
    changelog: (item.changelog as Localized | undefined) ?? null,
    title: item.title as Localized,
    summary: (item.summary as Localized | undefined) ?? null,
    sections: item.sections as Section[],
    caseId: (item.caseId as string | undefined) ?? null,
    tags: (item.tags as string[] | undefined) ?? [],
  }));
}

/**
 * Marks a draft decided (called when a decision is recorded on an agenda item linking it):
 * a published draft leaves the open/closed listings for the decided one, and participation
 * ends (`closedAt`, if it was still open; `decisionId` alone already stops it). A draft
 * decided again (tabled first, decided later) points at its latest decision. An unpublished
 * draft only records the decision: it stays out of every public listing.
 */
export const draftDecidedUpdate = (id: string, decisionId: string, now: Date, published = true): TransactItem[] => {
  const at = now.toISOString();
  const update = (key: Record<string, string>, extra: string) => ({
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: published
        ? `SET decisionId = :decisionId, updatedAt = :at, closesAt = if_not_exists(closesAt, :at), closedAt = if_not_exists(closedAt, :at)${extra}`
        : 'SET decisionId = :decisionId, updatedAt = :at',
      ConditionExpression: published ? 'attribute_exists(publishedAt)' : 'attribute_exists(pk) AND attribute_not_exists(publishedAt)',
      ExpressionAttributeValues: { ':decisionId': decisionId, ':at': at, ...(extra ? { ':decided': 'DRAFTS#decided' } : {}) },
    },
  });
  return [update(draftKey(id), ''), update(draftListingKey(id), published ? ', gsi1pk = :decided REMOVE gsi3pk, gsi3sk' : '')];
};

/** The listings of `ids`. */
const listingsOf = (ids: string[]): Promise<DraftListingItem[]> => getItems<DraftListingItem>(ids.map(draftListingKey));

/**
 * Published drafts whose geometry (its own or a section's) touches `box`, in the order of the
 * list without a box (newest first; open ones by closesAt). Reads only the place index cells
 * the box touches (a bounded set of Queries) and the listings of the drafts found there;
 * the page is cut from those, behind a sealed cursor.
 */
export async function listDraftsInBox(
  status: 'open' | 'scheduled' | 'closed' | 'decided' | 'withdrawn' | 'unpublished' | undefined,
  box: Box,
  page: { limit: number; cursor?: string },
  now: Date,
): Promise<Page<DraftSummary>> {
  const scope = `drafts-in-box:${status ?? 'all'}:${box.join(',')}`;
  const after = (await openCursor(page.cursor, scope))?.after;
  const places = await placesNear<PlaceItem>(draftPlaces, box);
  const hits = places.filter((p) => geometriesOf({ geometry: p.geometry, sectionGeometries: p.sections }).some((g) => touches(g, box)));
  const listings = (await listingsOf(hits.map((p) => p.draftId)))
    .filter((l) => (status === 'unpublished'
      ? !l.publishedAt
      : Boolean(l.publishedAt && l.opensAt && l.closesAt) && (status === undefined || draftStatus(l, now) === status)));
  const order = (l: DraftListingItem) => (status === 'open' || status === 'scheduled'
    ? `${status === 'open' ? l.closesAt : l.opensAt}#${l.id}`
    : `${l.withdrawnAt ?? l.publishedAt ?? l.createdAt}#${l.id}`);
  const ascending = status === 'open' || status === 'scheduled';
  const sorted = listings.map((l) => ({ l, key: order(l) })).sort((a, b) => (a.key < b.key ? -1 : 1) * (ascending ? 1 : -1));
  const rest = typeof after === 'string' ? sorted.filter((x) => (ascending ? x.key > after : x.key < after)) : sorted;
  const items = rest.slice(0, page.limit);
  const nextCursor = rest.length > page.limit ? await sealCursor({ after: items[items.length - 1]!.key }, scope) : null;
  return { items: items.map((x) => draftSummaryView(x.l, now)), nextCursor };
}
