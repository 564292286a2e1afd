import { SLA_TIERS, type SlaTier } from '@milli/intent';
import type { Site } from '@milli/topology';
import type { LiveRecords } from '../inputs';
import type { Indicator } from '../model';
import { indicator } from './catalog';
import { countBy, IN_SERVICE, linesWithTerms, ranAsScheduled, termsOf } from './liveRecords';

const TIERS_4A_UP = new Set(['4A', '5A']);

/** Indicator 3: task-based scheduling validated: data-express tasks that were scheduled and ran at their time. */
export function taskScheduling(live: LiveRecords): Indicator {
  const tasks = live.intents.filter((i) => i.kind === 'data-express');
  const ran = tasks.flatMap((i) => {
    const run = ranAsScheduled(i);
    return run === undefined ? [] : [{ intent: i.id, line: i.line, state: i.state, ...run }];
  });
  return indicator('dc-interconnect-technique', {
    value: ran.length,
    summary: `${ran.length} of ${tasks.length} data-express task(s) were scheduled and ran (task-based scheduling)`,
    evidence: { technique: 'task-based scheduling (data express)', tasks: tasks.length, ran },
    problems: ran.length === 0 ? ['no scheduled data-express task has run yet: task-based scheduling is not validated'] : [],
  });
}

/** Indicator 6: in-service OSU lines (small-granularity OTN, below 1 Gbit/s). */
export function allOpticalAccess(live: LiveRecords): Indicator {
  const osu = live.lines.filter((l) => IN_SERVICE.has(l.state) && l.path?.working.layer === 'osu');
  return indicator('all-optical-access', {
    value: osu.length,
    summary: `${osu.length} OSU line(s) in service`,
    evidence: {
      technique: 'OSU (small-granularity OTN, ITU-T G.709.20)',
      lines: osu.map((l) => ({ line: l.id, from: l.from, to: l.to, bandwidthKbps: l.bandwidthKbps, latencyUs: l.path?.working.latencyUs })),
    },
    problems: osu.length === 0 ? ['no OSU line is in service: all-optical access is not validated'] : [],
  });
}

/**
 * Indicator 7: line kinds with at least one in-service line at 4A or above whose path meets the tier's terms
 * (latency within the tier's bound; 1+1 protection when the tier asks for it). Lines by kind, tier and industry.
 */
export function slaTier4a(live: LiveRecords): Indicator {
  const views = linesWithTerms(live).filter((v) => IN_SERVICE.has(v.line.state));
  const qualifying: Record<string, unknown>[] = [];
  const shortfalls: string[] = [];
  for (const v of views) {
    if (v.tier === undefined || !TIERS_4A_UP.has(v.tier)) continue;
    const tier = SLA_TIERS[v.tier as keyof typeof SLA_TIERS] as SlaTier;
    const latencyUs = v.line.path?.working.latencyUs;
    const protectedPath = v.line.path?.protection !== undefined;
    const why: string[] = [];
    if (latencyUs === undefined) why.push('no path recorded');
    else if (latencyUs > tier.maxLatencyUs) why.push(`latency ${latencyUs} µs over the tier's ${tier.maxLatencyUs} µs`);
    if (tier.protectionRequired !== 'none' && !protectedPath) why.push('no protection path though the tier asks for 1+1');
    if (why.length > 0) shortfalls.push(`line ${v.line.id} (tier ${v.tier}): ${why.join('; ')}`);
    else qualifying.push({ line: v.line.id, kind: v.kind, tier: v.tier, industry: v.industry, latencyUs, protected: protectedPath });
  }
  const kinds = [...new Set(qualifying.map((q) => q.kind as string))];
  return indicator('sla-tier-4a', {
    value: kinds.length,
    summary: `${kinds.length} line kind(s) with an in-service line at 4A or above (${qualifying.length} line(s)); ${views.length} lines in service`,
    evidence: {
      kinds,
      qualifying,
      byKind: countBy(views, (v) => v.kind),
      byTier: countBy(views, (v) => v.tier),
      byIndustry: countBy(views, (v) => v.industry),
    },
    problems: [...shortfalls, ...(kinds.length === 0 ? ['no in-service line meets a 4A or 5A tier'] : [])],
  });
}

/** Indicator 10: each in-service line with a DC end: path latency + the access budget, under the bound. */
export function terminalToDc(
  live: LiveRecords,
  sites: Map<string, Site>,
  siteOfDevice: Map<string, string>,
  budgetUs: number,
  boundUs: number,
): Indicator {
  const target = { op: '<' as const, value: boundUs, unit: 'us' as const };
  const siteOf = (ref: string) => {
    const id = ref.split('/')[0]!;
    return sites.has(id) ? id : siteOfDevice.get(id);
  };
  const isDc = (ref: string) => {
    const s = siteOf(ref);
    return s !== undefined && sites.get(s)?.kind === 'dc';
  };
  const inService = live.lines.filter((l) => IN_SERVICE.has(l.state));
  const toDc = inService.filter((l) => isDc(l.from) || isDc(l.to));
  const rows = toDc.map((l) => {
    const pathUs = l.path?.working.latencyUs;
    const totalUs = pathUs === undefined ? null : pathUs + budgetUs;
    return {
      line: l.id,
      from: l.from,
      to: l.to,
      pathUs: pathUs ?? null,
      accessBudgetUs: budgetUs,
      totalUs,
      pass: totalUs !== null && totalUs < boundUs,
    };
  });
  const worst = rows.length === 0 || rows.some((r) => r.totalUs === null) ? null : Math.max(...rows.map((r) => r.totalUs!));
  const problems = [
    ...rows.filter((r) => r.totalUs === null).map((r) => `line ${r.line} has no recorded path: its latency is unknown`),
    ...rows.filter((r) => r.totalUs !== null && !r.pass).map((r) => `line ${r.line}: ${r.totalUs} µs is not under ${boundUs} µs`),
    ...(rows.length === 0 ? ['no in-service line ends at a DC'] : []),
  ];
  return indicator('terminal-to-dc-latency', {
    value: worst,
    target,
    summary:
      rows.length === 0
        ? 'no in-service line ends at a DC'
        : `worst of ${rows.length} line(s) to a DC: ${worst === null ? 'unknown' : `${(worst / 1000).toFixed(3)} ms`} (path + ${budgetUs} µs access budget)`,
    evidence: {
      accessBudgetUs: budgetUs,
      accessBudget: 'last mile (terminal to CPE) plus the DC internal network, as configured',
      lines: rows,
      linesNotToDc: inService.length - toDc.length,
    },
    problems,
  });
}

/** Indicator 11: distinct industries served by elastic and data-express services that have run. */
export function servicePackages(live: LiveRecords): Indicator {
  const views = new Map(linesWithTerms(live).map((v) => [v.line.id, v]));
  const served = live.intents.filter(
    (i) => (i.kind === 'elastic' || i.kind === 'data-express') && (IN_SERVICE.has(i.state) || i.history.some((t) => t.to === 'active')),
  );
  const byIndustry: Record<string, { package: string; intent: string; line: string | null }[]> = {};
  const unattributed: string[] = [];
  for (const i of served) {
    const industry = termsOf(i).industry ?? (i.line !== null ? views.get(i.line)?.industry : undefined);
    if (industry === undefined) {
      unattributed.push(i.id);
      continue;
    }
    byIndustry[industry] = byIndustry[industry] ?? [];
    byIndustry[industry].push({
      package: i.kind === 'elastic' ? 'elastic bandwidth' : 'data express',
      intent: i.id,
      line: i.line,
    });
  }
  const industries = Object.keys(byIndustry).sort();
  return indicator('service-packages', {
    value: industries.length,
    summary: `${industries.length} industr${industries.length === 1 ? 'y' : 'ies'} served by elastic and data-express services (${served.length} service(s))`,
    evidence: { industries, byIndustry, services: served.length, withoutIndustry: unattributed },
    problems: [
      ...(industries.length < 4 ? [`${industries.length} industries served; the target is 4`] : []),
      ...(unattributed.length > 0 ? [`${unattributed.length} service(s) name no industry: ${unattributed.join(', ')}`] : []),
    ],
  });
}
