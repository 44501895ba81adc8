/** Routes of the consultation report. */
import * as z from 'zod/mini';
import { route } from '#shared/http/route.ts';
import { DraftParams } from '#shared/drafts/schema.ts';
import { Report, ReportQuery } from '#shared/reports/schema.ts';

export const getReport = route({
  operationId: 'getReport', method: 'GET', path: '/v1/drafts/{id}/report', fn: 'reports/read', access: 'optional', tag: 'Comments',
  summary: 'The consultation report: participation, poll results, responses, versions and the decision',
  description: 'Public once participation ended (closed, decided or withdrawn); staff may read it at any time. Before that, anyone else gets 409 '
    + '`report-not-available` (an unpublished draft: 404). Counts only: participants are distinct people, never listed, and nobody is named. '
    + '`format=csv` gives the same as one spreadsheet table (UTF-8 with BOM; `record` says what each row counts), texts in `lang`. '
    + 'Its cost does not grow with the number of comments: the counts are kept as comments and responses come.',
  params: DraftParams, query: ReportQuery,
  cacheMaxAge: 60,
  responses: { 200: {
    description: 'The report: JSON, or CSV with `format=csv`',
    schema: Report,
    alternatives: { 'text/csv': z.string().check(z.maxLength(10_000_000)) },
  } },
  errors: { 409: '`report-not-available`: participation is still running (staff can read it already).' },
});

export const reportRoutes = [getReport];
