/** Rules of a draft's place on the map: which geometries it may carry, checked before anything is stored. */
import type { FieldError } from '#shared/http/problem.ts';
import { geometryErrors, geometryTypes, normalized, type Geometry } from '#shared/maps/geometry.ts';

/** A draft's and each section's geometry: any type, at most 10,000 positions each. */
export const draftGeometryLimits = { types: geometryTypes, maxPositions: 10_000 };

type Sent = { type: string; coordinates: unknown[] };

/** Why the geometries in a create or edit body are not acceptable, with paths; empty when they are. */
export function placeErrors(body: { geometry?: Sent | null; sections?: { geometry?: Sent }[] }): FieldError[] {
  return [
    ...(body.geometry ? geometryErrors(body.geometry, 'body.geometry', draftGeometryLimits) : []),
    ...(body.sections ?? []).flatMap((s, i) => (s.geometry ? geometryErrors(s.geometry, `body.sections.${i}.geometry`, draftGeometryLimits) : [])),
  ].slice(0, 50);
}

/** The geometry as stored, or undefined. */
export const storedGeometry = (g: Sent | null | undefined): Geometry | undefined => (g ? normalized(g) : undefined);
