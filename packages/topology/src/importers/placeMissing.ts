import type { ImportedNode } from './buildImportedTopology';

export interface RawNode {
  key: string;
  name: string;
  lat: number | undefined;
  lon: number | undefined;
}

/**
 * Datasets without lengths need coordinates. A node without them is placed at the mean of its placed neighbours
 * (repeatedly, so chains of unplaced nodes fill in from their ends) and reported; one with no placed neighbour at all
 * cannot be placed and is skipped with its links, and reported.
 */
export function placeMissing(raw: RawNode[], edges: [string, string][], warnings: string[]): ImportedNode[] {
  const placed = new Map<string, { lat: number; lon: number }>();
  for (const n of raw) {
    const ok = n.lat !== undefined && n.lon !== undefined && Math.abs(n.lat) <= 90 && Math.abs(n.lon) <= 180;
    if (ok) placed.set(n.key, { lat: n.lat!, lon: n.lon! });
  }
  const neighbours = new Map<string, string[]>();
  for (const [a, b] of edges) {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  let progress = true;
  while (progress) {
    progress = false;
    for (const n of raw) {
      if (placed.has(n.key)) continue;
      const near = (neighbours.get(n.key) ?? []).map((k) => placed.get(k)).filter((p) => p !== undefined);
      if (near.length === 0) continue;
      const lat = near.reduce((s, p) => s + p.lat, 0) / near.length;
      const lon = near.reduce((s, p) => s + p.lon, 0) / near.length;
      placed.set(n.key, { lat, lon });
      warnings.push(`node ${n.name} has no coordinates: placed at the mean of its ${near.length} located neighbour(s)`);
      progress = true;
    }
  }
  const out: ImportedNode[] = [];
  for (const n of raw) {
    const p = placed.get(n.key);
    if (p === undefined) warnings.push(`node ${n.name} has no coordinates and no located neighbour: skipped with its links`);
    else out.push({ key: n.key, name: n.name, lat: p.lat, lon: p.lon });
  }
  return out;
}
