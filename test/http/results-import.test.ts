import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { staff, useLocalApi } from '../support/local.ts';
import { recordedDecision } from '../support/fixtures.ts';
import { commands, parseCsv } from '#shared/results/import.ts';
import { importRows } from '#infra/local/import-results.ts';

const api = useLocalApi();

/** The import's HTTP client, speaking to this test's runtime as staff. */
const send = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
  const res = await api.request(method, path, { as: staff, body, headers });
  return { status: res.status, body: res.body, replayed: res.headers.get('idempotent-replayed') === 'true' };
};

const results = async (decisionId: string) =>
  (await api.request('GET', `/v1/decisions/${decisionId}/results?limit=100`)).body.items as { id: string; title: { fi: string }; parentId: string | null; progress: number; status: string; version: number }[];

describe('importing results from CSV', () => {
  it('adds a tree of results and reports on them; each bad row fails alone, named by line', async () => {
    // Prepare
    const { decisionId } = await recordedDecision(api);
    const csv = [
      'decisionId;ref;parentId;title_fi;title_sv;weight;status;progress;note_fi',
      `${decisionId};routes;;Pyöräreitit;Cykelrutter;3;;;`,
      `${decisionId};;routes;Rantaraitti;Strandpromenaden;1;completed;100;Valmis`,
      `${decisionId};;routes;Asemanreitti;Stationsrutten;1;in_progress;50;`,
      `${decisionId};;;Talvikunnossapito;Vinterunderhåll;1;in_progress;150;`,
      `01KAP5M0N1P2Q3R4S5T6V7W8X9;;;Väärä päätös;Fel beslut;1;;;`,
      `${decisionId};;nosuchref;Orpo;Föräldralös;1;;;`,
    ].join('\n');
    // Act
    const outcomes = await importRows(commands(parseCsv(csv)), send, 'test-file-1');
    // Assess
    expect(outcomes.map((o) => [o.line, o.ok])).toEqual([[2, true], [3, true], [4, true], [5, false], [6, false], [7, false]]);
    expect(outcomes[3]!.message).toMatch(/progress/);
    expect(outcomes[4]!.message).toMatch(/404/);
    expect(outcomes[5]!.message).toMatch(/parentId/);
    const stored = await results(decisionId);
    expect(stored.map((r) => r.title.fi)).toEqual(['Pyöräreitit', 'Rantaraitti', 'Asemanreitti']);
    expect(stored[0]).toMatchObject({ progress: 75, parentId: null });
    expect(stored[1]).toMatchObject({ parentId: stored[0]!.id, status: 'completed', progress: 100 });
    expect((await api.request('GET', `/v1/decisions/${decisionId}`)).body.implementation).toEqual({ status: 'in_progress', progress: 75 });
  });

  it('running the same file again adds nothing twice', async () => {
    const { decisionId } = await recordedDecision(api);
    const rows = commands(parseCsv(`decisionId,title_fi,progress\n${decisionId},Penkit,20\n${decisionId},Valaisimet,`));
    expect((await importRows(rows, send, 'test-file-2')).every((o) => o.ok)).toBe(true);
    const again = await importRows(rows, send, 'test-file-2');
    expect(again.every((o) => o.ok && /already added/.test(o.message))).toBe(true);
    expect(await results(decisionId)).toHaveLength(2);
  });

  it('a report written against an older version fails that row with 412; the version left empty means the current one', async () => {
    const { decisionId } = await recordedDecision(api);
    const created = await send('POST', `/v1/decisions/${decisionId}/results`, { title: { fi: 'Opasteet' } });
    const id = created.body.id as string;
    await send('PATCH', `/v1/decisions/${decisionId}/results/${id}`, { progress: 10 }, { 'if-match': '"1"' });
    const outcomes = await importRows(commands(parseCsv(
      `decisionId,resultId,progress,version\n${decisionId},${id},30,1\n${decisionId},${id},40,`,
    )), send, 'test-file-3');
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
    expect(outcomes[0]!.message).toMatch(/412/);
    expect((await results(decisionId))[0]).toMatchObject({ progress: 40, version: 3 });
  });

  it('npm run import:results -- FILE runs against a local runtime, printing per-line results and failing with exit code 1', async () => {
    const { decisionId } = await recordedDecision(api);
    const dir = mkdtempSync(join(tmpdir(), 'results-import-'));
    const file = join(dir, 'results.csv');
    writeFileSync(file, `decisionId,title_fi,progress\n${decisionId},Katuvalot,30\n${decisionId},,10\n`);
    const run = promisify(execFile)('npx', ['tsx', 'infra/local/import-results.ts', file], { env: { ...process.env, API_URL: api.url } });
    const error = await run.then(() => undefined, (e: { code: number; stdout: string; stderr: string }) => e);
    expect(error?.code).toBe(1);
    expect(error?.stdout).toMatch(/line 2: added/);
    expect(error?.stderr).toMatch(/line 3: FAILED title/);
    expect(error?.stdout).toMatch(/2 rows: 1 done, 1 failed/);
    expect((await results(decisionId)).map((r) => r.progress)).toEqual([30]);
  });
});
