import type { Device, Fibre, Topology } from '@milli/topology';
import { LENGTH_TOLERANCE_KM } from './matchFibres';
import type { DiscoveredDevice, DiscoveredFibre, Disagreement } from './types';

const endsKey = (f: Pick<Fibre, 'a' | 'b'>) => [`${f.a.device}/${f.a.port}`, `${f.b.device}/${f.b.port}`].sort().join(' ~ ');

/**
 * Pure: where the discovered network and a topology file disagree: devices and fibres on one side only, ports that
 * differ, lengths that differ. Fibres match by their two ends (either orientation), not by id.
 */
export function compareWithTopology(
  devices: readonly DiscoveredDevice[],
  fibres: readonly DiscoveredFibre[],
  topology: Topology,
  unreachable: ReadonlySet<string>,
): Disagreement[] {
  const out: Disagreement[] = [];
  const found = new Map(devices.map((d) => [d.id, d]));
  const planned = new Map(topology.devices.map((d) => [d.id, d]));
  for (const d of devices) {
    const plan = planned.get(d.id);
    if (!plan) {
      out.push({ kind: 'device-not-in-topology', device: d.id, message: `${d.id} answered but is not in the topology` });
      continue;
    }
    const ports = portsDiffer(plan, d);
    if (ports) out.push(ports);
  }
  for (const d of topology.devices) {
    if (!found.has(d.id) && !unreachable.has(d.id)) {
      out.push({ kind: 'device-not-discovered', device: d.id, message: `${d.id} is in the topology but not in the inventory` });
    }
  }
  const plannedFibres = new Map(topology.fibres.map((f) => [endsKey(f), f]));
  const seen = new Set<string>();
  for (const f of fibres) {
    const key = endsKey(f);
    seen.add(key);
    const plan = plannedFibres.get(key);
    if (!plan) {
      out.push({ kind: 'fibre-not-in-topology', fibre: f.id, message: `fibre ${f.id} (${key}) is not in the topology` });
    } else if (Math.abs(plan.lengthKm - f.lengthKm) > LENGTH_TOLERANCE_KM) {
      out.push({
        kind: 'length-differs-from-topology',
        fibre: f.id,
        discoveredKm: f.lengthKm,
        topologyKm: plan.lengthKm,
        message: `fibre ${f.id}: devices report ${f.lengthKm} km, the topology says ${plan.lengthKm} km`,
      });
    }
  }
  for (const [key, f] of plannedFibres) {
    // With one end silent, half the evidence is missing; the silent device is reported on its own.
    const touchesUnreachable = unreachable.has(f.a.device) || unreachable.has(f.b.device);
    if (!seen.has(key) && !touchesUnreachable)
      out.push({
        kind: 'fibre-not-discovered',
        fibre: f.id,
        message: `fibre ${f.id} (${key}) is in the topology but no device reports it`,
      });
  }
  return out;
}

function portsDiffer(plan: Device, found: DiscoveredDevice): Disagreement | undefined {
  const want = new Map(plan.ports.map((p) => [p.id, p]));
  const have = new Map(found.ports.map((p) => [p.id, p]));
  const missing = [...want.keys()].filter((id) => !have.has(id));
  const unexpected = [...have.keys()].filter((id) => !want.has(id));
  const changed = [...want.values()]
    .filter((p) => {
      const h = have.get(p.id);
      return h !== undefined && (h.kind !== p.kind || (h.rate ?? null) !== (p.rate ?? null) || Boolean(h.osu) !== Boolean(p.osu));
    })
    .map((p) => p.id);
  if (missing.length + unexpected.length + changed.length === 0) return undefined;
  return {
    kind: 'ports-differ',
    device: found.id,
    missing,
    unexpected,
    changed,
    message: `${found.id}: ports differ from the topology (missing ${missing.join(',') || '-'}; unexpected ${unexpected.join(',') || '-'}; changed ${changed.join(',') || '-'})`,
  };
}
