import { area } from '@turf/area';
import { featureCollection, point } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { voronoi } from '@turf/voronoi';
import type { Site } from '@milli/topology';
import type { Feature, Polygon } from 'geojson';
import type { MetroArea, ServiceArea } from '../model';
import { insideTest } from './insidePolygon';
import { metroFeature, polygonsOf } from './metroArea';

/**
 * The area each access point serves: its Voronoi cell among all access points (@turf/voronoi, d3's Fortune sweep),
 * clipped to the metro (@turf/intersect), area by @turf/area (on the sphere). The diagram is built in a local
 * equirectangular plane (longitude × cos of the metro's mid latitude) so cells follow ground distance, not degrees;
 * the scaling is linear, so cell edges map back to straight edges in longitude/latitude.
 * Cells wholly inside the metro skip the clipping (insidePolygon.ts). Cells are disjoint, so the area of a union of
 * cells is the sum of their areas.
 */
export function serviceAreas(accessPoints: Site[], metro: MetroArea): ServiceArea[] {
  if (accessPoints.length === 0) return [];
  if (metro.polygons.length === 0) return accessPoints.map((s) => ({ accessPoint: s.id, polygons: [], areaKm2: 0 }));
  const clip = metroFeature(metro);
  const all = metro.polygons.flatMap((p) => p[0] ?? []);
  const lats = [...all.map((c) => c[1]), ...accessPoints.map((s) => s.lat)];
  const lons = [...all.map((c) => c[0]), ...accessPoints.map((s) => s.lon)];
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const pad = 0.1 * Math.max(Math.max(...lats) - Math.min(...lats), Math.max(...lons) - Math.min(...lons), 0.01);
  const bbox: [number, number, number, number] = [
    (Math.min(...lons) - pad) * k,
    Math.min(...lats) - pad,
    (Math.max(...lons) + pad) * k,
    Math.max(...lats) + pad,
  ];
  const whollyInside = insideTest(metro.polygons);
  const cells = voronoi(featureCollection(accessPoints.map((s) => point([s.lon * k, s.lat]))), { bbox });
  return accessPoints.map((site, i) => {
    const cell = cells.features[i];
    // d3 gives no cell to a point that repeats another's position: such an access point serves no area of its own.
    if (cell?.geometry == null) return { accessPoint: site.id, polygons: [], areaKm2: 0 };
    const unprojected: Feature<Polygon> = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: cell.geometry.coordinates.map((ring) => ring.map(([x, y]) => [x! / k, y!])) },
    };
    const ring = unprojected.geometry.coordinates[0] as [number, number][];
    if (whollyInside(ring)) {
      return { accessPoint: site.id, polygons: [[ring]], areaKm2: area(unprojected) / 1e6 };
    }
    const clipped = intersect(featureCollection([unprojected, clip]));
    if (clipped === null) return { accessPoint: site.id, polygons: [], areaKm2: 0 };
    return { accessPoint: site.id, polygons: polygonsOf(clipped), areaKm2: area(clipped) / 1e6 };
  });
}
