/** From stored items to dataset rows (pure): only public fields, copied one by one. */
import type { DecisionItem } from '#shared/decisions/repository.ts';
import type { ResultItem, TimelineItem } from '#shared/results/repository.ts';
import type { MeetingItem } from '#shared/meetings/repository.ts';
import type { Row } from '#shared/open-data/files.ts';

export const decisionRows = (ds: DecisionItem[]): Row[] => ds.map((d) => ({
  decisionId: d.id, decidedAt: d.decidedAt, bodyId: d.bodyId, meetingId: d.meetingId, itemId: d.itemId, draftId: d.draftId, caseId: d.caseId,
  outcome: d.outcome, title: d.title,
  votesFor: d.voteCounts?.for, votesAgainst: d.voteCounts?.against, votesAbstain: d.voteCounts?.abstain, votesAbsent: d.voteCounts?.absent,
  implementationStatus: d.implementation?.status ?? 'planned', implementationProgress: d.implementation?.progress ?? 0,
}));

export const voteRows = (ds: DecisionItem[]): Row[] =>
  ds.flatMap((d) => (d.members ?? []).map((m) => ({ decisionId: d.id, name: m.name, group: m.group, vote: m.vote })));

export const resultRows = (rs: ResultItem[]): Row[] => rs.map((r) => ({
  decisionId: r.decisionId, resultId: r.id, externalId: r.externalId, parentId: r.parentId, title: r.title,
  startDate: r.startDate, endDate: r.endDate, weight: r.weight, status: r.status, progress: r.progress, updatedAt: r.updatedAt,
}));

export const timelineRows = (es: TimelineItem[]): Row[] => es.map((e) => ({
  decisionId: e.decisionId, entryId: e.id, resultId: e.resultId, at: e.at, status: e.status, progress: e.progress, note: e.note,
}));

/** Meetings, and the items of their agendas once published (an unpublished agenda is not public). */
export const meetingRows = (ms: MeetingItem[], now: Date): { meetings: Row[]; agendaItems: Row[] } => ({
  meetings: ms.map((m) => ({
    meetingId: m.id, bodyId: m.bodyId, startsAt: m.startsAt, endsAt: m.endsAt, title: m.title, agendaPublishedAt: m.agendaPublishedAt,
    status: m.status === 'scheduled' && m.startsAt <= now.toISOString() ? 'held' : m.status,
  })),
  agendaItems: ms.filter((m) => m.agendaPublishedAt).flatMap((m) => m.agenda.items.map((i) => ({
    meetingId: m.id, itemId: i.id, number: i.number, section: i.section, caseId: i.caseId, draftId: i.draftId, decisionId: m.decisions[i.id], title: i.title,
  }))),
});

export interface DraftCounts {
  draftId: string;
  caseId?: string;
  title: Record<string, string>;
  status: string;
  opensAt?: string;
  closesAt?: string;
  comments: number;
  participants: number;
  polls: number;
  pollAnswers: number;
}

export const participationRows = (ds: DraftCounts[]): Row[] => ds.map((d) => ({ ...d }));
