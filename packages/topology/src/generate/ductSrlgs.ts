import { bearingDeg, bearingGap, type LatLon } from '../geo';

/**
 * The shared-duct rule. Cables leaving a site in the same direction run in the same trench for the first stretch,
 * so a dig there cuts them all. At each site, the inter-site fibres are sorted by the bearing toward their far
 * site and grouped into corridors: a corridor holds the fibres whose bearings lie within CORRIDOR_DEG of its first
 * (lowest) bearing, starting after the widest empty gap. Every corridor with two or more fibres is one SRLG,
 * `D-<site>-<n>`, and each of its fibres carries it (a fibre collects the corridors of both its ends).
 * Parallel fibres between the same two sites always share one.
 */
export const CORRIDOR_DEG = 20;

export interface SiteLink {
  /** Far and near sites of the link (order does not matter). */
  a: string;
  b: string;
}

export function ductSrlgs(sites: ReadonlyMap<string, LatLon>, links: readonly SiteLink[], corridorDeg = CORRIDOR_DEG): string[][] {
  const out: string[][] = links.map(() => []);
  const leaving = new Map<string, { link: number; bearing: number }[]>();
  links.forEach((link, i) => {
    const a = sites.get(link.a);
    const b = sites.get(link.b);
    if (a === undefined || b === undefined || link.a === link.b) return;
    for (const [here, there, id] of [
      [a, b, link.a],
      [b, a, link.b],
    ] as const) {
      const list = leaving.get(id) ?? [];
      list.push({ link: i, bearing: bearingDeg(here, there) });
      leaving.set(id, list);
    }
  });
  for (const [site, list] of leaving) {
    if (list.length < 2) continue;
    list.sort((x, y) => x.bearing - y.bearing || x.link - y.link);
    // Start after the widest gap, so no corridor straddles it.
    let start = 0;
    let widest = -1;
    for (let i = 0; i < list.length; i++) {
      const prev = list[(i + list.length - 1) % list.length]!;
      const gap = (list[i]!.bearing - prev.bearing + 360) % 360;
      if (gap > widest) {
        widest = gap;
        start = i;
      }
    }
    const ordered = [...list.slice(start), ...list.slice(0, start)];
    let n = 0;
    let i = 0;
    while (i < ordered.length) {
      const anchor = ordered[i]!.bearing;
      let j = i + 1;
      while (j < ordered.length && bearingGap(anchor, ordered[j]!.bearing) <= corridorDeg) j++;
      if (j - i >= 2) {
        n++;
        for (let k = i; k < j; k++) out[ordered[k]!.link]!.push(`D-${site}-${n}`);
      }
      i = j;
    }
  }
  return out.map((s) => [...new Set(s)].sort());
}
