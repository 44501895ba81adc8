/**
 * Lambda (DraftPublished, AgendaPublished, DecisionRecorded): what becomes public carrying a
 * case id joins that case, so `GET /v1/cases/{caseId}` finds it with one Query. Idempotent:
 * a repeated event writes the same link item again.
 */
import { consumer } from '#shared/events/consumer.ts';
import { caseIdOf } from '#shared/cases/rules.ts';
import { putLink } from '#shared/cases/repository.ts';

const caseOf = (caseId: string | null): string | undefined => (caseId ? caseIdOf(caseId) : undefined);

export const handler = consumer({
  // A draft enters the story when it opens for comments (publishing may schedule that earlier or later).
  DraftPublished: async ({ draftId, caseId, title, opensAt }) => {
    const id = caseOf(caseId);
    if (id) await putLink({ caseId: id, kind: 'draft', id: draftId, at: opensAt, title });
  },

  AgendaPublished: async ({ meetingId, startsAt, items }) => {
    for (const item of items) {
      const id = caseOf(item.caseId);
      if (id) await putLink({ caseId: id, kind: 'agendaItem', id: item.itemId, at: startsAt, title: item.title, meetingId });
    }
  },

  DecisionRecorded: async ({ decisionId, meetingId, caseId, title, decidedAt }) => {
    const id = caseOf(caseId);
    if (id) await putLink({ caseId: id, kind: 'decision', id: decisionId, at: decidedAt, title: title ?? undefined, meetingId });
  },
});
