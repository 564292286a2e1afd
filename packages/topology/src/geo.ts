import type { BoundaryPolygon } from './model';

/** Geography on a sphere: enough for metro distances and dataset imports (error well under the route factor's). */

export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Fibre does not run in straight lines: ducts follow streets, rail and rivers. Metro and national studies put the
 * ratio of route length to great-circle distance at about 1.2–1.5; 1.3 is the common planning assumption (an
 * assumption, used wherever a dataset has no lengths).
 */
export const ROUTE_FACTOR = 1.3;

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** Great-circle distance (haversine), km. */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const y = Math.sin(rad(b.lon - a.lon)) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lon - a.lon));
  return (deg(Math.atan2(y, x)) + 360) % 360;
}

/** The point `km` away from `from` along `bearing` (degrees from north). */
export function destination(from: LatLon, bearing: number, km: number): LatLon {
  const d = km / EARTH_RADIUS_KM;
  const lat1 = rad(from.lat);
  const th = rad(bearing);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(th));
  const lon2 = rad(from.lon) + Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: deg(lat2), lon: ((deg(lon2) + 540) % 360) - 180 };
}

/** Smallest angle between two bearings, degrees in [0, 180]. */
export function bearingGap(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

export const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** A disc as a closed GeoJSON polygon of `vertices` points (counter-clockwise, as RFC 7946 asks of outer rings). */
export function discPolygon(centre: LatLon, radiusKm: number, vertices = 64): BoundaryPolygon {
  const ring: [number, number][] = [];
  for (let i = 0; i < vertices; i++) {
    const p = destination(centre, (360 - (i * 360) / vertices) % 360, radiusKm);
    ring.push([round(p.lon, 6), round(p.lat, 6)]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Convex hull of points as a closed counter-clockwise GeoJSON polygon (planar in lon/lat: fine for a boundary). */
export function hullPolygon(points: LatLon[], marginDeg = 0.05): BoundaryPolygon | undefined {
  const pts = [...new Map(points.map((p) => [`${p.lon},${p.lat}`, [p.lon, p.lat] as [number, number]])).values()].sort(
    (a, b) => a[0] - b[0] || a[1] - b[1],
  );
  if (pts.length < 3) return undefined;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: [number, number][]) => {
    const out: [number, number][] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  const hull = [...half(pts), ...half([...pts].reverse())];
  if (hull.length < 3) return undefined;
  const cx = hull.reduce((s, p) => s + p[0], 0) / hull.length;
  const cy = hull.reduce((s, p) => s + p[1], 0) / hull.length;
  // Push each vertex out a little so sites on the hull lie inside the boundary, not on it.
  const ring = hull.map(([x, y]): [number, number] => {
    const len = Math.hypot(x - cx, y - cy) || 1;
    return [
      round(Math.max(-180, Math.min(180, x + ((x - cx) / len) * marginDeg)), 6),
      round(Math.max(-90, Math.min(90, y + ((y - cy) / len) * marginDeg)), 6),
    ];
  });
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}
