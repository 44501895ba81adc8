/**
 * Geometry fuzzing: broken GeoJSON, wherever a geometry goes (a draft, a section, an edit, a
 * comment's location), is refused as problem+json (400 or 422), never a 5xx, and stores
 * nothing. And the other way round: any small valid place anywhere on Earth is found by a box
 * around it and not by a box beside it, so the geohash index misses nothing at cell edges.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { geometryErrors, geometryTypes } from '#shared/maps/geometry.ts';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { draftBody, inDays, openDraft } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

// No event pipeline: nothing may write behind a test's back between its two table reads.
const api = useLocalApi({ events: false });

let mapDraft: { id: string; version: number };
beforeAll(async () => {
  mapDraft = await openDraft(api, { mapCommenting: true });
});

const lon = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const position = fc.tuple(lon, lat);
const ring = fc.array(position, { minLength: 3, maxLength: 8 }).map((ps) => [...ps, ps[0]!]);

/** Values that are no coordinate: out of range, not numbers, wrong shapes. */
const notACoordinate = fc.oneof(
  fc.double({ min: 180.000001, max: 1e300, noNaN: true }),
  fc.double({ min: -1e300, max: -180.000001, noNaN: true }),
  fc.constantFrom<unknown>(null, '24.9', true, {}, [], [1], [1, 2, 3, 4], '', 'NaN'),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A geometry broken in one of the ways GeoJSON can be. */
const brokenGeometry: fc.Arbitrary<{ type: string; coordinates: unknown }> = fc.oneof(
  // a type that is not one of ours
  fc.tuple(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('GeometryCollection', 'Feature', 'point', 'POLYGON', 'Circle')), position)
    .map(([type, coordinates]) => ({ type, coordinates })),
  // a position with something that is not a coordinate in it
  fc.tuple(position, fc.nat(1), notACoordinate).map(([p, i, bad]) => ({ type: 'Point', coordinates: Object.assign([...p], { [i]: bad }) })),
  fc.tuple(fc.array(position, { minLength: 2, maxLength: 6 }), fc.nat(5), notACoordinate)
    .map(([ps, i, bad]) => ({ type: 'LineString', coordinates: ps.map((p, j) => (j === i % ps.length ? bad : p)) })),
  // rings left open, or too short
  fc.array(position, { minLength: 3, maxLength: 8 }).filter((ps) => ps[0]![0] !== ps[ps.length - 1]![0]).map((ps) => ({ type: 'Polygon', coordinates: [ps] })),
  fc.array(position, { minLength: 0, maxLength: 2 }).map((ps) => ({ type: 'Polygon', coordinates: [[...ps, ...ps.slice(0, 1)]] })),
  // a line of one position, an empty multi
  position.map((p) => ({ type: 'LineString', coordinates: [p] })),
  fc.constantFrom('MultiPoint', 'MultiLineString', 'MultiPolygon', 'Polygon').map((type) => ({ type, coordinates: [] })),
  // the wrong depth for the type
  fc.tuple(fc.constantFrom(...geometryTypes), ring, fc.integer({ min: -1, max: 2 })).map(([type, r, d]) => ({
    type, coordinates: d < 0 ? r[0] : d === 0 ? r : d === 1 ? [r] : [[[r]]],
  })),
  // anything at all as coordinates
  fc.tuple(fc.constantFrom(...geometryTypes), fc.jsonValue({ maxDepth: 4 })).map(([type, coordinates]) => ({ type, coordinates })),
);

/** Whether the API's own rules would accept it as a geometry (then it is not hostile). */
const acceptable = (g: { type: string; coordinates: unknown }, types: readonly string[] = geometryTypes) =>
  Array.isArray(g.coordinates) && typeof g.type === 'string'
  && geometryErrors(g as { type: string; coordinates: unknown[] }, 'g', { types: types as typeof geometryTypes, maxPositions: 10_000 }).length === 0;

const refused = async (res: { status: number; headers: Headers; text: string }, what: string) => {
  expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
  expect([400, 422]).toContain(res.status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
};

describe('broken geometries are refused and store nothing', () => {
  const where: [string, (g: unknown) => { method: string; path: () => string; body: unknown; headers?: Record<string, string>; as: typeof staff }][] = [
    ['a new draft', (g) => ({ method: 'POST', path: () => '/v1/drafts', body: draftBody({ geometry: g }), as: staff })],
    ['a section', (g) => ({
      method: 'POST', path: () => '/v1/drafts', as: staff,
      body: draftBody({ sections: [{ title: { fi: 'Osa' }, body: { fi: 'Teksti' }, geometry: g }] }),
    })],
    ['an edit', (g) => ({
      method: 'PATCH', path: () => `/v1/drafts/${mapDraft.id}`, as: staff, headers: { 'if-match': `"${mapDraft.version}"` },
      body: { geometry: g, changelog: { fi: 'Alue', sv: 'Område' } },
    })],
    ["a comment's location", (g) => ({
      method: 'POST', path: () => `/v1/drafts/${mapDraft.id}/comments`, as: resident, body: { body: 'Tässä', location: g },
    })],
  ];

  it.each(where)('in %s', async (name, requestFor) => {
    await fc.assert(
      fc.asyncProperty(brokenGeometry, async (geometry) => {
        fc.pre(!acceptable(geometry, name === "a comment's location" ? ['Point', 'Polygon'] : geometryTypes));
        const r = requestFor(geometry);
        const before = await scanTable();
        const res = await api.request(r.method, r.path(), { as: r.as, body: r.body, headers: r.headers });
        await refused(res, `${name}: ${JSON.stringify(geometry).slice(0, 200)}`);
        expect(await scanTable(), `${name} stored something`).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it('a huge number where a coordinate goes is refused', async () => {
    for (const raw of ['1e999', '-1e999', '123456789012345678901234567890']) {
      // Prepare
      const text = JSON.stringify(draftBody({ geometry: { type: 'Point', coordinates: [0, 60] } })).replace('[0,60]', `[${raw},60]`);
      const before = await scanTable();
      // Act
      const res = await api.request('POST', '/v1/drafts', { as: staff, body: text });
      // Assess
      await refused(res, raw);
      expect(await scanTable()).toEqual(before);
    }
  });
});

describe('valid places are found by their box, wherever they are', () => {
  it('a small polygon anywhere is found by a box around it and not by a box beside it', async () => {
    const place = fc.record({
      w: fc.double({ min: -179, max: 178, noNaN: true }),
      s: fc.double({ min: -89, max: 88, noNaN: true }),
      width: fc.double({ min: 0.0001, max: 0.9, noNaN: true }),
      height: fc.double({ min: 0.0001, max: 0.9, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(place, async ({ w, s, width, height }) => {
        // Prepare
        const [e, n] = [w + width, s + height];
        const geometry = { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
        const created = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody({ geometry }) });
        expect(created.status, created.text).toBe(201);
        await api.request('POST', `/v1/drafts/${created.body.id}/publish`, { as: staff, body: { closesAt: inDays(3) } });
        // Act: a box over the middle of its south edge, and one just east of it
        const over = await api.request('GET', `/v1/drafts?bbox=${w + width / 4},${s - 0.5},${w + width / 2},${s + height / 2}&limit=100`);
        const beside = await api.request('GET', `/v1/drafts?bbox=${e + width / 10 + 1e-6},${s},${Math.min(180, e + width + 0.1)},${n}&limit=100`);
        // Assess
        expect([over.status, beside.status], over.text + beside.text).toEqual([200, 200]);
        expect(over.body.items.map((d: { id: string }) => d.id)).toContain(created.body.id);
        expect(beside.body.items.map((d: { id: string }) => d.id)).not.toContain(created.body.id);
      }),
      { numRuns: 15 },
    );
  });
});
