/** Routes of staff exports and export jobs (a draft's, or the caller's own data), and the public consultation report. */
import * as z from 'zod/mini';
import { route } from '#shared/http/route.ts';
import { DraftParams } from '#shared/drafts/schema.ts';
import { Report, ReportQuery } from '#shared/reports/schema.ts';
import { DraftExport, DraftExportJobBody, ExportJob, ExportJobParams, ExportQuery, MyExportJobBody } from '#shared/exports/schema.ts';

const tag = 'Exports';
const tooLarge = 'The export would carry more than 1,000 comments or 4 MB: `export-too-large`; `exportJob` names the job route that makes it as a file.';

export const exportDraft = route({
  operationId: 'exportDraft', method: 'GET', path: '/v1/drafts/{id}/export', fn: 'exports/draft', access: 'staff', tag,
  summary: 'Every comment (section, votes, status) and poll totals of a draft, as CSV or JSON',
  description: 'CSV is UTF-8 with a byte order mark, one table whose `record` column says what each row is (comment, poll, poll-option); cells that a spreadsheet would run as formulas are prefixed with an apostrophe. '
    + 'Up to 1,000 comments and 4 MB; a larger draft answers 409 `export-too-large`: use `POST /v1/drafts/{id}/exports`.',
  params: DraftParams, query: ExportQuery,
  responses: { 200: {
    description: 'The export: JSON, or CSV with `format=csv`',
    schema: DraftExport,
    alternatives: { 'text/csv': z.string().check(z.maxLength(50_000_000)) },
  } },
  errors: { 409: tooLarge },
});

const started = { description: 'The job is stored and queued; read it at `Location` until it is `ready`', schema: ExportJob, location: true };

export const startDraftExport = route({
  operationId: 'startDraftExport', method: 'POST', path: '/v1/drafts/{id}/exports', fn: 'exports/jobs', access: 'staff', tag,
  summary: "Make a file of the draft's export (any size) as a job",
  description: 'The same rows as `GET /v1/drafts/{id}/export`, written to object storage page by page. Poll `GET /v1/exports/{id}` for the download link.',
  params: DraftParams, body: DraftExportJobBody, idempotent: true,
  responses: { 202: started },
});

export const startMyExport = route({
  operationId: 'startMyExport', method: 'POST', path: '/v1/me/exports', fn: 'exports/jobs', access: 'resident', tag,
  summary: 'Make a file of everything stored about you (any size) as a job',
  description: 'The same document as `GET /v1/me/export`. Erasing your data deletes these jobs and their files.',
  body: MyExportJobBody, idempotent: true,
  responses: { 202: started },
});

export const getExportJob = route({
  operationId: 'getExportJob', method: 'GET', path: '/v1/exports/{id}', fn: 'exports/jobs', access: 'resident', tag,
  summary: 'An export job you started, with a time-limited download link when ready',
  description: 'Only whoever started the job can read it; anyone else gets 404.',
  params: ExportJobParams,
  responses: { 200: { description: 'The job', schema: ExportJob } },
});

export const getReport = route({
  operationId: 'getReport', method: 'GET', path: '/v1/drafts/{id}/report', fn: 'exports/draft', access: 'optional', tag: 'Comments',
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

export const exportRoutes = [exportDraft, startDraftExport, startMyExport, getExportJob, getReport];
