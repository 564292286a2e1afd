import type { Site } from '@milli/topology';
import { accessDevice, egressDevice, opticalDevice, type SiteClasses } from '../network/classifySites';
import { type LatencyProbe, noPath, type Probe } from './LatencyProbe';
import { SuffixBook } from './SuffixBook';

/** One DC pair of the interconnect matrix and the path behind its figure. */
export interface DcPair {
  a: string;
  b: string;
  probe: Probe;
}

/** The optical (wavelength) latency between every pair of DCs, ROADM to ROADM; DCs without one go OTN to OTN. */
export function dcMatrix(probe: LatencyProbe, classes: SiteClasses): DcPair[] {
  const pairs: DcPair[] = [];
  const dcs = classes.dcs;
  for (let i = 0; i < dcs.length; i++) {
    for (let j = i + 1; j < dcs.length; j++) {
      const [a, b] = [dcs[i]!, dcs[j]!];
      const oa = opticalDevice(classes.devicesAt(a.id));
      const ob = opticalDevice(classes.devicesAt(b.id));
      const p =
        oa !== undefined && ob !== undefined
          ? probe.probe(oa.id, ob.id, 'wavelength')
          : probe.probe(egressDevice(classes.devicesAt(a.id))?.id ?? a.id, egressDevice(classes.devicesAt(b.id))?.id ?? b.id, 'odu');
      pairs.push({ a: a.id, b: b.id, probe: p });
    }
  }
  return pairs;
}

/** Per DC: every access point's probe from the DC's egress transport device (ODU layer, bounded). */
export interface CircleReach {
  dc: string;
  egressDevice: string | null;
  probes: { accessPoint: string; probe: Probe | null }[];
}

/**
 * Each DC's reach, nearest access points first: an access point's optimum is proven without a search when the
 * tails of earlier paths (SuffixBook) reach the PCE's lower bound for it; otherwise the PCE searches, and its path
 * joins the book. Returns the reach and how many optima were proven without a search.
 */
export function circleReach(probe: LatencyProbe, classes: SiteClasses, boundUs: number): { reach: CircleReach[]; proven: number } {
  let proven = 0;
  const reach = classes.dcs.map((dc) => {
    const egress = egressDevice(classes.devicesAt(dc.id));
    const found = new Map<string, Probe | null>();
    if (egress !== undefined) {
      const book = new SuffixBook(probe.graph, egress.id, (from) => probe.lowerBoundUs(from, egress.id));
      const order = classes.accessPoints
        .flatMap((ap) => {
          const d = accessDevice(classes.devicesAt(ap.id));
          return d === undefined ? [] : [{ ap: ap.id, device: d.id, bound: probe.lowerBoundUs(d.id, egress.id) }];
        })
        .sort((a, b) => a.bound - b.bound || a.ap.localeCompare(b.ap));
      for (const { ap, device, bound } of order) {
        const known = bound < boundUs ? book.prove(device) : undefined;
        if (known !== undefined) {
          found.set(ap, known.latencyUs! < boundUs ? known : { ...known, ...notUnder(boundUs, known.latencyUs!) });
          continue;
        }
        const p = probe.probe(device, egress.id, 'odu', boundUs);
        if (p.latencyUs !== null) book.learn(p);
        found.set(ap, p);
      }
      proven += book.proven;
    }
    return {
      dc: dc.id,
      egressDevice: egress?.id ?? null,
      probes: classes.accessPoints.map((ap) => ({ accessPoint: ap.id, probe: found.get(ap.id) ?? null })),
    };
  });
  return { reach, proven };
}

function notUnder(boundUs: number, us: number): Partial<Probe> {
  return {
    ...noPath(),
    failure: { code: 'PCE_LATENCY_BOUND', message: `the optimum is ${us} µs (proven): not under ${boundUs} µs` },
  };
}

/** One-hop access: an OSU line the PCE can route from the access point to some DC's OTN switch within the bound. */
export interface OneHop {
  accessPoint: string;
  /** The first DC (least lower bound first) with such a path, and the path. */
  dc: string | null;
  probe: Probe | null;
  /** Why not, when no DC qualifies. */
  reason?: string;
}

export function oneHopReach(probe: LatencyProbe, classes: SiteClasses, allDcs: Site[], boundUs: number): OneHop[] {
  const targets = allDcs.flatMap((dc) => {
    const egress = egressDevice(classes.devicesAt(dc.id));
    return egress !== undefined && egress.kind !== 'roadm' && egress.kind !== 'oxc' ? [{ dc: dc.id, device: egress.id }] : [];
  });
  return classes.accessPoints.map((ap) => {
    const device = accessDevice(classes.devicesAt(ap.id));
    if (device === undefined) return { accessPoint: ap.id, dc: null, probe: null, reason: 'no OTN or OSU device at the access point' };
    if (targets.length === 0) return { accessPoint: ap.id, dc: null, probe: null, reason: 'no DC has an OTN switch' };
    const ordered = targets
      .map((t) => ({ ...t, bound: probe.lowerBoundUs(device.id, t.device) }))
      .sort((x, y) => x.bound - y.bound || x.dc.localeCompare(y.dc));
    let last: Probe | null = null;
    for (const t of ordered) {
      const p = probe.probe(device.id, t.device, 'osu', boundUs);
      if (p.latencyUs !== null) return { accessPoint: ap.id, dc: t.dc, probe: p };
      last = p;
      // Bounds are sorted: once one reaches the bound, every later DC's does too.
      if (p.boundedOut) break;
    }
    return {
      accessPoint: ap.id,
      dc: null,
      probe: last,
      reason: last?.failure ? `${last.failure.code}: ${last.failure.message}` : 'no DC within the bound',
    };
  });
}
