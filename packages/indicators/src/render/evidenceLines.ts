import type { Indicator } from '../model';

const MAX_ITEMS = 50;
const ms = (us: unknown) => (typeof us === 'number' ? `${(us / 1000).toFixed(3)} ms` : '—');

function cap(lines: string[]): string[] {
  return lines.length <= MAX_ITEMS ? lines : [...lines.slice(0, MAX_ITEMS), `… ${lines.length - MAX_ITEMS} more (see the JSON report)`];
}

type Rows = Record<string, unknown>[];

/** The evidence behind one indicator as short lines (site, path and line ids), for the Markdown and HTML reports. */
export function evidenceLines(indicator: Indicator): string[] {
  if (!indicator.computed) return [indicator.reason ?? ''];
  const e = indicator.evidence;
  switch (indicator.id) {
    case 'dc-interconnect-latency':
      return cap(
        (e.matrix as Rows).map(
          (m) =>
            `${m.a} ↔ ${m.b}: ${ms(m.latencyUs)} (${m.layer}; path ${(m.path as string[]).join(' → ') || (m.failure as { code?: string })?.code})`,
        ),
      );
    case 'important-site-oxc-ratio':
    case 'dc-egress-400g-ratio':
    case 'access-point-100g-otn-ratio':
      return cap([
        ...(e.countedIn as Rows).map((r) => `in: ${r.site} (${(r.devices as string[]).join(', ')})`),
        ...(e.countedOut as Rows).map((r) => `out: ${r.site} (${r.why})`),
      ]);
    case 'latency-circle-coverage':
      return [
        `${(e.coveredKm2 as number).toFixed(1)} km² of ${(e.metroKm2 as number).toFixed(1)} km² (${e.metroBoundary}); ${e.coveredCount} of ${e.accessPointCount} access points`,
        ...cap(
          (e.circles as Rows).map(
            (c) =>
              `${c.dc} (from ${c.egressDevice}): ${c.count} access points, ${(c.areaKm2 as number).toFixed(1)} km²: ${(c.accessPoints as string[]).slice(0, 20).join(', ')}${(c.accessPoints as string[]).length > 20 ? ', …' : ''}`,
          ),
        ),
        ...((e.uncovered as string[]).length > 0 ? [`uncovered: ${(e.uncovered as string[]).slice(0, 40).join(', ')}`] : []),
      ];
    case 'one-hop-access-ratio':
      return cap([
        ...(e.countedOut as Rows).map((r) => `out: ${r.accessPoint} (${r.reason})`),
        ...(e.countedIn as Rows).map((r) => `in: ${r.accessPoint} → ${r.dc} ${ms(r.latencyUs)} (${(r.path as string[]).join(' → ')})`),
      ]);
    case 'dc-interconnect-technique':
      return cap(
        (e.ran as Rows).map((r) => `${r.intent} (line ${r.line}): scheduled, started ${new Date(r.startedAt as number).toISOString()}`),
      );
    case 'all-optical-access':
      return cap(
        (e.lines as Rows).map((r) => `${r.line}: ${r.from} → ${r.to}, ${(r.bandwidthKbps as number) / 1000} Mbit/s, ${ms(r.latencyUs)}`),
      );
    case 'sla-tier-4a':
      return [
        `by kind: ${JSON.stringify(e.byKind)}; by tier: ${JSON.stringify(e.byTier)}; by industry: ${JSON.stringify(e.byIndustry)}`,
        ...cap(
          (e.qualifying as Rows).map((q) => `${q.line}: ${q.kind}, tier ${q.tier}, ${ms(q.latencyUs)}${q.protected ? ', protected' : ''}`),
        ),
      ];
    case 'terminal-to-dc-latency':
      return cap(
        (e.lines as Rows).map((r) => `${r.line}: ${r.from} → ${r.to}: path ${ms(r.pathUs)} + ${ms(r.accessBudgetUs)} = ${ms(r.totalUs)}`),
      );
    case 'service-packages':
      return cap(
        Object.entries(e.byIndustry as Record<string, Rows>).map(
          ([industry, list]) => `${industry}: ${list.map((s) => `${s.package} ${s.intent}`).join(', ')}`,
        ),
      );
  }
}
