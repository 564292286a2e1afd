import type { Geometry } from 'geojson';
import { type GeoProjection, geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Site } from '../api/types';

export const MAP_WIDTH = 760;
export const MAP_HEIGHT = 640;
const MARGIN = 28;

/** A Mercator projection fitted to the sites (no tiles: the sites' own coordinates are the map). */
export function fitProjection(sites: Iterable<Site>): GeoProjection {
  const points = [...sites].map((s) => [s.lon, s.lat]);
  return geoMercator().fitExtent(
    [
      [MARGIN, MARGIN],
      [MAP_WIDTH - MARGIN, MAP_HEIGHT - MARGIN],
    ],
    { type: 'MultiPoint', coordinates: points },
  );
}

/** The SVG path of a straight run between two sites (a fibre or a span of a path). */
export function spanPath(projection: GeoProjection, a: Site, b: Site): string {
  return (
    geoPath(projection)({
      type: 'LineString',
      coordinates: [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ],
    }) ?? ''
  );
}

/** Light in glass: µs per km, the figure the topology package gives the PCE (the API does not send it per fibre). */
export const FIBRE_US_PER_KM = 4.897;

/**
 * GeoJSON (RFC 7946) winds outer rings anticlockwise; d3-geo, working on the sphere, reads a ring by its winding and
 * takes an anticlockwise one as everything outside it. A polygon that comes out larger than a hemisphere is wound the
 * other way, so its rings are reversed before drawing.
 */
export function forSphere(geometry: Geometry): Geometry {
  if ((geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') || geoArea(geometry) <= 2 * Math.PI) return geometry;
  const rewind = (rings: number[][][]) => rings.map((ring) => [...ring].reverse());
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: rewind(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(rewind) };
}
