import { describe, expect, it } from 'vitest';
import { coveringCells, enclosingCell, encode, searchPlan } from '#shared/maps/geohash.ts';
import { geometryErrors, geometryTypes } from '#shared/maps/geometry.ts';
import { parseBox, touches } from '#shared/maps/place.ts';

const anyType = { types: geometryTypes, maxPositions: 10_000 };

describe('geohash cells', () => {
  it('encodes as the reference geohash does', () => {
    // Prepare / Act / Assess: well-known hashes
    expect(encode(-5.6, 42.6, 5)).toBe('ezs42');
    expect(encode(10.40744, 57.64911, 11)).toBe('u4pruydqqvj');
  });

  it('the enclosing cell of a box holds both its corners', () => {
    // Act
    const cell = enclosingCell([24.97, 60.18, 24.99, 60.19], 8);
    // Assess
    expect(encode(24.97, 60.18, 8).startsWith(cell)).toBe(true);
    expect(encode(24.99, 60.19, 8).startsWith(cell)).toBe(true);
    expect(cell.length).toBeGreaterThan(2);
  });

  it('a box across the first split has the empty cell', () => {
    expect(enclosingCell([-1, -1, 1, 1], 8)).toBe('');
  });

  it('covering cells are refused beyond the allowed count', () => {
    expect(coveringCells([24.9, 60.1, 25.1, 60.3], 8, 4)).toBeUndefined();
    expect(coveringCells([24.9, 60.1, 25.1, 60.3], 3, 4)).toEqual(['ud9']);
  });

  it('a search plan is bounded whatever the box, and finds a place stored under its enclosing cell', () => {
    // Prepare
    const box = [24.96, 60.17, 25.0, 60.2] as const;
    const place = enclosingCell([24.97, 60.18, 24.99, 60.19], 8);
    // Act
    const plan = searchPlan(box, 8);
    const big = searchPlan([-180, -90, 180, 90], 8);
    // Assess
    expect(plan.length).toBeLessThanOrEqual(4 * 9);
    expect(plan.filter(({ prefix }) => (prefix.endsWith('#') ? `${place}#` === prefix : place.startsWith(prefix)))).toHaveLength(1);
    expect(big).toEqual([{ prefix: '' }]);
  });
});

describe('geometry rules', () => {
  it('a closed polygon in range is valid', () => {
    expect(geometryErrors({ type: 'Polygon', coordinates: [[[24.9, 60.1], [25, 60.1], [25, 60.2], [24.9, 60.1]]] }, 'body.geometry', anyType)).toEqual([]);
  });

  it('a bow tie is not a valid polygon', () => {
    const errors = geometryErrors({ type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] }, 'g', anyType);
    expect(errors).toEqual([{ path: 'g.coordinates', message: expect.stringMatching(/crosses itself/) }]);
  });

  const sq = (w: number, s: number, e: number, n: number) => [[w, s], [e, s], [e, n], [w, n], [w, s]];

  it.each([
    ['a hole outside its shell', { type: 'Polygon', coordinates: [sq(0, 0, 4, 4), sq(5, 5, 6, 6)] }, false],
    ['a hole crossing its shell', { type: 'Polygon', coordinates: [sq(0, 0, 4, 4), sq(3, 3, 5, 5)] }, false],
    ['a hole inside its shell', { type: 'Polygon', coordinates: [sq(0, 0, 4, 4), sq(1, 1, 2, 2)] }, true],
    ['a spike', { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [6, 0], [4, 0], [4, 4], [0, 4], [0, 0]]] }, false],
    ['two polygons that overlap', { type: 'MultiPolygon', coordinates: [[sq(0, 0, 4, 4)], [sq(2, 2, 6, 6)]] }, false],
    ['one polygon inside another', { type: 'MultiPolygon', coordinates: [[sq(0, 0, 4, 4)], [sq(1, 1, 2, 2)]] }, false],
    ['an island in a lake', { type: 'MultiPolygon', coordinates: [[sq(0, 0, 4, 4), sq(1, 1, 3, 3)], [sq(1.5, 1.5, 2.5, 2.5)]] }, true],
    ['two polygons apart', { type: 'MultiPolygon', coordinates: [[sq(0, 0, 1, 1)], [sq(2, 2, 3, 3)]] }, true],
  ])('%s: valid is %s', (_, geometry, valid) => {
    expect(geometryErrors(geometry, 'g', anyType).length === 0).toBe(valid);
  });

  it('deep nesting is refused without descending into it', () => {
    let deep: unknown = [1, 2];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(geometryErrors({ type: 'Point', coordinates: deep as unknown[] }, 'g', anyType)[0]!.path).toBe('g.coordinates');
  });

  it('non-finite numbers are not positions', () => {
    expect(geometryErrors({ type: 'Point', coordinates: [Infinity, 60] }, 'g', anyType)).toHaveLength(1);
  });
});

describe('places and boxes', () => {
  it('parses a bbox and refuses an inverted or out-of-range one', () => {
    expect(parseBox('24.9,60.1,25.0,60.2')).toEqual([24.9, 60.1, 25, 60.2]);
    expect(parseBox('25,60,24,61')).toBeUndefined();
    expect(parseBox('0,0,0,90.5')).toBeUndefined();
    expect(parseBox('1e3,0,0,0')).toBeUndefined();
    expect(parseBox('2.5e-7,0,1,1')).toEqual([2.5e-7, 0, 1, 1]);
    expect(parseBox('Infinity,0,1,1')).toBeUndefined();
  });

  it('a line passing through a box touches it though no position lies inside', () => {
    expect(touches({ type: 'LineString', coordinates: [[0, 5], [10, 5]] }, [4, 4, 6, 6])).toBe(true);
    expect(touches({ type: 'LineString', coordinates: [[0, 0], [10, 0]] }, [4, 4, 6, 6])).toBe(false);
  });
});
