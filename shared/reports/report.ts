/**
 * Assembling the consultation report. Its cost does not grow with the comments: the counts
 * come from the draft's participation counters (one GetItem), polls from their items and
 * counter shards (two Queries per 100 polls), versions from their snapshots (one Query per
 * 1 MB of versions: grows with staff edits, not with participation) and the decision from
 * its item (one GetItem).
 */
import { queryAll } from '#shared/data/page.ts';
import type { Localized } from '#shared/schema.ts';
import { readParticipation } from '#shared/comments/participation.ts';
import { draftStatus } from '#shared/drafts/rules.ts';
import type { DraftItem } from '#shared/drafts/repository.ts';
import { decisionView, getDecision } from '#shared/decisions/repository.ts';
import { listPolls } from '#shared/polls/repository.ts';
import type { Report } from '#shared/reports/schema.ts';

async function pollsOf(draftId: string): Promise<Report['polls']> {
  const polls: Report['polls'] = [];
  let cursor: string | undefined;
  do {
    const page = await listPolls(draftId, { limit: 100, cursor });
    for (const { poll, results } of page.items) {
      const counts = new Map(results.options.map((o) => [o.id, o.count]));
      polls.push({
        id: poll.id, sectionId: poll.sectionId ?? null, question: poll.question, type: poll.kind, final: poll.closedAt !== undefined,
        total: results.total, options: poll.options.map((o) => ({ id: o.id, text: o.text, count: counts.get(o.id) ?? 0 })),
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && polls.length < 200);
  return polls;
}

const versionsOf = (draftId: string) =>
  queryAll<{ version: number; at: string; changelog?: Localized }>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${draftId}`, ':prefix': 'VERSION#' },
    ProjectionExpression: 'version, #at, changelog',
    ExpressionAttributeNames: { '#at': 'at' },
  });

async function decisionOf(id: string | undefined): Promise<Report['decision']> {
  const item = id ? await getDecision(id) : undefined;
  if (!item) return null;
  const d = decisionView(item);
  const votes = d.votes ? { for: d.votes.for, against: d.votes.against, abstain: d.votes.abstain, absent: d.votes.absent } : null;
  return { id: d.id, outcome: d.outcome, text: d.text, decidedAt: d.decidedAt, meetingId: d.meetingId, votes };
}

/** The report on `draft` at `now`. */
export async function consultationReport(draft: DraftItem, now: Date): Promise<Report> {
  const [participation, polls, versions, decision] = await Promise.all([
    readParticipation(draft.id), pollsOf(draft.id), versionsOf(draft.id), decisionOf(draft.decisionId),
  ]);
  const general = participation.section(null);
  return {
    draft: {
      id: draft.id, caseId: draft.caseId ?? null, title: draft.title, status: draftStatus(draft, now),
      opensAt: draft.opensAt ?? null, closesAt: draft.closesAt ?? null, withdrawal: draft.withdrawal ?? null,
    },
    generatedAt: now.toISOString(),
    participation: {
      comments: participation.comments,
      participants: participation.participants,
      bySection: [
        ...(general.comments > 0 ? [{ sectionId: null, title: null, ...general }] : []),
        ...draft.sections.map((s) => ({ sectionId: s.id, title: s.title, ...participation.section(s.id) })),
      ],
    },
    polls,
    responses: { answered: participation.answered, roots: participation.roots },
    versions: versions.map((v) => ({ version: v.version, changelog: v.changelog ?? null, at: v.at })),
    decision,
  };
}
