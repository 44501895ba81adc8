/** Lambda: staff export a draft's participation as CSV or JSON (409 past the direct limits: the job route makes a file). */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { draftCsv, draftExport } from '#shared/exports/draft-export.ts';
import { exportFileName } from '#shared/exports/draft-job.ts';
import { withinBytes } from '#shared/exports/limits.ts';
import { exportDraft } from '#functions/exports/routes.ts';

export const handler = lambda([
  implement(exportDraft, async ({ params, query }) => {
    const draft = await getDraft(params.id);
    if (!draft) throw notFound('Draft');
    const data = await draftExport(draft, new Date());
    const name = exportFileName(draft);
    const jobRoute = `/v1/drafts/${draft.id}/exports`;
    const json = query.format === 'json';
    return {
      status: 200,
      body: withinBytes(json ? JSON.stringify(data) : draftCsv(data, query.lang ?? settings().requiredLanguages[0] ?? 'fi'), jobRoute),
      contentType: json ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      headers: { 'Content-Disposition': `attachment; filename="${name}.${json ? 'json' : 'csv'}"` },
    };
  }),
]);
