/** Lambda: staff record the decision on an agenda item. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { created } from '#shared/http/reply.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { getMeeting } from '#shared/meetings/repository.ts';
import { decisionView, getDecision, recordDecision as storeDecision, type DecisionItem } from '#shared/decisions/repository.ts';
import { decidableItem, defaultDecidedAt } from '#shared/decisions/rules.ts';
import { recordDecision } from '#functions/decisions/routes.ts';

const decisionCreated = (d: DecisionItem) => created(decisionView(d), `/v1/decisions/${d.id}`);

export const handler = lambda([
  implement(recordDecision, async ({ params, body, newId }) => {
    // The meeting may change between reading and writing (another decision, a correction):
    // the write is conditional on the version read, so check again and retry.
    for (let attempt = 1; attempt <= 10; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      const now = new Date();
      const meeting = await getMeeting(params.id, true);
      if (!meeting) throw notFound('Meeting');
      const item = decidableItem(meeting, params.itemId);
      const draft = item.draftId ? await getDraft(item.draftId, true) : undefined;
      const decidedAt = body.decidedAt ? new Date(body.decidedAt).toISOString() : defaultDecidedAt(meeting, now);
      const decision = await storeDecision({ meeting, item, draft, input: body, decidedAt }, now, newId);
      if (decision) return decisionCreated(decision);
    }
    throw new Error('the meeting kept changing while the decision was recorded');
  }, async (_request, id) => {
    const decision = await getDecision(id, true);
    return decision && decisionCreated(decision);
  }),
]);
