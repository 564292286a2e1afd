import { area } from '@turf/area';
import { buffer } from '@turf/buffer';
import { convex } from '@turf/convex';
import { featureCollection, multiPoint, point, polygon } from '@turf/helpers';
import { MilliError } from '@milli/core';
import type { Topology } from '@milli/topology';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { MetroArea } from '../model';

export type Rings = [number, number][][];

/**
 * The metro the circles are measured against: the topology's boundary when it has one; otherwise the convex hull
 * of its sites (@turf/convex) buffered by `marginKm` (@turf/buffer), so sites on the hull serve an area too.
 * No sites: no area (the coverage indicator then says it cannot be computed).
 */
export function metroArea(topology: Topology, marginKm: number): MetroArea {
  if (topology.boundary !== undefined) {
    const rings = topology.boundary.coordinates;
    return { source: 'topology', polygons: [rings], areaKm2: area(polygon(rings)) / 1e6 };
  }
  const points = topology.sites.map((s) => [s.lon, s.lat] as [number, number]);
  if (points.length === 0) return { source: 'hull', marginKm, polygons: [], areaKm2: 0 };
  // Fewer than three distinct (or only collinear) positions have no hull: buffer the sites themselves.
  const hull = convex(featureCollection(points.map((p) => point(p)))) ?? multiPoint(points);
  const buffered = buffer(hull, marginKm, { units: 'kilometers' });
  if (buffered === undefined) throw new MilliError('INTERNAL', 'buffering the hull of the sites gave no polygon', { marginKm });
  return { source: 'hull', marginKm, polygons: polygonsOf(buffered), areaKm2: area(buffered) / 1e6 };
}

export function polygonsOf(feature: Feature<Polygon | MultiPolygon>): Rings[] {
  const g = feature.geometry;
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Rings[];
}

export function metroFeature(metro: MetroArea): Feature<Polygon | MultiPolygon> {
  return metro.polygons.length === 1
    ? { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: metro.polygons[0]! } }
    : { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: metro.polygons } };
}
