/** Lambda: staff add implementation results and report on them. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { created, versioned } from '#shared/http/reply.ts';
import * as results from '#shared/results/repository.ts';
import { checkDates, checkParent, patched } from '#shared/results/rules.ts';
import { createResult, patchResult, putResultByExternalId } from '#functions/results/routes.ts';

const resultCreated = (r: results.ResultItem) =>
  created(results.resultView(r), `/v1/decisions/${r.decisionId}/results/${r.id}`, r.version);

export const handler = lambda([
  implement(createResult, async ({ params, body, newId }) => {
    checkDates(body.startDate, body.endDate);
    const { result } = await results.createResult(params.id, body, new Date(), (existing) => checkParent(existing, body.parentId), newId);
    return resultCreated(result);
  }, async ({ params }, id) => {
    const result = await results.getResult(params.id, id, true);
    return result && resultCreated(result);
  }),

  implement(patchResult, async ({ params, body, ifMatch }) => {
    const now = new Date();
    const { result } = await results.updateResult(params.id, params.rid, ifMatch, now, (current) => patched(current, body, now), body.note);
    return versioned(results.resultView(result));
  }),

  implement(putResultByExternalId, async ({ params, body }) => {
    const { result, created } = await results.putByExternalId(params.id, params.externalId, body, new Date());
    return created ? resultCreated(result) : versioned(results.resultView(result));
  }),
]);
