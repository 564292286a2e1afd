import { type GeoProjection, geoMercator, geoPath } from 'd3-geo';
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
