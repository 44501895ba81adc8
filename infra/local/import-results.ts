/**
 * `npm run import:results -- FILE`: adds and reports on implementation results from a CSV
 * file (see shared/results/import.ts for the columns), through the HTTP API like any staff
 * client, so every rule, timeline entry and event applies. Each row succeeds or fails on
 * its own; failures are listed by line with the field and the reason. Exit code 1 if any failed.
 *   API_URL    the API (default http://localhost:3000, the local runtime)
 *   API_TOKEN  a staff bearer token; without one, a local runtime is asked for one
 *   --dry-run  check the file only, send nothing
 * Rows with an externalId create or update that result (PUT by external id): running the file
 * again changes nothing. Rows that report on a resultId are skipped when the result already
 * says what they say. Rows that add a result without either send an Idempotency-Key made of
 * the file's hash and the line, so running the same file again within a day adds nothing twice.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { canonicalJson } from '#shared/meetings/rules.ts';
import { commands, parseCsv, unknownColumns, type Command, type Row } from '#shared/results/import.ts';

interface Answer {
  status: number;
  body: any;
  replayed: boolean;
}

type Send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

const client = (base: string, token: string): Send => async (method, path, body, headers = {}) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed, replayed: res.headers.get('idempotent-replayed') === 'true' };
};

/** What went wrong, in the API's words: its field errors, or its title and detail. */
const problem = (a: Answer): string => {
  const errors = (a.body?.errors ?? []) as { path: string; message: string }[];
  if (errors.length > 0) return errors.map((e) => `${e.path.replace(/^body\./, '')}: ${e.message}`).join('; ');
  return `${a.status} ${a.body?.title ?? ''}${a.body?.detail ? ` — ${a.body.detail}` : ''}`.trim();
};

export interface Outcome {
  line: number;
  ok: boolean;
  message: string;
}

/** Carries out the rows in order; a new row's `ref` names its result for later rows' parentId. */
export async function importRows(rows: Row[], send: Send, fileHash: string): Promise<Outcome[]> {
  const refs = new Map<string, string>();
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    if (!row.command) {
      outcomes.push({ line: row.line, ok: false, message: row.errors.map((e) => `${e.path}: ${e.message}`).join('; ') });
      continue;
    }
    try {
      outcomes.push({ line: row.line, ...(await carryOut(row.command, send, refs, `${fileHash}:${row.line}`)) });
    } catch (error) {
      outcomes.push({ line: row.line, ok: false, message: (error as Error).message });
    }
  }
  return outcomes;
}

/** A row that says what the result already is, with no note to add: nothing to send. */
const unchanged = (body: Record<string, unknown>, current: Record<string, unknown>): boolean =>
  body.note === undefined && Object.entries(body).every(([k, v]) => canonicalJson(v) === canonicalJson(k === 'progress' ? current.progress : current[k]));

async function carryOut(c: Command, send: Send, refs: Map<string, string>, key: string): Promise<Omit<Outcome, 'line'>> {
  const base = `/v1/decisions/${encodeURIComponent(c.decisionId)}/results`;
  if (c.kind === 'put') {
    const parentId = c.parent ? (refs.get(c.parent) ?? c.parent) : undefined;
    const put = await send('PUT', `${base}/by-external-id/${encodeURIComponent(c.externalId)}`, { ...c.body, ...(parentId ? { parentId } : {}) });
    if (put.status !== 200 && put.status !== 201) return { ok: false, message: problem(put) };
    refs.set(c.externalId, put.body.id as string);
    const state = `${put.body.status}, ${put.body.progress} %`;
    return { ok: true, message: put.status === 201 ? `added ${c.externalId} as ${put.body.id}: ${state}` : `${c.externalId} is up to date at version ${put.body.version}: ${state}` };
  }
  if (c.kind === 'update') {
    let version = c.version;
    if (version === undefined) {
      const current = await send('GET', `${base}/${encodeURIComponent(c.resultId)}`);
      if (current.status !== 200) return { ok: false, message: problem(current) };
      if (unchanged(c.body, current.body)) return { ok: true, message: `${c.resultId} already says so: unchanged` };
      version = current.body.version as number;
    }
    const patched = await send('PATCH', `${base}/${encodeURIComponent(c.resultId)}`, c.body, { 'if-match': `"${version}"` });
    if (patched.status !== 200) return { ok: false, message: problem(patched) };
    return { ok: true, message: `updated ${c.resultId}: ${patched.body.status}, ${patched.body.progress} %` };
  }
  const parentId = c.parent ? (refs.get(c.parent) ?? c.parent) : undefined;
  const created = await send('POST', base, { ...c.body, ...(parentId ? { parentId } : {}) }, { 'idempotency-key': key });
  if (created.status !== 201) return { ok: false, message: problem(created) };
  if (c.ref) refs.set(c.ref, created.body.id as string);
  if (created.replayed) return { ok: true, message: `already added as ${created.body.id} (same file, same line): unchanged` };
  if (!c.report) return { ok: true, message: `added ${created.body.id}` };
  const reported = await send('PATCH', `${base}/${created.body.id}`, c.report, { 'if-match': `"${created.body.version}"` });
  if (reported.status !== 200) return { ok: false, message: `added ${created.body.id}, but the report failed: ${problem(reported)}` };
  return { ok: true, message: `added ${created.body.id}: ${reported.body.status}, ${reported.body.progress} %` };
}

async function staffToken(base: string): Promise<string> {
  if (process.env.API_TOKEN) return process.env.API_TOKEN;
  const res = await fetch(`${base}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'results-import', name: 'Results import', groups: ['staff'] }),
  }).catch(() => undefined);
  if (!res?.ok) throw new Error(`No API_TOKEN given, and ${base} is not a local runtime that hands out tokens.`);
  return ((await res.json()) as { token: string }).token;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file) {
    console.error('Usage: npm run import:results -- FILE.csv [--dry-run]   (API_URL, API_TOKEN)');
    return 2;
  }
  const text = readFileSync(file, 'utf8');
  const table = parseCsv(text);
  const unknown = unknownColumns(table[0] ?? []);
  if (unknown.length > 0) {
    console.error(`${file}: unknown columns ${unknown.join(', ')}; nothing was imported.`);
    return 1;
  }
  const rows = commands(table);
  const base = (process.env.API_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  const outcomes = values['dry-run']
    ? rows.map((r) => ({ line: r.line, ok: r.errors.length === 0, message: r.errors.map((e) => `${e.path}: ${e.message}`).join('; ') || 'ok' }))
    : await importRows(rows, client(base, await staffToken(base)), createHash('sha256').update(text).digest('base64url').slice(0, 16));
  for (const o of outcomes) (o.ok ? console.log : console.error)(`line ${o.line}: ${o.ok ? '' : 'FAILED '}${o.message}`);
  const failed = outcomes.filter((o) => !o.ok).length;
  console.log(`${outcomes.length} rows: ${outcomes.length - failed} done, ${failed} failed${values['dry-run'] ? ' (dry run)' : ''}.`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then((code) => process.exit(code), (error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
