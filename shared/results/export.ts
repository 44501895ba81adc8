/**
 * A decision's results as CSV in the columns the results import reads (import.ts), so a file
 * exported, edited and imported again changes only what was edited, and one imported again
 * unedited changes nothing. Parents come before their parts (creation order); a result with
 * parts leaves `progress` empty, since its progress is theirs.
 */
import { csv, type Cell } from '#shared/exports/csv.ts';
import type { ResultItem } from '#shared/results/repository.ts';

/** Languages in the deployment's order, then any others the results use. */
const languagesOf = (results: ResultItem[], preferred: string[]): string[] => {
  const used = new Set(results.flatMap((r) => [...Object.keys(r.title), ...Object.keys(r.description ?? {})]));
  return [...preferred.filter((l) => used.has(l)), ...[...used].filter((l) => !preferred.includes(l)).sort()];
};

export const resultColumns = (languages: string[]): string[] => [
  'decisionId', 'externalId', 'resultId', 'parentId',
  ...languages.map((l) => `title_${l}`), ...languages.map((l) => `description_${l}`),
  'startDate', 'endDate', 'weight', 'status', 'progress',
];

export function resultsCsv(results: ResultItem[], preferredLanguages: string[]): string {
  const languages = languagesOf(results, preferredLanguages);
  const rows = results.map((r): Cell[] => [
    r.decisionId, r.externalId, r.id, r.parentId,
    ...languages.map((l) => r.title[l]), ...languages.map((l) => r.description?.[l]),
    r.startDate, r.endDate, r.weight, r.status, r.childCount > 0 ? undefined : r.reported,
  ]);
  return csv(resultColumns(languages), rows);
}
