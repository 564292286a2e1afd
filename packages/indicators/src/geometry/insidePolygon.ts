/**
 * A fast path before clipping, not a replacement for it: most cells lie wholly inside the metro, and clipping
 * them changes nothing. A convex cell is inside a polygon when every cell vertex is inside it and no polygon edge
 * crosses or touches a cell edge; anything else goes to the clipping library.
 */
type Pt = [number, number];

function pointInRings(p: Pt, rings: Pt[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const orient = (a: Pt, b: Pt, c: Pt) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));

/** Whether segments ab and cd meet (touching counts: then the clipping library decides). */
function segmentsMeet(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  const within = (p: Pt, q: Pt, r: Pt) =>
    Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  return (o1 === 0 && within(a, c, b)) || (o2 === 0 && within(a, d, b)) || (o3 === 0 && within(c, a, d)) || (o4 === 0 && within(c, b, d));
}

export function convexCellInside(cell: Pt[], polygons: Pt[][][]): boolean {
  const inSome = (p: Pt) => polygons.some((rings) => pointInRings(p, rings));
  if (!cell.every(inSome)) return false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        for (let j = 0; j + 1 < cell.length; j++) if (segmentsMeet(ring[i]!, ring[i + 1]!, cell[j]!, cell[j + 1]!)) return false;
      }
    }
  }
  return true;
}
