/**
 * The staff export of a draft, what a case preparer attaches to the decision proposal:
 * every comment (section, votes, status) and every poll's totals. Never a voter, never a
 * resident's id: comments carry the author's display name only while they are visible.
 */
import type * as z from 'zod/mini';
import { queryAll } from '#shared/data/page.ts';
import type { Localized } from '#shared/schema.ts';
import type { DraftItem } from '#shared/drafts/repository.ts';
import { draftStatus } from '#shared/drafts/rules.ts';
import type { CommentItem } from '#shared/comments/repository.ts';
import { allPolls, resultsOf } from '#shared/polls/repository.ts';
import { pollStatus } from '#shared/polls/rules.ts';
import { csv, type Cell } from '#shared/exports/csv.ts';
import type { DraftExport as DraftExportSchema } from '#shared/exports/schema.ts';

export type DraftExport = z.infer<typeof DraftExportSchema>;

async function allComments(draftId: string): Promise<CommentItem[]> {
  return queryAll<CommentItem>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${draftId}`, ':prefix': 'COMMENT#' },
  });
}

export async function draftExport(draft: DraftItem, now: Date): Promise<DraftExport> {
  const status = draftStatus(draft, now);
  const sections = new Map(draft.sections.map((s) => [s.id, s.title]));
  const [comments, polls] = await Promise.all([allComments(draft.id), allPolls(draft.id)]);
  const results = await Promise.all(polls.map((p) => resultsOf(p)));
  return {
    draft: { id: draft.id, caseId: draft.caseId ?? null, title: draft.title, status, version: draft.version, commentCount: draft.commentCount },
    exportedAt: now.toISOString(),
    comments: comments.map((c) => ({
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
    })),
    polls: polls.map((p, i) => ({
      id: p.id,
      sectionId: p.sectionId ?? null,
      section: p.sectionId ? (sections.get(p.sectionId) ?? null) : null,
      question: p.question,
      type: p.kind,
      status: p.closedAt ? 'closed' : pollStatus(status),
      total: results[i]!.total,
      options: p.options.map((o) => ({ id: o.id, text: o.text, count: results[i]!.options.find((r) => r.id === o.id)?.count ?? 0 })),
    })),
  };
}

/** Text in `lang`, else in the first language it has. */
const inLanguage = (text: Localized | null, lang: string): string => (text ? (text[lang] ?? Object.values(text)[0] ?? '') : '');

export const csvHeader = ['record', 'id', 'parent_id', 'section_id', 'section', 'created_at', 'author', 'status', 'votes', 'text'];

/**
 * One table for both: `record` says what a row is. Comments (`comment`), then each poll
 * (`poll`: votes = ballots cast, text = question) followed by its options (`poll-option`:
 * parent_id = the poll, votes = the option's count, text = the option).
 */
export function draftCsv(data: DraftExport, lang: string): string {
  const rows: Cell[][] = data.comments.map((c) => [
    'comment', c.id, c.parentId, c.sectionId, inLanguage(c.section, lang), c.createdAt, c.author, c.status, c.votes, c.body,
  ]);
  for (const p of data.polls) {
    const section = inLanguage(p.section, lang);
    rows.push(['poll', p.id, null, p.sectionId, section, null, null, p.status, p.total, inLanguage(p.question, lang)]);
    for (const o of p.options) rows.push(['poll-option', o.id, p.id, p.sectionId, section, null, null, p.status, o.count, inLanguage(o.text, lang)]);
  }
  return csv(csvHeader, rows);
}
