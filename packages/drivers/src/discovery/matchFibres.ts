import type { DeviceFacts, NeighbourInfo } from '../contract/inventory';
import type { DiscoveredFibre, Disagreement } from './types';

/** Lengths are decimal64 with 3 fraction digits; anything beyond rounding is a real difference. */
export const LENGTH_TOLERANCE_KM = 0.0015;

interface Claim {
  device: string;
  neighbour: NeighbourInfo;
}

const endKey = (device: string, port: string) => `${device}/${port}`;

/**
 * Pure: fibres from both ends' neighbour data. A fibre both ends report is confirmed; one that only one end
 * reports is kept (the end that sees it is evidence) and, when the other end answered, reported as one-sided.
 * Lengths that differ between ends, ids that differ, and a port claimed by two fibres are disagreements.
 */
export function matchFibres(
  facts: readonly DeviceFacts[],
  answered: ReadonlySet<string>,
): { fibres: DiscoveredFibre[]; disagreements: Disagreement[] } {
  const claims = new Map<string, Claim>();
  for (const f of facts) for (const n of f.neighbours) claims.set(endKey(f.device, n.localPort), { device: f.device, neighbour: n });

  const fibres: DiscoveredFibre[] = [];
  const disagreements: Disagreement[] = [];
  const done = new Set<string>();
  // Deterministic order: by device then port, so the same network always yields the same list.
  const ordered = [...claims.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  for (const [here, claim] of ordered) {
    if (done.has(here)) continue;
    const n = claim.neighbour;
    const there = endKey(n.remoteDevice, n.remotePort);
    const back = claims.get(there);
    done.add(here);
    const a = { device: claim.device, port: n.localPort };
    const b = { device: n.remoteDevice, port: n.remotePort };

    if (back && endKey(back.neighbour.remoteDevice, back.neighbour.remotePort) !== here) {
      // The far port says it is joined to somewhere else: both claims stand, neither is trusted as a fibre.
      disagreements.push({
        kind: 'fibre-conflict',
        port: there,
        claims: [`${here} → ${there}`, `${there} → ${endKey(back.neighbour.remoteDevice, back.neighbour.remotePort)}`],
        message: `${here} says it is joined to ${there}, but ${there} says it is joined to ${endKey(back.neighbour.remoteDevice, back.neighbour.remotePort)}`,
      });
      continue;
    }
    const m = back?.neighbour;
    if (m) done.add(there);
    const ids = [...new Set([n.fibreId, m?.fibreId].filter((x): x is string => x !== undefined))];
    const id = ids[0] ?? `fibre:${here.replace('/', ':')}:${there.replace('/', ':')}`;
    if (ids.length > 1)
      disagreements.push({
        kind: 'fibre-id-mismatch',
        fibre: id,
        ids,
        message: `${here} calls the fibre ${ids[0]}, ${there} calls it ${ids[1]}`,
      });

    const lengthKm = n.lengthKm ?? m?.lengthKm ?? 0;
    if (n.lengthKm !== undefined && m?.lengthKm !== undefined && Math.abs(n.lengthKm - m.lengthKm) > LENGTH_TOLERANCE_KM) {
      disagreements.push({
        kind: 'length-mismatch',
        fibre: id,
        aKm: n.lengthKm,
        bKm: m.lengthKm,
        message: `fibre ${id}: ${here} reports ${n.lengthKm} km, ${there} reports ${m.lengthKm} km`,
      });
    }
    const latencyUs = n.measuredLatencyUs ?? m?.measuredLatencyUs;
    const fibre: DiscoveredFibre = { id, a, b, lengthKm, srlgs: [], seenFrom: m ? ['a', 'b'] : ['a'] };
    if (latencyUs !== undefined) fibre.latencyUs = latencyUs;
    fibres.push(fibre);
    if (!m && answered.has(n.remoteDevice)) {
      disagreements.push({
        kind: 'fibre-one-sided',
        fibre: id,
        seenAt: here,
        missingAt: there,
        message: `fibre ${id}: ${here} sees ${there}, but ${there} does not see it`,
      });
    }
  }
  return { fibres, disagreements };
}
