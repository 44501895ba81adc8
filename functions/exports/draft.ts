/** Lambda: staff export a draft's participation as CSV or JSON. */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { draftCsv, draftExport } from '#shared/exports/draft-export.ts';
import { exportDraft } from '#functions/exports/routes.ts';

export const handler = lambda([
  implement(exportDraft, async ({ params, query }) => {
    const draft = await getDraft(params.id);
    if (!draft) throw notFound('Draft');
    const data = await draftExport(draft, new Date());
    const name = `draft-${draft.caseId ?? draft.id}`.replace(/[^\w.-]/g, '_');
    if (query.format === 'json') return { ...ok(data), headers: { 'Content-Disposition': `attachment; filename="${name}.json"` } };
    return {
      status: 200,
      body: draftCsv(data, query.lang ?? settings().requiredLanguages[0] ?? 'fi'),
      contentType: 'text/csv; charset=utf-8',
      headers: { 'Content-Disposition': `attachment; filename="${name}.csv"` },
    };
  }),
]);
