import { describe, expect, it } from 'vitest';
import { staff, useLocalApi } from '../support/local.ts';
import { recordedDecision } from '../support/fixtures.ts';
import { commands, parseCsv } from '#shared/results/import.ts';
import { importRows } from '#infra/local/import-results.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

const send = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
  const res = await api.request(method, path, { as: staff, body, headers });
  return { status: res.status, body: res.body, replayed: res.headers.get('idempotent-replayed') === 'true' };
};
const put = (decisionId: string, externalId: string, body: unknown) =>
  api.request('PUT', `/v1/decisions/${decisionId}/results/by-external-id/${externalId}`, { as: staff, body });
const collection = async (decisionId: string) => (await scanTable()).filter((i) => i.pk === `DECISION#${decisionId}`);
const title = { fi: 'Rantaraitin pyörätie', sv: 'Cykelbanan längs strandpromenaden' };

describe('results by external id', () => {
  it('the first PUT creates the result; repeating it changes nothing', async () => {
    // Prepare
    const { decisionId } = await recordedDecision(api);
    // Act
    const first = await put(decisionId, 'decidim-17', { title, status: 'in_progress', progress: 30, note: { fi: 'Alkoi.' } });
    const before = await collection(decisionId);
    const again = await put(decisionId, 'decidim-17', { title, status: 'in_progress', progress: 30, note: { fi: 'Alkoi.' } });
    // Assess
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('location')).toBe(`/v1/decisions/${decisionId}/results/${first.body.id}`);
    expect(first.body).toMatchObject({ externalId: 'decidim-17', status: 'in_progress', progress: 30, version: 1, title });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await collection(decisionId)).toEqual(before);
    const timeline = (await api.request('GET', `/v1/decisions/${decisionId}/timeline`)).body.items;
    expect(timeline).toEqual([expect.objectContaining({ resultId: first.body.id, status: 'in_progress', progress: 30, note: { fi: 'Alkoi.' } })]);
  });

  it('a PUT with news updates the same result and appends one timeline entry', async () => {
    const { decisionId } = await recordedDecision(api);
    const first = await put(decisionId, 'decidim-18', { title });
    const res = await put(decisionId, 'decidim-18', { title, status: 'completed', progress: 100 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: first.body.id, status: 'completed', progress: 100, version: 2 });
    expect(res.headers.get('etag')).toBe('"2"');
    expect((await api.request('GET', `/v1/decisions/${decisionId}/timeline`)).body.items).toHaveLength(2);
    expect((await api.request('GET', `/v1/decisions/${decisionId}`)).body.implementation).toEqual({ status: 'completed', progress: 100 });
  });

  it('concurrent PUTs of one new external id create one result', async () => {
    const { decisionId } = await recordedDecision(api);
    const answers = await Promise.all(Array.from({ length: 6 }, () => put(decisionId, 'decidim-19', { title, progress: 5 })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await api.request('GET', `/v1/decisions/${decisionId}/results`)).body.items).toHaveLength(1);
  });

  it('moving a result to another parent, or progress on a result with parts, is 422 and stores nothing', async () => {
    const { decisionId } = await recordedDecision(api);
    const parent = await put(decisionId, 'p', { title });
    await put(decisionId, 'c', { title, parentId: parent.body.id });
    const before = await collection(decisionId);
    const moved = await put(decisionId, 'c', { title, parentId: '01KAP5M0N1P2Q3R4S5T6V7W8X9' });
    const progress = await put(decisionId, 'p', { title, progress: 50 });
    expect([moved.status, progress.status]).toEqual([422, 422]);
    expect(await collection(decisionId)).toEqual(before);
  });

  it('an unknown decision is 404', async () => {
    expect((await put('01KAP5M0N1P2Q3R4S5T6V7W8X9', 'x', { title })).status).toBe(404);
  });
});

describe('results CSV', () => {
  it('exports in the import\'s columns; importing the export again changes nothing', async () => {
    // Prepare: a tree imported from a spreadsheet of the municipality's own system
    const { decisionId } = await recordedDecision(api);
    const sheet = [
      'decisionId;externalId;parentId;title_fi;title_sv;weight;status;progress;note_fi',
      `${decisionId};D-1;;Pyöräreitit;Cykelrutter;3;;;`,
      `${decisionId};D-1.1;D-1;=Rantaraitti;Strandpromenaden;1;completed;100;Valmis`,
      `${decisionId};D-1.2;D-1;Asemanreitti, osa 1;"Stationsrutten ""A""";1;in_progress;50;`,
    ].join('\n');
    const imported = await importRows(commands(parseCsv(sheet)), send, 'sheet-1');
    expect(imported.every((o) => o.ok), JSON.stringify(imported)).toBe(true);
    const rerun = await importRows(commands(parseCsv(sheet)), send, 'sheet-1b');
    expect(rerun.map((o) => o.message).join('\n')).toMatch(/up to date/);
    // Act
    const res = await api.request('GET', `/v1/decisions/${decisionId}/results.csv`);
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(['decisionId', 'externalId', 'resultId', 'parentId', 'title_fi', 'title_sv', 'description_fi', 'description_sv', 'startDate', 'endDate', 'weight', 'status', 'progress']
      .filter((c) => !c.startsWith('description') || rows[0]!.includes(c)));
    expect(rows.slice(1).map((r) => r[1])).toEqual(['D-1', 'D-1.1', 'D-1.2']);
    expect(rows[2]![rows[0]!.indexOf('title_fi')]).toBe("'=Rantaraitti");
    const before = await collection(decisionId);
    const again = await importRows(commands(parseCsv(res.text)), send, 'export-1');
    expect(again.every((o) => o.ok), JSON.stringify(again)).toBe(true);
    expect(await collection(decisionId)).toEqual(before);
    const stored = (await api.request('GET', `/v1/decisions/${decisionId}/results`)).body.items;
    expect(stored.map((r: { title: { fi: string } }) => r.title.fi)).toEqual(['Pyöräreitit', '=Rantaraitti', 'Asemanreitti, osa 1']);
  });

  it('a results file of an unknown decision is 404', async () => {
    expect((await api.request('GET', '/v1/decisions/01KAP5M0N1P2Q3R4S5T6V7W8X9/results.csv')).status).toBe(404);
  });
});
