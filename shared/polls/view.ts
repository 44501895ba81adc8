/** The public shape of a poll: results only for callers allowed to see them now. */
import type { DraftStatus } from '#shared/drafts/schema.ts';
import { pollStatus } from '#shared/polls/rules.ts';
import type { PollItem } from '#shared/polls/repository.ts';
import type { Poll, PollResults } from '#shared/polls/schema.ts';

export const pollView = (p: PollItem, draft: DraftStatus, results: PollResults | null): Poll => ({
  id: p.id,
  draftId: p.draftId,
  sectionId: p.sectionId ?? null,
  question: p.question,
  options: p.options,
  type: p.kind,
  maxChoices: p.maxChoices,
  resultsVisibility: p.resultsVisibility,
  status: p.closedAt ? 'closed' : pollStatus(draft),
  createdAt: p.createdAt,
  results,
});
