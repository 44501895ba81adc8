/** Routes of staff exports. */
import * as z from 'zod/mini';
import { route } from '#shared/http/route.ts';
import { DraftParams } from '#shared/drafts/schema.ts';
import { DraftExport, ExportQuery } from '#shared/exports/schema.ts';

const tag = 'Exports';

export const exportDraft = route({
  operationId: 'exportDraft', method: 'GET', path: '/v1/drafts/{id}/export', fn: 'exports/draft', access: 'staff', tag,
  summary: 'Every comment (section, votes, status) and poll totals of a draft, as CSV or JSON',
  description: 'CSV is UTF-8 with a byte order mark, one table whose `record` column says what each row is (comment, poll, poll-option); cells that a spreadsheet would run as formulas are prefixed with an apostrophe.',
  params: DraftParams, query: ExportQuery,
  responses: { 200: {
    description: 'The export: JSON, or CSV with `format=csv`',
    schema: DraftExport,
    alternatives: { 'text/csv': z.string().check(z.maxLength(50_000_000)) },
  } },
});

export const exportRoutes = [exportDraft];
