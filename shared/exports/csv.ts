/**
 * CSV that spreadsheet programs open correctly and safely: UTF-8 with a byte order mark
 * (Excel otherwise guesses a legacy encoding), CRLF rows, RFC 4180 quoting, and every cell
 * that a spreadsheet would run as a formula (`= + - @`, tab, CR) prefixed with `'`.
 */

export type Cell = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

/** One cell: neutralised if it could run as a formula, quoted if it needs to be. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The document: BOM, header, rows. */
export const csv = (header: string[], rows: Cell[][]): string =>
  `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
