/** Lambda: anyone reads a decision's results and timeline. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok, versioned } from '#shared/http/reply.ts';
import type { Page } from '#shared/schema.ts';
import { getDecision } from '#shared/decisions/repository.ts';
import * as results from '#shared/results/repository.ts';
import { resultsCsv } from '#shared/results/export.ts';
import { settings } from '#shared/config.ts';
import { exportResults, getResult, listResults, listTimeline } from '#functions/results/routes.ts';

/** An empty first page may mean there is no such decision: only then is it looked up. */
async function ofDecision<T>(decisionId: string, cursor: string | undefined, page: Page<T>): Promise<Page<T>> {
  if (page.items.length === 0 && cursor === undefined && !(await getDecision(decisionId))) throw notFound('Decision');
  return page;
}

export const handler = lambda([
  implement(listResults, async ({ params, query }) =>
    ok(await ofDecision(params.id, query.cursor, await results.listResults(params.id, query)))),

  implement(getResult, async ({ params }) => {
    const result = await results.getResult(params.id, params.rid);
    if (!result) throw notFound('Result');
    return versioned(results.resultView(result));
  }),

  implement(listTimeline, async ({ params, query }) =>
    ok(await ofDecision(params.id, query.cursor, await results.listTimeline(params.id, query)))),

  implement(exportResults, async ({ params }) => {
    const all = await results.allResults(params.id);
    if (!all) throw notFound('Decision');
    return {
      status: 200,
      body: resultsCsv(all, settings().supportedLanguages),
      contentType: 'text/csv; charset=utf-8',
      headers: { 'Content-Disposition': `attachment; filename="results-${params.id}.csv"` },
    };
  }),
]);
