import { formatBandwidth } from '@milli/core';
import type { ComputedPath, PathHop, PceResult } from './types';

/** Human-readable text of a PCE result: the path(s), what each hop takes, the latency breakdown; or the reason. */
export function formatPathResult(result: PceResult): string {
  const r = result.request;
  const lines: string[] = [];
  const bound = r.maxLatencyUs === null ? 'no bound' : `bound ${us(r.maxLatencyUs)}`;
  lines.push(
    `${r.from} → ${r.to}: ${r.layer}, ${formatBandwidth(r.bandwidthKbps)}, ${bound}, objective ${r.objective}, protection ${r.protection}`,
  );
  if (!result.ok) {
    lines.push(`no path [${result.failure.code}]: ${result.failure.message}`);
    for (const [k, v] of Object.entries(result.failure.evidence)) lines.push(`  ${k}: ${JSON.stringify(v)}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(...formatPath(result.protection ? 'working' : 'path', result.working));
  if (result.protection) {
    lines.push(...formatPath('protection', result.protection));
    for (const t of result.sharedTails ?? []) {
      lines.push(`unprotected access tail: ${t.devices.join(' → ')} over ${t.fibres.join(', ')} (${t.reason})`);
      if (t.srlgs.length > 0) lines.push(`  tail srlgs: ${t.srlgs.join(', ')}`);
    }
    lines.push(
      `pair: ${result.pairGuarantee === 'optimal' ? 'least total latency (proven)' : 'best found before the enumeration cap (not proven optimal)'}`,
    );
  }
  result.alternatives.forEach((a, i) => {
    lines.push(...formatPath(`alternative ${i + 1}`, a));
  });
  return `${lines.join('\n')}\n`;
}

function formatPath(title: string, p: ComputedPath): string[] {
  const out = [
    `${title}: ${us(p.latency.totalUs)} total (fibre ${us(p.latency.fibreUs)}, nodes ${us(p.latency.nodeUs)}), ${p.hopCount} hops, ${p.newLightpaths} new lightpath(s)`,
  ];
  out.push(`  route: ${p.devices.join(' → ')}`);
  for (const h of p.hops) out.push(`  hop ${hopText(h)}`);
  out.push(`  fibres: ${p.latency.fibres.map((f) => `${f.fibre} ${us(f.us)}`).join(', ')}`);
  out.push(`  nodes: ${p.latency.nodes.map((n) => `${n.device} (${n.role}) ${us(n.us)}`).join(', ')}`);
  if (p.srlgs.length > 0) out.push(`  srlgs: ${p.srlgs.join(', ')}`);
  return out;
}

function hopText(h: PathHop): string {
  const take = (x: { slots?: number; osuKbps?: number }) =>
    x.slots !== undefined ? `${x.slots} slot(s)` : x.osuKbps !== undefined ? `OSU ${formatBandwidth(x.osuKbps)}` : '';
  switch (h.kind) {
    case 'span':
      return `${h.from} → ${h.to} over ${h.fibre}: channel ${h.channel}`;
    case 'otu-link':
      return `${h.from} → ${h.to} on OTU link ${h.link}: ${take(h)}`;
    case 'new-lightpath':
      return `${h.from}/${h.fromPort} → ${h.to}/${h.toPort}: NEW OTU link (${h.linkSlots} slots) on channel ${h.channel} via ${h.roadms.join(', ')}: ${take(h)}`;
  }
}

function us(x: number): string {
  return `${Number(x.toFixed(3))} µs`;
}
