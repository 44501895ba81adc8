import { describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi, type TestApi } from '../support/local.ts';
import * as fixtures from '../support/fixtures.ts';

const api = useLocalApi();

const recordedDecision = async (api: TestApi) => (await fixtures.recordedDecision(api)).decisionId;

const title = (fi: string) => ({ fi, sv: `${fi} (sv)` });

async function addResult(decisionId: string, body: Record<string, unknown>) {
  const res = await api.request('POST', `/v1/decisions/${decisionId}/results`, { as: staff, body });
  if (res.status !== 201) throw new Error(`add result: ${res.status} ${res.text}`);
  return res.body as { id: string; version: number };
}

const patch = (decisionId: string, resultId: string, version: number, body: Record<string, unknown>) =>
  api.request('PATCH', `/v1/decisions/${decisionId}/results/${resultId}`, { as: staff, body, headers: { 'if-match': `"${version}"` } });

const implementation = async (decisionId: string) => (await api.request('GET', `/v1/decisions/${decisionId}`)).body.implementation;

describe('implementation results over HTTP', () => {
  it('staff add a result: planned, at 0, version 1, with a Location and an ETag', async () => {
    const decisionId = await recordedDecision(api);
    const res = await api.request('POST', `/v1/decisions/${decisionId}/results`, {
      as: staff, body: { title: title('Rantaraitti'), startDate: '2027-03-01', endDate: '2027-10-31', weight: 2 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ decisionId, parentId: null, status: 'planned', progress: 0, weight: 2, version: 1, childCount: 0, startDate: '2027-03-01' });
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/v1/decisions/${decisionId}/results/${res.body.id}`);
  });

  it("a parent's progress is the weighted mean of its parts, and the decision rolls up the same way", async () => {
    // Prepare
    const decisionId = await recordedDecision(api);
    const routes = await addResult(decisionId, { title: title('Pyöräreitit'), weight: 3 });
    const winter = await addResult(decisionId, { title: title('Talvikunnossapito'), weight: 1 });
    const shore = await addResult(decisionId, { title: title('Rantaraitti'), parentId: routes.id, weight: 1 });
    const station = await addResult(decisionId, { title: title('Asemanreitti'), parentId: routes.id, weight: 3 });
    // Act
    expect((await patch(decisionId, shore.id, 1, { status: 'completed', progress: 100 })).status).toBe(200);
    expect((await patch(decisionId, station.id, 1, { status: 'in_progress', progress: 20 })).status).toBe(200);
    expect((await patch(decisionId, winter.id, 1, { progress: 50 })).status).toBe(200);
    // Assess: routes = (100*1 + 20*3)/4 = 40; decision = (40*3 + 50*1)/4 = 42.5
    const list = await api.request('GET', `/v1/decisions/${decisionId}/results`);
    const byId = new Map(list.body.items.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(routes.id)).toMatchObject({ progress: 40, childCount: 2 });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([routes.id, winter.id, shore.id, station.id]);
    expect(await implementation(decisionId)).toEqual({ status: 'in_progress', progress: 42.5 });
  });

  it('every change appends a timeline entry, oldest first, with the note', async () => {
    const decisionId = await recordedDecision(api);
    const r = await addResult(decisionId, { title: title('Kyltit') });
    const note = { fi: 'Urakka alkoi', sv: 'Entreprenaden började' };
    await patch(decisionId, r.id, 1, { status: 'in_progress', progress: 10, note });
    await patch(decisionId, r.id, 2, { status: 'delayed' });
    const timeline = await api.request('GET', `/v1/decisions/${decisionId}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.map((e: object) => ({ ...e, id: undefined, at: undefined }))).toEqual([
      { resultId: r.id, status: 'planned', progress: 0, note: null },
      { resultId: r.id, status: 'in_progress', progress: 10, note },
      { resultId: r.id, status: 'delayed', progress: 10, note: null },
    ].map((e) => ({ ...e, id: undefined, at: undefined })));
    const times = timeline.body.items.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('a stale If-Match is 412 and changes nothing; a missing one is 428', async () => {
    const decisionId = await recordedDecision(api);
    const r = await addResult(decisionId, { title: title('Penkit') });
    expect((await patch(decisionId, r.id, 1, { progress: 30 })).status).toBe(200);
    const stale = await patch(decisionId, r.id, 1, { progress: 90 });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(2);
    const missing = await api.request('PATCH', `/v1/decisions/${decisionId}/results/${r.id}`, { as: staff, body: { progress: 90 } });
    expect(missing.status).toBe(428);
    const now = await api.request('GET', `/v1/decisions/${decisionId}/results/${r.id}`);
    expect(now.body).toMatchObject({ progress: 30, version: 2 });
    expect(now.headers.get('etag')).toBe('"2"');
    expect((await api.request('GET', `/v1/decisions/${decisionId}/timeline`)).body.items).toHaveLength(2);
  });

  it('the progress of a result with parts cannot be set: 422, nothing changes', async () => {
    const decisionId = await recordedDecision(api);
    const parent = await addResult(decisionId, { title: title('Kokonaisuus') });
    await addResult(decisionId, { title: title('Osa'), parentId: parent.id });
    const res = await patch(decisionId, parent.id, 1, { progress: 50 });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'body.progress', message: 'derived from the parts' }]);
    expect((await api.request('GET', `/v1/decisions/${decisionId}/results/${parent.id}`)).body).toMatchObject({ progress: 0, version: 1 });
  });

  it('a parent of another decision, a tree too deep or an end before the start is 422', async () => {
    const decisionId = await recordedDecision(api);
    const other = await recordedDecision(api);
    const foreign = await addResult(other, { title: title('Muualla') });
    const unknownParent = await api.request('POST', `/v1/decisions/${decisionId}/results`, { as: staff, body: { title: title('X'), parentId: foreign.id } });
    expect(unknownParent.status).toBe(422);
    expect(unknownParent.body.errors).toEqual([{ path: 'body.parentId', message: 'unknown result' }]);
    let parentId: string | undefined;
    for (let level = 0; level < 4; level++) parentId = (await addResult(decisionId, { title: title(`Taso ${level}`), ...(parentId ? { parentId } : {}) })).id;
    const tooDeep = await api.request('POST', `/v1/decisions/${decisionId}/results`, { as: staff, body: { title: title('Liian syvä'), parentId } });
    expect(tooDeep.status).toBe(422);
    const backwards = await api.request('POST', `/v1/decisions/${decisionId}/results`, {
      as: staff, body: { title: title('Takaperin'), startDate: '2027-05-01', endDate: '2027-04-01' },
    });
    expect(backwards.status).toBe(422);
    expect((await api.request('GET', `/v1/decisions/${decisionId}/results?limit=100`)).body.items).toHaveLength(4);
  });

  it('bad input is 400: progress over 100, an unknown status, an empty patch, an unknown field', async () => {
    const decisionId = await recordedDecision(api);
    const r = await addResult(decisionId, { title: title('Valaistus') });
    for (const body of [{ progress: 101 }, { progress: -1 }, { status: 'done' }, {}, { progress: 10, colour: 'red' }]) {
      const res = await patch(decisionId, r.id, 1, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const noTitle = await api.request('POST', `/v1/decisions/${decisionId}/results`, { as: staff, body: { weight: 1 } });
    expect(noTitle.status).toBe(400);
    expect((await api.request('GET', `/v1/decisions/${decisionId}/results/${r.id}`)).body.version).toBe(1);
  });

  it('only staff report; everyone reads; an unknown decision or result is 404', async () => {
    const decisionId = await recordedDecision(api);
    const r = await addResult(decisionId, { title: title('Opasteet') });
    expect((await api.request('POST', `/v1/decisions/${decisionId}/results`, { as: resident, body: { title: title('X') } })).status).toBe(403);
    expect((await api.request('POST', `/v1/decisions/${decisionId}/results`, { body: { title: title('X') } })).status).toBe(401);
    expect((await api.request('PATCH', `/v1/decisions/${decisionId}/results/${r.id}`, { as: resident, body: { progress: 1 }, headers: { 'if-match': '"1"' } })).status).toBe(403);
    expect((await api.request('GET', `/v1/decisions/${decisionId}/results`)).status).toBe(200);
    const unknown = '01KAP5M0N1P2Q3R4S5T6V7W8X9';
    expect((await api.request('GET', `/v1/decisions/${unknown}/results`)).status).toBe(404);
    expect((await api.request('GET', `/v1/decisions/${unknown}/timeline`)).status).toBe(404);
    expect((await api.request('POST', `/v1/decisions/${unknown}/results`, { as: staff, body: { title: title('X') } })).status).toBe(404);
    expect((await patch(decisionId, unknown, 1, { progress: 5 })).status).toBe(404);
    expect((await api.request('GET', `/v1/decisions/${decisionId}/results/${unknown}`)).status).toBe(404);
  });

  it('a decision without results is planned at 0; an empty list of an existing decision is 200', async () => {
    const decisionId = await recordedDecision(api);
    expect(await implementation(decisionId)).toEqual({ status: 'planned', progress: 0 });
    expect((await api.request('GET', `/v1/decisions/${decisionId}/results`)).body).toEqual({ items: [], nextCursor: null });
  });

  it('siblings updated by many staff members at the same moment roll up exactly', async () => {
    // Prepare: one parent with 12 parts of different weights
    const decisionId = await recordedDecision(api);
    const parent = await addResult(decisionId, { title: title('Ohjelma') });
    const other = await addResult(decisionId, { title: title('Muu'), weight: 2 });
    const parts = [];
    for (let i = 0; i < 12; i++) parts.push({ ...(await addResult(decisionId, { title: title(`Osa ${i}`), parentId: parent.id, weight: (i % 3) + 1 })), weight: (i % 3) + 1, progress: (i * 37) % 101 });
    // Act: every part (and the other top-level result) reported at once
    const responses = await Promise.all([
      ...parts.map((p, i) => api.request('PATCH', `/v1/decisions/${decisionId}/results/${p.id}`, {
        as: { sub: `staff-${i}`, groups: ['staff'] }, body: { status: 'in_progress', progress: p.progress }, headers: { 'if-match': '"1"' },
      })),
      patch(decisionId, other.id, 1, { progress: 10 }),
    ]);
    // Assess
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const parentProgress = parts.reduce((s, p) => s + p.progress * p.weight, 0) / parts.reduce((s, p) => s + p.weight, 0);
    const stored = await api.request('GET', `/v1/decisions/${decisionId}/results/${parent.id}`);
    expect(stored.body.progress).toBe(Math.round(parentProgress * 100) / 100);
    const decision = (parentProgress * 1 + 10 * 2) / 3;
    expect(await implementation(decisionId)).toEqual({ status: 'in_progress', progress: Math.round(decision * 100) / 100 });
    const timeline = await api.request('GET', `/v1/decisions/${decisionId}/timeline?limit=100`);
    expect(timeline.body.items).toHaveLength(2 + 12 + 13);
  });
});
