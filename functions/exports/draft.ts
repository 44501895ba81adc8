/**
 * Lambda: staff export a draft's participation as CSV or JSON (409 past the direct limits: the job route makes a file),
 * and the consultation report (public once participation ended; staff always).
 */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { isStaff } from '#shared/http/actor.ts';
import { Problem, notFound } from '#shared/http/problem.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { participationEnded } from '#shared/drafts/rules.ts';
import { consultationReport } from '#shared/reports/report.ts';
import { reportCsv } from '#shared/reports/csv.ts';
import { draftCsv, draftExport } from '#shared/exports/draft-export.ts';
import { exportFileName } from '#shared/exports/draft-job.ts';
import { withinBytes } from '#shared/exports/limits.ts';
import { exportDraft, getReport } from '#functions/exports/routes.ts';

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

  implement(getReport, async ({ params, query, actor }) => {
    const now = new Date();
    const draft = await getDraft(params.id);
    const staff = isStaff(actor);
    if (!draft || (!draft.publishedAt && !staff)) throw notFound('Draft');
    if (!staff && !participationEnded(draft, now)) {
      throw new Problem(409, 'report-not-available', 'Report not available yet', 'The report is public once participation on the draft has ended.');
    }
    const report = await consultationReport(draft, now);
    if (query.format === 'json') return { status: 200, body: report };
    const name = `report-${draft.caseId ?? draft.id}`.replace(/[^\w.-]/g, '_');
    return {
      status: 200,
      body: reportCsv(report, query.lang ?? settings().requiredLanguages[0] ?? 'fi'),
      contentType: 'text/csv; charset=utf-8',
      headers: { 'Content-Disposition': `attachment; filename="${name}.csv"` },
    };
  }),
]);
