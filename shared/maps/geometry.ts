/**
 * GeoJSON geometries (RFC 7946, WGS 84 longitude/latitude): what staff and residents may
 * send, and the rules that make one valid. The schema only takes the shape of a geometry;
 * everything a geometry can get wrong (type, nesting, ranges, closed rings, too many
 * positions, rings that touch or cross, holes outside their polygon) is a 422 that names the
 * path, from `geometryErrors`. The simple-features checks are written here with Turf's
 * point-in-polygon rather than taken whole from `@turf/boolean-valid`: that one compares
 * positions with segments quadratically without bound, misses self-crossing rings, and
 * would add 26 KB to each function that validates.
 */
import * as z from 'zod/mini';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { FieldError } from '#shared/http/problem.ts';

export const geometryTypes = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
export type GeometryType = (typeof geometryTypes)[number];

type Position = number[];
export interface Geometry {
  type: GeometryType;
  coordinates: unknown[];
}

/** A geometry as sent: its type and coordinates are checked by the rules, not by the schema. */
export const GeometryInput = z.strictObject({
  type: z.string().check(z.maxLength(32)).register(z.globalRegistry, { description: `One of ${geometryTypes.join(', ')}` }),
  coordinates: z.array(z.unknown()).check(z.maxLength(10_000))
    .register(z.globalRegistry, { description: 'Positions `[longitude, latitude]` (WGS 84), nested as the type says (RFC 7946)' }),
  /** RFC 7946 allows it; it is recomputed, never trusted. */
  bbox: z.optional(z.array(z.number()).check(z.maxLength(6))),
}).register(z.globalRegistry, {
  id: 'GeometryInput',
  description: 'A GeoJSON geometry (RFC 7946): Point, LineString, Polygon or their Multi forms, longitude/latitude in WGS 84, rings closed.',
});

/** A geometry as the API answers it. */
export const Geometry = z.object({
  type: z.enum(geometryTypes),
  coordinates: z.array(z.unknown()).check(z.maxLength(10_000)),
}).register(z.globalRegistry, { id: 'Geometry', description: 'A GeoJSON geometry (RFC 7946), longitude/latitude in WGS 84.' });

/** How deep each type nests its positions. */
const depth: Record<GeometryType, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** The simple-features checks compare every segment with every other: run on polygons up to this size. */
const ogcCheckMaxPositions = 2_000;

export interface GeometryLimits {
  /** Types accepted here (a comment's location: Point and Polygon). */
  types: readonly GeometryType[];
  maxPositions: number;
}

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((n) => typeof n === 'number' && Number.isFinite(n));

/**
 * Why `value` (already shaped by `GeometryInput`) is not a geometry accepted under `limits`,
 * with paths under `path`; empty when it is valid. Never recurses deeper than the type says.
 */
export function geometryErrors(value: { type: string; coordinates: unknown[] }, path: string, limits: GeometryLimits): FieldError[] {
  const type = value.type as GeometryType;
  if (!limits.types.includes(type)) return [{ path: `${path}.type`, message: `must be one of ${limits.types.join(', ')}` }];
  const errors: FieldError[] = [];
  let positions = 0;
  const fail = (at: string, message: string) => {
    if (errors.length < 20) errors.push({ path: at, message });
    return false;
  };
  const position = (p: unknown, at: string): boolean => {
    positions++;
    if (!isPosition(p)) return fail(at, 'a position is [longitude, latitude] or [longitude, latitude, altitude], finite numbers');
    if (p[0]! < -180 || p[0]! > 180) return fail(`${at}.0`, 'longitude must be between -180 and 180');
    if (p[1]! < -90 || p[1]! > 90) return fail(`${at}.1`, 'latitude must be between -90 and 90');
    if (p.length === 3 && Math.abs(p[2]!) > maxAltitude) return fail(`${at}.2`, `altitude must be between -${maxAltitude} and ${maxAltitude} metres`);
    return true;
  };
  const list = (v: unknown, at: string, min: number, what: string): v is unknown[] =>
    Array.isArray(v) ? v.length >= min || fail(at, `${what} needs at least ${min} entries`) : fail(at, `must be an array (${what})`);
  const line = (v: unknown, at: string, min: number) => list(v, at, min, 'positions') && v.every((p, i) => position(p, `${at}.${i}`));
  const ring = (v: unknown, at: string) => {
    if (!line(v, at, 4)) return false;
    const ps = v as Position[];
    const [first, last] = [ps[0]!, ps[ps.length - 1]!];
    return (first[0] === last[0] && first[1] === last[1]) || fail(at, 'a ring must be closed: its last position repeats its first');
  };
  const polygon = (v: unknown, at: string) => list(v, at, 1, 'rings') && v.every((r, i) => ring(r, `${at}.${i}`));
  const c = value.coordinates;
  const at = `${path}.coordinates`;
  switch (type) {
    case 'Point': position(c, at); break;
    case 'MultiPoint': list(c, at, 1, 'points') && c.every((p, i) => position(p, `${at}.${i}`)); break;
    case 'LineString': line(c, at, 2); break;
    case 'MultiLineString': list(c, at, 1, 'lines') && c.every((l, i) => line(l, `${at}.${i}`, 2)); break;
    case 'Polygon': polygon(c, at); break;
    case 'MultiPolygon': list(c, at, 1, 'polygons') && c.every((p, i) => polygon(p, `${at}.${i}`)); break;
  }
  if (errors.length > 0) return errors;
  if (positions > limits.maxPositions) return [{ path: at, message: `at most ${limits.maxPositions} positions (this has ${positions})` }];
  if ((type === 'Polygon' || type === 'MultiPolygon') && positions <= ogcCheckMaxPositions) {
    const polygons = (type === 'Polygon' ? [c] : c) as Position[][][];
    if (!polygons.every(simplePolygon) || !apart(polygons)) {
      return [{ path: at, message: 'not a valid polygon: a ring touches or crosses itself or another ring, or a hole leaves its polygon' }];
    }
  }
  return [];
}

const inside = (p: Position, ring: Position[]) => booleanPointInPolygon(p, { type: 'Polygon', coordinates: [ring] }, { ignoreBoundary: true });

/** No ring turns straight back on itself or meets itself; rings of one polygon do not meet; holes lie in the shell, not in each other. */
const simplePolygon = ([shell, ...holes]: Position[][]): boolean => {
  const rings = [shell!, ...holes];
  if (rings.some((r) => spiked(r) || crossesItself(r))) return false;
  for (let i = 0; i < rings.length; i++) for (let j = i + 1; j < rings.length; j++) if (ringsMeet(rings[i]!, rings[j]!)) return false;
  return holes.every((h, i) => inside(h[0]!, shell!) && holes.every((other, j) => i === j || !inside(h[0]!, other)));
};

/** Polygons of a MultiPolygon do not meet, and one inside another lies in one of its holes. */
const apart = (polygons: Position[][][]): boolean => {
  for (let i = 0; i < polygons.length; i++) {
    for (let j = 0; j < polygons.length; j++) {
      if (i === j) continue;
      const [a, b] = [polygons[i]!, polygons[j]!];
      if (i < j && a.some((ra) => b.some((rb) => ringsMeet(ra, rb)))) return false;
      if (inside(b[0]![0]!, a[0]!) && !a.slice(1).some((hole) => inside(b[0]![0]!, hole))) return false;
    }
  }
  return true;
};

/** A ring that goes out and straight back along itself (a spike or a puncture). */
const spiked = (ring: Position[]): boolean => {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    const [a, b, c] = [ring[(i + n - 1) % n]!, ring[i]!, ring[i + 1]!];
    const back = (b[0]! - a[0]!) * (c[0]! - b[0]!) + (b[1]! - a[1]!) * (c[1]! - b[1]!);
    if (side(a, b, c) === 0 && back < 0) return true;
  }
  return false;
};

/** Two rings that share any point. */
const ringsMeet = (a: Position[], b: Position[]): boolean => {
  for (let i = 0; i < a.length - 1; i++) {
    for (let j = 0; j < b.length - 1; j++) if (segmentsMeet(a[i]!, a[i + 1]!, b[j]!, b[j + 1]!)) return true;
  }
  return false;
};

/** Which side of a→b the point p is on: >0 left, <0 right, 0 on the line. */
const side = (a: Position, b: Position, p: Position) => (b[0]! - a[0]!) * (p[1]! - a[1]!) - (b[1]! - a[1]!) * (p[0]! - a[0]!);
const within = (a: Position, b: Position, p: Position) =>
  Math.min(a[0]!, b[0]!) <= p[0]! && p[0]! <= Math.max(a[0]!, b[0]!) && Math.min(a[1]!, b[1]!) <= p[1]! && p[1]! <= Math.max(a[1]!, b[1]!);

/** Whether segments p1p2 and q1q2 share any point. */
const segmentsMeet = (p1: Position, p2: Position, q1: Position, q2: Position): boolean => {
  const [d1, d2, d3, d4] = [side(q1, q2, p1), side(q1, q2, p2), side(p1, p2, q1), side(p1, p2, q2)];
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && within(q1, q2, p1)) || (d2 === 0 && within(q1, q2, p2)) || (d3 === 0 && within(p1, p2, q1)) || (d4 === 0 && within(p1, p2, q2));
};

/** A closed ring that is not simple: two segments that are not neighbours meet (Turf's check leaves this out). */
const crossesItself = (ring: Position[]): boolean => {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the last segment ends where the first begins
      if (segmentsMeet(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
};

/** Altitudes beyond 100 km are no place on a municipal map. */
const maxAltitude = 100_000;

/** Degrees kept to 1e-9 (well under a millimetre), metres to 1e-3: what the database stores exactly. */
const rounded = (p: Position): Position => p.map((n, i) => {
  const scale = i < 2 ? 1e9 : 1e3;
  const r = Math.round(n * scale) / scale;
  return r === 0 ? 0 : r;
});

/**
 * The geometry as stored and answered: type and coordinates only, each number rounded so
 * that magnitudes a database cannot hold (1e-320) never reach it. Rounding keeps closed
 * rings closed: equal positions round alike.
 */
export function normalized(value: { type: string; coordinates: unknown[] }): Geometry {
  const type = value.type as GeometryType;
  const walk = (v: unknown, d: number): unknown => (d === 0 ? rounded(v as Position) : (v as unknown[]).map((x) => walk(x, d - 1)));
  return { type, coordinates: walk(value.coordinates, depth[type]) as unknown[] };
}

/** Every position of a valid geometry. */
export function positionsOf(geometry: Geometry): Position[] {
  const flat: Position[] = [];
  const walk = (v: unknown, d: number) => {
    if (d === 0) flat.push(v as Position);
    else for (const x of v as unknown[]) walk(x, d - 1);
  };
  walk(geometry.coordinates, depth[geometry.type]);
  return flat;
}
