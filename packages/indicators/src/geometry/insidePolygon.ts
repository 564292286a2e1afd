/**
 * A fast path before clipping, not a replacement for it: most cells lie wholly inside the metro, and clipping
 * them changes nothing. A convex cell is inside a polygon when every cell vertex is inside it and no polygon edge
 * crosses or touches a cell edge; anything else goes to the clipping library. Built once per metro, so each cell
 * only compares against the few boundary edges whose box meets its own.
 */
type Pt = [number, number];

interface Edge {
  a: Pt;
  b: Pt;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

const orient = (a: Pt, b: Pt, c: Pt) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
const within = (p: Pt, q: Pt, r: Pt) =>
  Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);

/** Whether segments ab and cd meet (touching counts: then the clipping library decides). */
function segmentsMeet(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && within(a, c, b)) || (o2 === 0 && within(a, d, b)) || (o3 === 0 && within(c, a, d)) || (o4 === 0 && within(c, b, d));
}

export function insideTest(polygons: Pt[][][]): (cell: Pt[]) => boolean {
  const edges: Edge[] = [];
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i]!, ring[i + 1]!];
        edges.push({
          a,
          b,
          minX: Math.min(a[0], b[0]),
          maxX: Math.max(a[0], b[0]),
          minY: Math.min(a[1], b[1]),
          maxY: Math.max(a[1], b[1]),
        });
      }
    }
  }
  // Even-odd over every ring of every polygon: holes subtract, separate polygons add.
  const inside = (p: Pt) => {
    let odd = false;
    for (const { a, b } of edges) {
      if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) odd = !odd;
    }
    return odd;
  };
  return (cell) => {
    let [minX, maxX, minY, maxY] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const [x, y] of cell) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    for (const e of edges) {
      if (e.maxX < minX || e.minX > maxX || e.maxY < minY || e.minY > maxY) continue;
      for (let j = 0; j + 1 < cell.length; j++) if (segmentsMeet(e.a, e.b, cell[j]!, cell[j + 1]!)) return false;
    }
    return cell.every(inside);
  };
}
