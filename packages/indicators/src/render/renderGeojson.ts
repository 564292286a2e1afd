import { featureCollection } from '@turf/helpers';
import type { Topology } from '@milli/topology';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { IndicatorReport } from '../model';
import { interSiteFibres } from './interSiteFibres';

const shape = (polygons: [number, number][][][]): Polygon | MultiPolygon =>
  polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };

/** For GIS tools (RFC 7946): the metro boundary, each DC's circle (as its member cells), inter-site fibres and sites. */
export function renderGeojson(report: IndicatorReport, topology: Topology): string {
  const cells = new Map(report.serviceAreas.map((a) => [a.accessPoint, a]));
  const uncovered = new Set(report.uncovered);
  const features: Feature[] = [
    {
      type: 'Feature',
      properties: { layer: 'metro', source: report.metro.source, areaKm2: report.metro.areaKm2 },
      geometry: shape(report.metro.polygons),
    },
  ];
  // A circle is the union of its members' cells: one feature per cell carrying the DC's id (dissolve by `dc` in a GIS
  // for one shape). Cells of one circle share edges, so they are not merged into a MultiPolygon, which would be invalid.
  for (const c of report.circles) {
    for (const m of c.members) {
      const cell = cells.get(m.accessPoint);
      if (cell === undefined || cell.polygons.length === 0) continue;
      features.push({
        type: 'Feature',
        properties: { layer: 'circle', dc: c.dc, accessPoint: m.accessPoint, latencyUs: m.latencyUs, cellKm2: cell.areaKm2 },
        geometry: shape(cell.polygons),
      });
    }
  }
  for (const f of interSiteFibres(topology)) {
    features.push({
      type: 'Feature',
      properties: { layer: 'fibre', id: f.id, a: f.a.id, b: f.b.id, lengthKm: f.lengthKm },
      geometry: {
        type: 'LineString',
        coordinates: [
          [f.a.lon, f.a.lat],
          [f.b.lon, f.b.lat],
        ],
      },
    });
  }
  for (const s of topology.sites) {
    features.push({
      type: 'Feature',
      properties: {
        layer: 'site',
        id: s.id,
        kind: s.kind,
        name: s.name,
        ...(s.kind === 'access' ? { covered: !uncovered.has(s.id) } : {}),
      },
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    });
  }
  return `${JSON.stringify(featureCollection(features))}\n`;
}
