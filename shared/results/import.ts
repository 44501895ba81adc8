/**
 * Bulk reporting from a spreadsheet (pure): a CSV file becomes one command per row — add a
 * result, or report on one — checked with the API's own schemas, so a bad row is named
 * before anything is sent. Spreadsheets saved in Finnish or Swedish use `;` and decimal
 * commas; both are understood. Columns (header row, any order, case-insensitive):
 *   decisionId            required
 *   externalId            the result's id in the municipality's own system: create or update it
 *                         (PUT …/results/by-external-id/{externalId}); re-running a file changes nothing
 *   resultId              (without externalId) an existing result: report on it; empty: add a new one
 *   ref                   a name for a new row, so later rows can use it as parentId
 *   parentId              an existing result's id, or an earlier row's ref or externalId
 *   title_fi, title_sv …  (also description_<lang>, note_<lang>)
 *   startDate, endDate, weight, status, progress
 *   version               the version the row was written against (If-Match); empty: the current one
 */
import type * as z from 'zod/mini';
import { fieldErrors } from '#shared/http/validate.ts';
import type { FieldError } from '#shared/http/problem.ts';
import { CreateResultBody, ExternalId, PatchResultBody, PutResultBody } from '#shared/results/schema.ts';

/** Parses CSV (RFC 4180: quotes, doubled quotes, line breaks in quotes; BOM; `,` or `;`). */
export function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, '');
  const firstLine = input.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error('the file ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export type Command =
  | { kind: 'create'; decisionId: string; ref?: string; parent?: string; body: CreateResultBody; report?: PatchResultBody }
  | { kind: 'update'; decisionId: string; resultId: string; version?: number; body: PatchResultBody }
  | { kind: 'put'; decisionId: string; externalId: string; parent?: string; body: PutResultBody };

export interface Row {
  /** 1-based line of the row in the file (the header is line 1). */
  line: number;
  command?: Command;
  errors: FieldError[];
}

const scalarColumns = ['decisionid', 'externalid', 'resultid', 'ref', 'parentid', 'startdate', 'enddate', 'weight', 'status', 'progress', 'version'];
const localizedColumn = /^(title|description|note)[_.:]([a-z]{2,3})$/;

/** Columns the file has that mean nothing here: the whole file is refused, rather than data silently dropped. */
export const unknownColumns = (header: string[]): string[] =>
  header.filter((h) => { const k = h.trim().toLowerCase(); return k !== '' && !scalarColumns.includes(k) && !localizedColumn.test(k); });

/** The export (export.ts) prefixes cells a spreadsheet would run as formulas with `'`: read them as they were. */
const unneutralised = (value: string): string => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

const number = (value: string): number | string => {
  const n = Number(value.replace(',', '.'));
  return value.trim() === '' || Number.isNaN(n) ? value : n;
};

/** The commands of a parsed file (header first). */
export function commands(rows: string[][]): Row[] {
  const [header = [], ...data] = rows;
  const keys = header.map((h) => h.trim().toLowerCase());
  const refs = new Set<string>();
  return data.map((cells, index): Row => {
    const line = index + 2;
    const cell = (key: string) => unneutralised((cells[keys.indexOf(key)] ?? '').trim()) || undefined;
    const localized = (field: string) => {
      const entries = keys.flatMap((k, i) => {
        const m = localizedColumn.exec(k);
        const value = unneutralised(cells[i]?.trim() ?? '');
        return m && m[1] === field && value ? [[m[2]!, value] as const] : [];
      });
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    };
    const errors: FieldError[] = [];
    const decisionId = cell('decisionid');
    if (!decisionId) errors.push({ path: 'decisionId', message: 'required' });
    const report = {
      ...(cell('status') ? { status: cell('status') } : {}),
      ...(cell('progress') ? { progress: number(cell('progress')!) } : {}),
      ...(localized('note') ? { note: localized('note') } : {}),
    };
    const details = {
      ...(localized('title') ? { title: localized('title') } : {}),
      ...(localized('description') ? { description: localized('description') } : {}),
      ...(cell('startdate') ? { startDate: cell('startdate') } : {}),
      ...(cell('enddate') ? { endDate: cell('enddate') } : {}),
      ...(cell('weight') ? { weight: number(cell('weight')!) } : {}),
    };
    const check = <S extends z.ZodMiniType>(schema: S, value: unknown): z.output<S> | undefined => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      errors.push(...fieldErrors('row', parsed.error).map((e) => ({ ...e, path: e.path.replace(/^row\.?/, '') || 'row' })));
      return undefined;
    };
    const externalId = cell('externalid');
    if (externalId) {
      check(ExternalId, externalId);
      const parent = cell('parentid');
      const body = check(PutResultBody, { ...details, ...report });
      if (refs.has(externalId)) errors.push({ path: 'externalId', message: 'used by an earlier row' });
      refs.add(externalId);
      if (!body || errors.length > 0 || !decisionId) return { line, errors };
      return { line, errors, command: { kind: 'put', decisionId, externalId, parent, body } };
    }
    const resultId = cell('resultid');
    if (resultId) {
      const version = cell('version') ? Number(cell('version')) : undefined;
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) errors.push({ path: 'version', message: 'a positive whole number' });
      const body = check(PatchResultBody, { ...details, ...report });
      if (!body || errors.length > 0 || !decisionId) return { line, errors };
      return { line, errors, command: { kind: 'update', decisionId, resultId, version, body } };
    }
    const ref = cell('ref');
    const parent = cell('parentid');
    const body = check(CreateResultBody, details);
    const reported = Object.keys(report).length > 0 ? check(PatchResultBody, report) : undefined;
    if (ref && refs.has(ref)) errors.push({ path: 'ref', message: 'used by an earlier row' });
    if (ref) refs.add(ref);
    if (!body || errors.length > 0 || !decisionId) return { line, errors };
    return { line, errors, command: { kind: 'create', decisionId, ref, parent, body, ...(reported ? { report: reported } : {}) } };
  });
}
