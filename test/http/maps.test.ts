/**
 * Maps through the local runtime: geometries on drafts and sections, the bbox filter of the
 * draft list, located comments (by bbox and as GeoJSON) and the 422s of invalid geometry.
 */
import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { commentKey } from '#shared/comments/repository.ts';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { draftBody, openDraft, postComment } from '../support/fixtures.ts';

const api = useLocalApi();

/** A closed ring around the box `[w, s, e, n]`. */
const square = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});
/** A closed ring of `n` positions and the closing one, around a point in Helsinki. */
const circle = (n: number) => {
  const ring = Array.from({ length: n }, (_, i) => [24.94 + Math.cos((2 * Math.PI * i) / n) / 100, 60.17 + Math.sin((2 * Math.PI * i) / n) / 200]);
  return [...ring, ring[0]!];
};
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((d) => d.id);

describe('drafts on the map', () => {
  it('a draft with a polygon is found by a bbox around it and not by one elsewhere', async () => {
    // Prepare
    const draft = await openDraft(api, { geometry: square(24.97, 60.18, 24.99, 60.19) });
    // Act
    const around = await api.request('GET', '/v1/drafts?bbox=24.96,60.17,25.00,60.20');
    const elsewhere = await api.request('GET', '/v1/drafts?bbox=22.20,60.40,22.30,60.50');
    // Assess
    expect(around.status).toBe(200);
    expect(ids(around)).toContain(draft.id);
    expect(ids(elsewhere)).not.toContain(draft.id);
    expect(around.body.items.find((d: { id: string }) => d.id === draft.id).bbox).toEqual([24.97, 60.18, 24.99, 60.19]);
  });

  it('a box that only overlaps part of the polygon finds it; one in the notch of an L does not', async () => {
    // Prepare: an L around (25.10..25.12, 60.20..60.22) missing its north-east quarter
    const ell = { type: 'Polygon', coordinates: [[[25.10, 60.20], [25.12, 60.20], [25.12, 60.21], [25.11, 60.21], [25.11, 60.22], [25.10, 60.22], [25.10, 60.20]]] };
    const draft = await openDraft(api, { geometry: ell });
    // Act
    const edge = await api.request('GET', '/v1/drafts?bbox=25.115,60.195,25.13,60.205');
    const notch = await api.request('GET', '/v1/drafts?bbox=25.113,60.213,25.119,60.219');
    // Assess
    expect(ids(edge)).toContain(draft.id);
    expect(ids(notch)).not.toContain(draft.id);
  });

  it("a section's geometry places its draft too, and the draft shows it on the section", async () => {
    // Prepare
    const body = draftBody();
    body.sections[1] = { ...body.sections[1]!, geometry: { type: 'Point', coordinates: [24.66, 60.21] } } as typeof body.sections[1];
    const draft = await openDraft(api, { sections: body.sections });
    // Act
    const found = await api.request('GET', '/v1/drafts?bbox=24.65,60.20,24.67,60.22&status=open');
    const read = await api.request('GET', `/v1/drafts/${draft.id}`);
    // Assess
    expect(ids(found)).toContain(draft.id);
    expect(read.body.geometry).toBeNull();
    expect(read.body.sections[0].geometry).toBeNull();
    expect(read.body.sections[1].geometry).toEqual({ type: 'Point', coordinates: [24.66, 60.21] });
  });

  it('an unpublished draft is not found by a bbox', async () => {
    // Prepare
    const created = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody({ geometry: square(23.0, 61.0, 23.1, 61.1) }) });
    // Act
    const found = await api.request('GET', '/v1/drafts?bbox=22.9,60.9,23.2,61.2');
    // Assess
    expect(created.status).toBe(201);
    expect(ids(found)).not.toContain(created.body.id);
  });

  it('editing the geometry moves the draft on the map; null removes it', async () => {
    // Prepare
    const draft = await openDraft(api, { geometry: square(26.0, 61.0, 26.1, 61.1) });
    // Act
    const moved = await api.request('PATCH', `/v1/drafts/${draft.id}`, {
      as: staff, headers: { 'if-match': '"1"' },
      body: { geometry: square(27.0, 62.0, 27.1, 62.1), changelog: { fi: 'Alue siirtyi', sv: 'Området flyttades' } },
    });
    const atOld = await api.request('GET', '/v1/drafts?bbox=25.9,60.9,26.2,61.2');
    const atNew = await api.request('GET', '/v1/drafts?bbox=26.9,61.9,27.2,62.2');
    const removed = await api.request('PATCH', `/v1/drafts/${draft.id}`, {
      as: staff, headers: { 'if-match': '"2"' }, body: { geometry: null, changelog: { fi: 'Alue poistettu', sv: 'Området borttaget' } },
    });
    const gone = await api.request('GET', '/v1/drafts?bbox=26.9,61.9,27.2,62.2');
    // Assess
    expect(moved.status).toBe(200);
    expect(moved.body.geometry).toEqual(square(27.0, 62.0, 27.1, 62.1));
    expect(ids(atOld)).not.toContain(draft.id);
    expect(ids(atNew)).toContain(draft.id);
    expect(removed.body.geometry).toBeNull();
    expect(ids(gone)).not.toContain(draft.id);
  });

  it('a bbox list pages newest first with a cursor', async () => {
    // Prepare
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await openDraft(api, { geometry: { type: 'Point', coordinates: [28.5 + i / 100, 63.5] } }));
    // Act
    const first = await api.request('GET', '/v1/drafts?bbox=28.4,63.4,28.6,63.6&limit=2');
    const second = await api.request('GET', `/v1/drafts?bbox=28.4,63.4,28.6,63.6&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    // Assess
    expect(ids(first)).toEqual([made[2]!.id, made[1]!.id]);
    expect(ids(second)).toEqual([made[0]!.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ['an open ring', { type: 'Polygon', coordinates: [[[24.9, 60.1], [25.0, 60.1], [25.0, 60.2], [24.9, 60.2]]] }, 'body.geometry.coordinates.0'],
    ['a longitude out of range', { type: 'Point', coordinates: [181, 60] }, 'body.geometry.coordinates.0'],
    ['a latitude out of range', { type: 'LineString', coordinates: [[24.9, 60.1], [25.0, -91]] }, 'body.geometry.coordinates.1.1'],
    ['an unknown type', { type: 'Circle', coordinates: [24.9, 60.1] }, 'body.geometry.type'],
    ['a collection', { type: 'GeometryCollection', coordinates: [] }, 'body.geometry.type'],
    ['a ring crossing itself', { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] }, 'body.geometry.coordinates'],
    ['too many positions', { type: 'MultiPoint', coordinates: Array.from({ length: 10_001 }, (_, i) => [24 + i / 1e5, 60]) }, 'body.geometry'],
    ['positions of the wrong depth', { type: 'Polygon', coordinates: [[24.9, 60.1], [25.0, 60.1]] }, 'body.geometry.coordinates.0'],
  ])('%s is 422 invalid-geometry naming the path', async (_, geometry, path) => {
    // Act
    const res = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody({ geometry }) });
    // Assess
    expect(res.status, res.text).toBe(res.body?.type?.endsWith('/validation-failed') ? 400 : 422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path).some((p: string) => p.startsWith(path))).toBe(true);
  });

  it('an invalid section geometry is 422 naming the section', async () => {
    // Prepare
    const body = draftBody();
    (body.sections[1] as Record<string, unknown>).geometry = { type: 'Point', coordinates: [24.9] };
    // Act
    const res = await api.request('POST', '/v1/drafts', { as: staff, body });
    // Assess
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/\/invalid-geometry$/);
    expect(res.body.errors[0].path).toBe('body.sections.1.geometry.coordinates');
  });

  it.each(['1,2,3', '25,60,24,61', '-181,0,0,1', 'a,b,c,d', '0,0,0,91'])('bbox=%s is 400', async (bbox) => {
    // Act
    const res = await api.request('GET', `/v1/drafts?bbox=${bbox}`);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('query.bbox');
  });
});

describe('located comments', () => {
  const mapDraft = () => openDraft(api, { mapCommenting: true, geometry: square(24.93, 60.16, 24.96, 60.18) });

  it('a comment with a location comes back by bbox and not by a box elsewhere', async () => {
    // Prepare
    const draft = await mapDraft();
    const here = await postComment(api, draft.id, resident, { body: 'Tähän suojatie', location: { type: 'Point', coordinates: [24.945, 60.17] } });
    const plain = await postComment(api, draft.id, resident, { body: 'Yleisesti hyvä' });
    // Act
    const inBox = await api.request('GET', `/v1/drafts/${draft.id}/comments?bbox=24.94,60.165,24.95,60.175`);
    const away = await api.request('GET', `/v1/drafts/${draft.id}/comments?bbox=24.90,60.10,24.91,60.11`);
    // Assess
    expect(inBox.status).toBe(200);
    expect(ids(inBox)).toEqual([here.id]);
    expect(inBox.body.items[0].location).toEqual({ type: 'Point', coordinates: [24.945, 60.17] });
    expect(ids(away)).toEqual([]);
    expect(ids(inBox)).not.toContain(plain.id);
  });

  it('comments.geojson answers a FeatureCollection of visible located comments', async () => {
    // Prepare
    const draft = await mapDraft();
    const point = await postComment(api, draft.id, resident, { body: 'Puisto tähän', location: { type: 'Point', coordinates: [24.95, 60.17] } });
    const area = await postComment(api, draft.id, resident, {
      body: 'Tämä alue on tulvaherkkä', sectionId: draft.sections[0]!.id, location: square(24.94, 60.16, 24.945, 60.165),
    });
    const removed = await postComment(api, draft.id, resident, { body: 'Poistan tämän', location: { type: 'Point', coordinates: [24.951, 60.171] } });
    await api.request('DELETE', `/v1/drafts/${draft.id}/comments/${removed.id}`, { as: resident });
    await postComment(api, draft.id, resident, { body: 'Ei paikkaa' });
    // Act
    const res = await api.request('GET', `/v1/drafts/${draft.id}/comments.geojson`);
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(res.body.type).toBe('FeatureCollection');
    const byId = Object.fromEntries(res.body.features.map((f: { id: string }) => [f.id, f]));
    expect(Object.keys(byId).sort()).toEqual([point.id, area.id].sort());
    expect(byId[area.id]).toEqual({
      type: 'Feature', id: area.id, geometry: square(24.94, 60.16, 24.945, 60.165),
      properties: { id: area.id, body: 'Tämä alue on tulvaherkkä', votes: 0, sectionId: draft.sections[0]!.id, createdAt: expect.any(String) },
    });
  });

  it('comments.geojson takes a bbox too', async () => {
    // Prepare
    const draft = await mapDraft();
    const west = await postComment(api, draft.id, resident, { location: { type: 'Point', coordinates: [24.931, 60.17] } });
    await postComment(api, draft.id, resident, { location: { type: 'Point', coordinates: [24.959, 60.17] } });
    // Act
    const res = await api.request('GET', `/v1/drafts/${draft.id}/comments.geojson?bbox=24.93,60.16,24.935,60.18`);
    // Assess
    expect(res.body.features.map((f: { id: string }) => f.id)).toEqual([west.id]);
  });

  it('a location on a draft without map commenting is 422', async () => {
    // Prepare
    const draft = await openDraft(api);
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/comments`, {
      as: resident, body: { body: 'Tässä', location: { type: 'Point', coordinates: [24.94, 60.17] } },
    });
    // Assess
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('body.location');
  });

  it.each([
    ['a line', { type: 'LineString', coordinates: [[24.94, 60.17], [24.95, 60.17]] }, 'body.location.type'],
    ['an open ring', { type: 'Polygon', coordinates: [[[24.94, 60.17], [24.95, 60.17], [24.95, 60.18], [24.94, 60.18]]] }, 'body.location.coordinates.0'],
    ['more than 1,000 positions', { type: 'Polygon', coordinates: [circle(1_001)] }, 'body.location.coordinates'],
  ])('a location that is %s is 422 and stores nothing', async (_, location, path) => {
    // Prepare
    const draft = await mapDraft();
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: resident, body: { body: 'Tässä', location } });
    const list = await api.request('GET', `/v1/drafts/${draft.id}/comments`);
    // Assess
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/\/invalid-geometry$/);
    expect(res.body.errors[0].path).toBe(path);
    expect(list.body.items).toEqual([]);
  });

  it('a comment its author deletes keeps no location, nor a place in the index', async () => {
    // Prepare
    const draft = await mapDraft();
    const located = await postComment(api, draft.id, resident, { location: { type: 'Point', coordinates: [24.94, 60.17] } });
    // Act
    await api.request('DELETE', `/v1/drafts/${draft.id}/comments/${located.id}`, { as: resident });
    // Assess
    const item = (await db().send(new GetCommand({ TableName: tableName(), Key: commentKey(draft.id, located.id), ConsistentRead: true }))).Item!;
    expect(item.status).toBe('deleted');
    expect(item).not.toHaveProperty('location');
    expect(item).not.toHaveProperty('gsi3pk');
  });

  it('a reply takes no location', async () => {
    // Prepare
    const draft = await mapDraft();
    const root = await postComment(api, draft.id, resident, { location: { type: 'Point', coordinates: [24.94, 60.17] } });
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/comments`, {
      as: resident, body: { body: 'Samaa mieltä', parentId: root.id, location: { type: 'Point', coordinates: [24.94, 60.17] } },
    });
    // Assess
    expect(res.status).toBe(422);
  });
});
