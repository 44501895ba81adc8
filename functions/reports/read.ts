/** Lambda: the consultation report of a draft (public once participation ended; staff always). */
import { settings } from '#shared/config.ts';
import { isStaff } from '#shared/http/actor.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { Problem, notFound } from '#shared/http/problem.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { participationEnded } from '#shared/drafts/rules.ts';
import { consultationReport } from '#shared/reports/report.ts';
import { reportCsv } from '#shared/reports/csv.ts';
import { getReport } from '#functions/reports/routes.ts';

export const handler = lambda([
  implement(getReport, async ({ params, query, actor }) => {
    const now = new Date();
    const draft = await getDraft(params.id);
    const staff = isStaff(actor);
    if (!draft || (!draft.publishedAt && !staff)) throw notFound('Draft');
    if (!staff && !participationEnded(draft, now)) {
      throw new Problem(409, 'report-not-available', 'Report not available yet', 'The report is public once participation on the draft has ended.');
    }
    const report = await consultationReport(draft, now);
    const name = `report-${draft.caseId ?? draft.id}`.replace(/[^\w.-]/g, '_');
    if (query.format === 'csv') {
      return {
        status: 200,
        body: reportCsv(report, query.lang ?? settings().requiredLanguages[0] ?? 'fi'),
        contentType: 'text/csv; charset=utf-8',
        headers: { 'Content-Disposition': `attachment; filename="${name}.csv"` },
      };
    }
    return { status: 200, body: report };
  }),
]);
