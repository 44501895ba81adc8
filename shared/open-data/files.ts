/**
 * A dataset's rows as the two published files: CSV (UTF-8 with BOM, the header first, as the
 * staff exports; formula-like cells neutralised) and JSON Lines (one object a row, keyed by the
 * same column names, so both files say the same). Pure.
 */
import { csv, type Cell } from '#shared/exports/csv.ts';
import { header, type Dataset } from '#shared/open-data/datasets.ts';

/** One row: its plain columns, and its localized fields by language. */
export type Row = Record<string, Cell | Record<string, string> | undefined>;

const cells = (d: Dataset, languages: string[], row: Row): Cell[] => [
  ...d.columns.map((c) => row[c] as Cell),
  ...d.localized.flatMap((field) => languages.map((l) => (row[field] as Record<string, string> | undefined)?.[l])),
  ...d.after.map((c) => row[c] as Cell),
];

export const datasetCsv = (d: Dataset, languages: string[], rows: Row[]): string =>
  csv(header(d, languages), rows.map((row) => cells(d, languages, row)));

export const datasetJsonLines = (d: Dataset, languages: string[], rows: Row[]): string => {
  const names = header(d, languages);
  return rows.map((row) => JSON.stringify(Object.fromEntries(cells(d, languages, row).map((v, i) => [names[i], v ?? null])))).join('\n') + (rows.length ? '\n' : '');
};
