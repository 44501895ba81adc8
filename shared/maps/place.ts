/**
 * Where things are: the bounding box of geometries, whether one touches a box, and the
 * `bbox` query parameter every list that filters by place takes.
 */
import * as z from 'zod/mini';
import booleanIntersects from '@turf/boolean-intersects';
import type { Box } from '#shared/maps/geohash.ts';
import { positionsOf, type Geometry } from '#shared/maps/geometry.ts';

export type { Box } from '#shared/maps/geohash.ts';

/** The smallest box holding every position of `geometries` (undefined for none). */
export function boxOf(geometries: Geometry[]): Box | undefined {
  let box: [number, number, number, number] | undefined;
  for (const g of geometries) {
    for (const [lon, lat] of positionsOf(g)) {
      if (!box) box = [lon!, lat!, lon!, lat!];
      else box = [Math.min(box[0], lon!), Math.min(box[1], lat!), Math.max(box[2], lon!), Math.max(box[3], lat!)];
    }
  }
  return box;
}

const boxesMeet = (a: Box, b: Box): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
const boxHolds = (outer: Box, inner: Box): boolean => outer[0] <= inner[0] && outer[1] <= inner[1] && inner[2] <= outer[2] && inner[3] <= outer[3];

const boxPolygon = (b: Box) => ({
  type: 'Polygon' as const,
  coordinates: [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]], [b[0], b[1]]]],
});

/** True when `geometry` touches `box` (its edge included): by boxes first, by Turf when only that can tell. */
export function touches(geometry: Geometry, box: Box): boolean {
  const own = boxOf([geometry]);
  if (!own || !boxesMeet(own, box)) return false;
  if (boxHolds(box, own) || geometry.type === 'Point') return true;
  return booleanIntersects(geometry as Parameters<typeof booleanIntersects>[0], boxPolygon(box));
}

/** `?bbox=minLon,minLat,maxLon,maxLat` (WGS 84; a box across the antimeridian is two requests). */
export const BBoxParam = z.pipe(
  z.string().check(
    z.maxLength(200),
    z.refine((s) => parseBox(s) !== undefined, 'bbox is minLon,minLat,maxLon,maxLat: longitudes -180..180, latitudes -90..90, min ≤ max'),
  ),
  z.transform((s) => parseBox(s)!),
).register(z.globalRegistry, {
  description: 'Keep only what lies in this box: `minLon,minLat,maxLon,maxLat` in WGS 84 degrees, e.g. `24.90,60.15,24.98,60.19`.',
  example: '24.90,60.15,24.98,60.19',
});

export function parseBox(text: string): Box | undefined {
  const parts = text.split(',');
  if (parts.length !== 4 || parts.some((p) => !/^\s*-?\d{1,3}(\.\d{1,40})?([eE][-+]?\d{1,3})?\s*$/.test(p))) return undefined;
  const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
  const lonOk = (x: number) => x >= -180 && x <= 180;
  const latOk = (y: number) => y >= -90 && y <= 90;
  if (!lonOk(a) || !lonOk(c) || !latOk(b) || !latOk(d) || a > c || b > d) return undefined;
  return [a, b, c, d];
}
