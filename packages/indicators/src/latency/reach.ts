import type { Site } from '@milli/topology';
import { accessDevice, egressDevice, opticalDevice, type SiteClasses } from '../network/classifySites';
import type { LatencyProbe, Probe } from './LatencyProbe';

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

export function circleReach(probe: LatencyProbe, classes: SiteClasses, boundUs: number): CircleReach[] {
  const deviceOf = new Map(classes.accessPoints.map((ap) => [ap.id, accessDevice(classes.devicesAt(ap.id))]));
  const accessPointOf = new Map([...deviceOf].flatMap(([ap, d]) => (d === undefined ? [] : [[d.id, ap] as const])));
  return classes.dcs.map((dc) => {
    const egress = egressDevice(classes.devicesAt(dc.id));
    const found = new Map<string, Probe | null>();
    if (egress !== undefined) {
      // Farthest first: their paths run through nearer access points, whose optimum may then be proven without a search.
      const order = classes.accessPoints
        .flatMap((ap) => {
          const d = deviceOf.get(ap.id);
          return d === undefined ? [] : [{ ap: ap.id, device: d.id, bound: probe.lowerBoundUs(d.id, egress.id) }];
        })
        .sort((a, b) => b.bound - a.bound || a.ap.localeCompare(b.ap));
      for (const { ap, device } of order) {
        if (found.has(ap)) continue;
        const p = probe.probe(device, egress.id, 'odu', boundUs);
        found.set(ap, p);
        for (let i = 1; p.latencyUs !== null && i < p.devices.length - 1; i++) {
          const other = accessPointOf.get(p.devices[i]!);
          if (other === undefined || found.has(other)) continue;
          const suffix = probe.provenSuffix(p, i);
          if (suffix !== undefined) found.set(other, suffix);
        }
      }
    }
    return {
      dc: dc.id,
      egressDevice: egress?.id ?? null,
      probes: classes.accessPoints.map((ap) => ({ accessPoint: ap.id, probe: found.get(ap.id) ?? null })),
    };
  });
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
