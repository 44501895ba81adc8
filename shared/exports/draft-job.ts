/** The draft export as a job: the same rows as the direct export, page by page into object storage. */
import { getDraft, type DraftItem } from '#shared/drafts/repository.ts';
import type { JobItem } from '#shared/jobs/repository.ts';
import {
  attachmentCells, attachmentRows, commentCells, commentPage, commentRow, csvHeader, csvLines, draftSummary, pollCells, pollRows, sectionsOf,
} from '#shared/exports/draft-export.ts';
import type { ExportSource, ExportState } from '#shared/exports/writer.ts';

export interface DraftExportJob extends JobItem<ExportState> {
  kind: 'draft-export';
  draftId: string;
  format: 'csv' | 'json';
  lang: string;
}

/** Comments read per Query: what one page of the job holds in memory. */
export const exportPageSize = 250;

export const exportFileName = (draft: Pick<DraftItem, 'id' | 'caseId'>) => `draft-${draft.caseId ?? draft.id}`.replace(/[^\w.-]/g, '_');

/** The draft's export, to run as `advanceExport(job, source)`; undefined when the draft is gone. */
export async function draftExportSource(job: DraftExportJob): Promise<ExportSource | undefined> {
  const draft = await getDraft(job.draftId);
  if (!draft) return undefined;
  const at = new Date(job.createdAt);
  const sections = sectionsOf(draft);
  const csv = job.format === 'csv';
  return {
    meta: csv
      ? { contentType: 'text/csv; charset=utf-8', filename: `${exportFileName(draft)}.csv` }
      : { contentType: 'application/json', filename: `${exportFileName(draft)}.json` },
    head: async () => (csv
      ? `\uFEFF${csvLines([csvHeader])}`
      : `{"draft":${JSON.stringify(draftSummary(draft, at))},"exportedAt":${JSON.stringify(job.createdAt)},"comments":[`),
    async page(cursor, rows) {
      const { items, next } = await commentPage(draft.id, cursor, exportPageSize);
      const comments = items.map((c) => commentRow(c, sections));
      const text = csv
        ? csvLines(comments.map((c) => commentCells(c, job.lang)))
        : comments.map((c, i) => `${rows + i > 0 ? ',' : ''}${JSON.stringify(c)}`).join('');
      return { text, rows: comments.length, next };
    },
    async tail() {
      const polls = await pollRows(draft, at);
      const attachments = attachmentRows(draft);
      return csv
        ? csvLines([...polls.flatMap((p) => pollCells(p, job.lang)), ...attachments.map((a) => attachmentCells(a, job.lang))])
        : `],"polls":${JSON.stringify(polls)},"attachments":${JSON.stringify(attachments)}}`;
    },
  };
}
