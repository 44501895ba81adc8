/** Lambda: reading decisions (public). */
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { decisionView, getDecision as loadDecision, listDecisions as loadDecisions } from '#shared/decisions/repository.ts';
import { getDecision, listDecisions } from '#functions/decisions/routes.ts';

export const handler = lambda([
  implement(listDecisions, async ({ query }) => ok(await loadDecisions(query))),

  implement(getDecision, async ({ params }) => {
    const decision = await loadDecision(params.id);
    if (!decision) throw notFound('Decision');
    return ok(decisionView(decision));
  }),
]);
