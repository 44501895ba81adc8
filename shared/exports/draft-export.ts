/**
 * The staff export of a draft, what a case preparer attaches to the decision proposal:
 * every comment (section, votes, status) and every poll's totals. Never a voter, never a
 * resident's id: comments carry the author's display name only while they are visible.
 * The direct export and the export job build their rows with the same functions here.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod/mini';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import type { Localized } from '#shared/schema.ts';
import type { DraftItem } from '#shared/drafts/repository.ts';
import { draftStatus } from '#shared/drafts/rules.ts';
import type { CommentItem } from '#shared/comments/repository.ts';
import { allPolls, resultsOf } from '#shared/polls/repository.ts';
import { pollStatus } from '#shared/polls/rules.ts';
import { csv, csvCell, type Cell } from '#shared/exports/csv.ts';
import { directLimits, exportTooLarge } from '#shared/exports/limits.ts';
import type { DraftExport as DraftExportSchema } from '#shared/exports/schema.ts';

export type DraftExport = z.infer<typeof DraftExportSchema>;
type Sections = Map<string, Localized>;
export type CommentRow = DraftExport['comments'][number];
export type PollRow = DraftExport['polls'][number];
export type AttachmentRow = DraftExport['attachments'][number];

export type Key = Record<string, unknown>;

/** One page of the draft's comments from `start`, and where the next begins. */
export async function commentPage(draftId: string, start: Key | undefined, limit: number): Promise<{ items: CommentItem[]; next?: Key }> {
  const out = await db().send(new QueryCommand({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${draftId}`, ':prefix': 'COMMENT#' },
    ExclusiveStartKey: start,
    Limit: limit,
  }));
  return { items: (out.Items ?? []) as CommentItem[], next: out.LastEvaluatedKey };
}

/** Every comment, unless there are more than `max`: then the direct export is too large. */
async function commentsUpTo(draftId: string, max: number): Promise<CommentItem[]> {
  const items: CommentItem[] = [];
  let start: Key | undefined;
  do {
    const page = await commentPage(draftId, start, max + 1 - items.length);
    items.push(...page.items);
    if (items.length > max) throw exportTooLarge(`/v1/drafts/${draftId}/exports`);
    start = page.next;
  } while (start);
  return items;
}

export const sectionsOf = (draft: DraftItem): Sections => new Map(draft.sections.map((s) => [s.id, s.title]));

export const draftSummary = (draft: DraftItem, now: Date): DraftExport['draft'] => ({
  id: draft.id, caseId: draft.caseId ?? null, title: draft.title, status: draftStatus(draft, now), version: draft.version, commentCount: draft.commentCount,
});

export const commentRow = (c: CommentItem, sections: Sections): CommentRow => ({
  id: c.id,
  parentId: c.parentId ?? null,
  sectionId: c.sectionId ?? null,
  section: c.sectionId ? (sections.get(c.sectionId) ?? null) : null,
  createdAt: c.createdAt,
  draftVersion: c.draftVersion,
  author: c.status === 'visible' ? (c.authorName ?? null) : null,
  status: c.status,
  votes: c.votes,
  replyCount: c.replyCount,
  edited: c.edited,
  body: c.status === 'visible' ? (c.body ?? null) : null,
  moderation: c.status === 'hidden' && c.moderation ? { reason: c.moderation.reason, at: c.moderation.at } : null,
});

/** Every poll of the draft with its totals: a handful per draft. */
export async function pollRows(draft: DraftItem, now: Date): Promise<PollRow[]> {
  const sections = sectionsOf(draft);
  const status = draftStatus(draft, now);
  const polls = await allPolls(draft.id);
  const results = await Promise.all(polls.map((p) => resultsOf(p)));
  return polls.map((p, i) => ({
    id: p.id,
    sectionId: p.sectionId ?? null,
    section: p.sectionId ? (sections.get(p.sectionId) ?? null) : null,
    question: p.question,
    type: p.kind,
    status: p.closedAt ? 'closed' : pollStatus(status),
    total: results[i]!.total,
    options: p.options.map((o) => ({ id: o.id, text: o.text, count: results[i]!.options.find((r) => r.id === o.id)?.count ?? 0 })),
  }));
}

/** The draft's ready attachments, as the export lists them. */
export const attachmentRows = (draft: DraftItem): AttachmentRow[] => {
  const sections = sectionsOf(draft);
  return (draft.attachments ?? []).filter((a) => a.status === 'ready').map((a) => ({
    id: a.id,
    sectionId: a.sectionId ?? null,
    section: a.sectionId ? (sections.get(a.sectionId) ?? null) : null,
    title: a.title,
    alt: a.alt ?? null,
    filename: a.filename,
    contentType: a.contentType,
    bytes: a.bytes,
    addedAt: a.readyAt ?? a.createdAt,
  }));
};

/** An attachment as a CSV row: votes = its size in bytes, text = its title and file name. */
export const attachmentCells = (a: AttachmentRow, lang: string): Cell[] =>
  ['attachment', a.id, null, a.sectionId, inLanguage(a.section, lang), a.addedAt, null, a.contentType, a.bytes, `${inLanguage(a.title, lang)} (${a.filename})`];

/** The whole export in one piece: only for drafts within the direct route's limits (409 beyond). */
export async function draftExport(draft: DraftItem, now: Date): Promise<DraftExport> {
  const sections = sectionsOf(draft);
  const [comments, polls] = await Promise.all([commentsUpTo(draft.id, directLimits.comments), pollRows(draft, now)]);
  return {
    draft: draftSummary(draft, now), exportedAt: now.toISOString(), comments: comments.map((c) => commentRow(c, sections)), polls,
    attachments: attachmentRows(draft),
  };
}

/** Text in `lang`, else in the first language it has. */
const inLanguage = (text: Localized | null, lang: string): string => (text ? (text[lang] ?? Object.values(text)[0] ?? '') : '');

export const csvHeader = ['record', 'id', 'parent_id', 'section_id', 'section', 'created_at', 'author', 'status', 'votes', 'text'];

/** A comment as a CSV row. */
export const commentCells = (c: CommentRow, lang: string): Cell[] =>
  ['comment', c.id, c.parentId, c.sectionId, inLanguage(c.section, lang), c.createdAt, c.author, c.status, c.votes, c.body];

/** A poll as CSV rows: the poll (votes = ballots cast, text = question), then each option. */
export function pollCells(p: PollRow, lang: string): Cell[][] {
  const section = inLanguage(p.section, lang);
  return [
    ['poll', p.id, null, p.sectionId, section, null, null, p.status, p.total, inLanguage(p.question, lang)],
    ...p.options.map((o): Cell[] => ['poll-option', o.id, p.id, p.sectionId, section, null, null, p.status, o.count, inLanguage(o.text, lang)]),
  ];
}

/** CSV rows without header or BOM, each ending in CRLF: how the job appends pages. */
export const csvLines = (rows: Cell[][]): string => rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');

/**
 * One table for both: `record` says what a row is. Comments (`comment`), then each poll
 * (`poll`: votes = ballots cast, text = question) followed by its options (`poll-option`:
 * parent_id = the poll, votes = the option's count, text = the option), then the attachments (`attachment`:
 * status = its content type, votes = its size in bytes, text = its title and file name).
 */
export function draftCsv(data: DraftExport, lang: string): string {
  return csv(csvHeader, [
    ...data.comments.map((c) => commentCells(c, lang)), ...data.polls.flatMap((p) => pollCells(p, lang)),
    ...data.attachments.map((a) => attachmentCells(a, lang)),
  ]);
}
