/**
 * `npm run sync:ahjo -- --from FILE_OR_URL [--url http://localhost:3000] [--max-pages N]`:
 * what the scheduled sync does in AWS, into the local runtime.
 *   URL   an Ahjo REST API base (`…/ahjorest/v1`): pulls meetings, cases and decisions changed
 *         since the last run, page by page, resuming at the page a failed run stopped at. The
 *         checkpoint is kept in DATA_DIR/ahjo-sync.json, per base URL; AHJO_API_KEY is sent
 *         as the `api-key` header.
 *   FILE  one page as Ahjo returns it (`{"meetings": [...]}`, `{"cases": [...]}` or
 *         `{"decisions": [...]}`): imports its records.
 * Records go through the import routes over HTTP, like any staff client. Exit code 1 when a
 * page failed or a record was refused.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Problem } from '#shared/http/problem.ts';
import { kinds, readPage, syncAhjo, SyncFailed, type Checkpoint, type Kind, type SyncReport } from '#shared/ahjo/sync.ts';
import { localApi } from '#infra/local/local-api.ts';

const usage = 'usage: npm run sync:ahjo -- --from FILE_OR_URL [--url http://localhost:3000] [--max-pages 50]';

/** Imports one record through the local API; a refusal is a Problem, as the sync expects. */
const importer = (base: string, token: string) => async (kind: Kind, record: unknown) => {
  const res = await fetch(`${base}/v1/imports/ahjo/${kind}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(record),
  });
  const body = (await res.json().catch(() => ({}))) as { outcome?: 'created' | 'updated' | 'unchanged'; title?: string; detail?: string; errors?: unknown };
  if (res.ok && body.outcome) return body.outcome;
  if (res.status >= 400 && res.status < 500) throw new Problem(res.status, 'refused', body.title ?? 'Refused', body.detail, { errors: body.errors ?? [] });
  throw new Error(`the local API answered ${res.status}`);
};

function checkpointFile(baseUrl: string) {
  const dir = process.env.DATA_DIR ?? '.data';
  const file = join(dir, 'ahjo-sync.json');
  const all = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Record<string, Checkpoint>;
  return {
    load: async () => all[baseUrl] ?? {},
    save: async (c: Checkpoint) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, JSON.stringify({ ...all, [baseUrl]: c }, null, 2));
    },
  };
}

async function fromFile(file: string, importRecord: ReturnType<typeof importer>): Promise<SyncReport> {
  const page = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const report: SyncReport = { pages: 1, created: 0, updated: 0, unchanged: 0, rejected: [], done: true };
  const found = kinds.filter((k) => Array.isArray(page[k]));
  if (found.length === 0) throw new Error(`${file} is no Ahjo page: no meetings, cases or decisions list`);
  for (const kind of found) {
    for (const record of readPage(kind, page, `file://${file}`).records) {
      try {
        report[await importRecord(kind, record)]++;
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        report.rejected.push({ kind, message: `${error.detail ?? error.title} ${JSON.stringify(error.extra.errors)}` });
      }
    }
  }
  return report;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, url: { type: 'string' }, 'max-pages': { type: 'string', default: '50' } } });
  if (!values.from) {
    console.error(usage);
    return 2;
  }
  const api = await localApi(values.url ?? `http://localhost:${process.env.PORT ?? 3000}`, 'ahjo-sync');
  try {
    const importRecord = importer(api.base, api.token);
    let report: SyncReport;
    if (/^https?:\/\//.test(values.from)) {
      const key = process.env.AHJO_API_KEY;
      try {
        report = await syncAhjo(values.from, Number(values['max-pages']), {
          async fetchPage(url) {
            const res = await fetch(url, { headers: { accept: 'application/json', ...(key ? { 'api-key': key } : {}) }, signal: AbortSignal.timeout(15_000) });
            if (!res.ok) throw new Error(`${url} answered ${res.status}`);
            return res.json();
          },
          importRecord,
          ...checkpointFile(values.from),
          now: () => new Date(),
        });
      } catch (error) {
        if (!(error instanceof SyncFailed)) throw error;
        console.error(`${error.message}\nThe next run resumes at the page that failed.`);
        report = error.report;
        report.done = false;
      }
    } else {
      report = await fromFile(values.from, importRecord);
    }
    for (const r of report.rejected) console.log(`refused (${r.kind}): ${r.message}`);
    console.log(`${report.pages} pages: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} refused${report.done ? '' : '; not finished, run again to continue'}.`);
    return report.rejected.length > 0 || !report.done ? 1 : 0;
  } finally {
    await api.stop();
  }
}

main().then((code) => process.exit(code), (error: Error) => {
  console.error(`sync failed: ${error.message}`);
  process.exit(1);
});
