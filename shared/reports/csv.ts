/**
 * The consultation report as one spreadsheet table: each row a `record` (what it counts),
 * the thing it is about (`id`, `label` in one language), and its `count` or time. The same
 * spreadsheet-safe CSV as the staff export (BOM, CRLF, formulas neutralised).
 */
import { csv, type Cell } from '#shared/exports/csv.ts';
import type { Localized } from '#shared/schema.ts';
import type { Report } from '#shared/reports/schema.ts';

export const reportCsvHeader = ['record', 'id', 'label', 'count', 'at', 'text'];

const inLanguage = (text: Localized | null | undefined, lang: string): string | null =>
  text ? (text[lang] ?? Object.values(text)[0] ?? null) : null;

export function reportCsv(r: Report, lang: string): string {
  const t = (text: Localized | null | undefined) => inLanguage(text, lang);
  const rows: Cell[][] = [
    ['draft', r.draft.id, t(r.draft.title), null, r.generatedAt, r.draft.status],
    ['participation-comments', r.draft.id, null, r.participation.comments, null, null],
    ['participation-participants', r.draft.id, null, r.participation.participants, null, null],
    ...r.participation.bySection.flatMap((s): Cell[][] => [
      ['section-comments', s.sectionId, t(s.title), s.comments, null, null],
      ['section-participants', s.sectionId, t(s.title), s.participants, null, null],
    ]),
    ...r.polls.flatMap((p): Cell[][] => [
      ['poll', p.id, t(p.question), p.total, null, p.final ? 'final' : 'live'],
      ...p.options.map((o): Cell[] => ['poll-option', o.id, t(o.text), o.count, null, p.id]),
    ]),
    ['responses-answered', r.draft.id, null, r.responses.answered, null, null],
    ['responses-roots', r.draft.id, null, r.responses.roots, null, null],
    ...r.versions.map((v): Cell[] => ['version', String(v.version), null, null, v.at, t(v.changelog)]),
    ...(r.draft.withdrawal ? [['withdrawal', r.draft.id, null, null, r.draft.withdrawal.at, t(r.draft.withdrawal.reason)] as Cell[]] : []),
    ...(r.decision ? [['decision', r.decision.id, r.decision.outcome, null, r.decision.decidedAt, t(r.decision.text)] as Cell[]] : []),
  ];
  return csv(reportCsvHeader, rows);
}
