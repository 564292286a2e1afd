import type {
  AccessLineDocument,
  DataExpressDocument,
  DcInterconnectDocument,
  ElasticDocument,
  IntentDocument,
  IntentKind,
  ReleaseDocument,
} from '../document';
import type { Endpoint, Intent } from '../intent';
import { MAX_REQUEST_KBPS, OSU_MIN_KBPS, WAVELENGTH_MIN_KBPS } from '../serviceClass';
import { bestTierFor, DEFAULT_SLA_TIER, protectionMeetsTier, SLA_TIERS } from '../slaTiers';
import { clip } from '../text/TokenCursor';
import type { ProblemList } from './ProblemList';
import { volumeToBandwidth } from '../compile/volumeToBandwidth';
import { formatDuration, readBandwidth, readInstant, readLatency, readVolume, readWindow, type TimeOptions } from './quantities';
import { formatBandwidth, formatLatency } from '@milli/core';
import { readSchedule } from '../calendar/readSchedule';

/**
 * Document → checked intent, without the network: units, times, defaults, the intent's own consistency
 * (tier terms, bandwidth ranges, distinct ends). One normaliser per kind, chosen from a table.
 * Returns undefined when it recorded problems.
 */
export function normalizeDocument(document: IntentDocument, problems: ProblemList, options: TimeOptions): Intent | undefined {
  const normalize = NORMALIZERS[document.kind] as (d: IntentDocument, p: ProblemList, o: TimeOptions) => Intent | undefined;
  return normalize(document, problems, options);
}

const NORMALIZERS: { [K in IntentKind]: (d: Extract<IntentDocument, { kind: K }>, p: ProblemList, o: TimeOptions) => Intent | undefined } =
  {
    'access-line': accessLine,
    'dc-interconnect': dcInterconnect,
    'data-express': dataExpress,
    elastic,
    release,
  };

function accessLine(d: AccessLineDocument, problems: ProblemList, options: TimeOptions): Intent | undefined {
  const terms = connectionTerms(d, problems);
  const schedule = d.schedule === undefined ? undefined : readSchedule(problems, d.schedule, options);
  const bandwidthKbps = readBandwidth(problems, '/bandwidth', d.bandwidth);
  if (bandwidthKbps !== undefined && bandwidthKbps < OSU_MIN_KBPS) {
    problems.add(
      '/bandwidth',
      `bandwidth ${clip(d.bandwidth)}`,
      `: below the smallest OSU (${formatBandwidth(OSU_MIN_KBPS)}); ask for at least 2Mbps`,
      (w) => `带宽 ${clip(d.bandwidth)}${w}低于最小 OSU（${formatBandwidth(OSU_MIN_KBPS)}）：请至少 2Mbps`,
    );
  }
  if (bandwidthKbps !== undefined && bandwidthKbps >= WAVELENGTH_MIN_KBPS) {
    problems.add(
      '/bandwidth',
      `bandwidth ${clip(d.bandwidth)}`,
      ': access lines stop below 100 Gbit/s; 100 Gbit/s and more is a wavelength, which only a DC interconnect gets',
      (w) => `带宽 ${clip(d.bandwidth)}${w}：接入专线低于 100 Gbit/s；100 Gbit/s 及以上是波长，只用于数据中心互联`,
    );
  }
  if (!terms || bandwidthKbps === undefined || !problems.empty) return undefined;
  return {
    kind: 'access-line',
    ...terms,
    bandwidthKbps,
    ...(d.industry ? { industry: d.industry } : {}),
    ...(schedule ? { schedule } : {}),
    ...(d.revertive ? { revertive: true as const } : {}),
  };
}

function dcInterconnect(d: DcInterconnectDocument, problems: ProblemList, options: TimeOptions): Intent | undefined {
  const terms = connectionTerms(d, problems);
  const schedule = d.schedule === undefined ? undefined : readSchedule(problems, d.schedule, options);
  const rate = d.rate ?? 'wavelength';
  let bandwidthKbps: number | undefined;
  if (rate.toLowerCase() === 'wavelength') bandwidthKbps = WAVELENGTH_MIN_KBPS;
  else {
    bandwidthKbps = readBandwidth(problems, '/rate', rate);
    if (bandwidthKbps !== undefined && bandwidthKbps !== 100_000_000 && bandwidthKbps !== 400_000_000) {
      problems.add(
        '/rate',
        `rate ${clip(rate)}`,
        ': a DC interconnect is one wavelength at 100G (OTU4) or 400G (OTUC4)',
        (w) => `速率 ${clip(rate)}${w}：数据中心互联是一个 100G（OTU4）或 400G（OTUC4）波长`,
      );
      bandwidthKbps = undefined;
    }
  }
  if (!terms || bandwidthKbps === undefined || !problems.empty) return undefined;
  // Indicator 1: DC-to-DC optical one-way latency under 1 ms; the bound when the intent states none.
  const maxLatencyUs = Math.min(terms.maxLatencyUs ?? DCI_DEFAULT_LATENCY_US, SLA_TIERS[terms.tier].maxLatencyUs);
  return {
    kind: 'dc-interconnect',
    ...terms,
    maxLatencyUs,
    bandwidthKbps,
    ...(schedule ? { schedule } : {}),
    ...(d.revertive ? { revertive: true as const } : {}),
  };
}

/** A DC interconnect with no stated bound gets indicator 1's: under 1 ms one way. */
export const DCI_DEFAULT_LATENCY_US = 1000;

function dataExpress(d: DataExpressDocument, problems: ProblemList, options: TimeOptions): Intent | undefined {
  const terms = connectionTerms(d, problems);
  const volumeBytes = readVolume(problems, '/volume', d.volume);
  const window = readWindow(problems, d, options, {
    subject: 'a data express needs a deadline',
    fix: 'add \'by 2026-12-01T06:00Z\' or \'within 6h\' (JSON: "end" or "within")',
    zh: (w) => `数据快递需要截止时间${w}：请补充 '截止2026-12-01T06:00Z' 或 '限时6小时'`,
  });
  if (volumeBytes !== undefined && window && window.end !== null) {
    const result = volumeToBandwidth(volumeBytes, window.end - window.start);
    if (!result.ok) {
      problems.add(
        '/volume',
        `volume ${clip(d.volume)}`,
        ` needs ${formatBandwidth(Math.ceil(result.neededKbps))} over its window, more than one 400G wavelength: allow at least ${formatDuration(result.minWindowMs)}`,
        (w) =>
          `数据量 ${clip(d.volume)}${w}在其时间窗口内需要 ${formatBandwidth(Math.ceil(result.neededKbps))}，超过一个 400G 波长：请至少留出 ${formatDuration(result.minWindowMs)}`,
      );
    }
  }
  if (!terms || volumeBytes === undefined || !window || window.end === null || !problems.empty) return undefined;
  return {
    kind: 'data-express',
    ...terms,
    volumeBytes,
    start: window.start,
    end: window.end,
    ...(d.industry ? { industry: d.industry } : {}),
  };
}

function elastic(d: ElasticDocument, problems: ProblemList, options: TimeOptions): Intent | undefined {
  const bandwidthKbps = readBandwidth(problems, '/bandwidth', d.bandwidth);
  if (bandwidthKbps !== undefined && bandwidthKbps < OSU_MIN_KBPS) {
    problems.add(
      '/bandwidth',
      `bandwidth ${clip(d.bandwidth)}`,
      ': below the smallest OSU (2 Mbit/s); to remove the line, release it',
      (w) => `带宽 ${clip(d.bandwidth)}${w}低于最小 OSU（2 Mbit/s）：要拆除线路请用 '释放'`,
    );
  }
  if (bandwidthKbps !== undefined && bandwidthKbps > MAX_REQUEST_KBPS) {
    problems.add(
      '/bandwidth',
      `bandwidth ${clip(d.bandwidth)}`,
      ': above one 400G wavelength, the most one line carries',
      (w) => `带宽 ${clip(d.bandwidth)}${w}超过一个 400G 波长，即一条线路的上限`,
    );
  }
  const window = readWindow(problems, d, options, undefined);
  if (bandwidthKbps === undefined || !window || !problems.empty) return undefined;
  return { kind: 'elastic', line: d.line, bandwidthKbps, window };
}

function release(d: ReleaseDocument, problems: ProblemList, options: TimeOptions): Intent | undefined {
  const at = readInstant(problems, '/at', d.at, options);
  if (at === undefined || !problems.empty) return undefined;
  return { kind: 'release', line: d.line, at };
}

type ConnectionDocument = AccessLineDocument | DcInterconnectDocument | DataExpressDocument;

/** Ends, latency bound, protection and tier, and the tier's terms checked against the others. */
function connectionTerms(d: ConnectionDocument, problems: ProblemList) {
  const from: Endpoint = d.from.role ? { site: d.from.site, role: d.from.role } : { site: d.from.site };
  const to: Endpoint = d.to.role ? { site: d.to.site, role: d.to.role } : { site: d.to.site };
  if (from.site === to.site) {
    problems.add(
      '/to/site',
      `site '${to.site}'`,
      ': is also the start; pick two different sites',
      (w) => `站点 '${to.site}'${w}也是起点：请选择两个不同的站点`,
    );
  }
  const maxLatencyUs = d.maxLatency === undefined ? undefined : readLatency(problems, '/maxLatency', d.maxLatency);
  const protection = d.protection ?? 'none';
  const tierName = d.tier ?? DEFAULT_SLA_TIER;
  const tier = SLA_TIERS[tierName];
  const tierPointer = d.tier ? '/tier' : '';
  if (!protectionMeetsTier(protection, tier)) {
    const needs = tier.protectionRequired === 'srlg' ? 'SRLG-disjoint 1+1 protection' : '1+1 protection';
    const lower = bestTierFor(protection, maxLatencyUs);
    problems.add(
      tierPointer,
      `tier ${tierName}`,
      ` needs ${needs}: add 'protected' (JSON: "protection": "srlg")${lower ? ` or choose tier ${lower}` : ''}`,
      (w) => `等级 ${tierName}${w}需要 1+1 保护：请加 '1+1保护'${lower ? `，或选择等级 ${lower}` : ''}`,
    );
  }
  if (maxLatencyUs !== undefined && maxLatencyUs > tier.maxLatencyUs) {
    const lower = bestTierFor(protection, maxLatencyUs);
    problems.add(
      '/maxLatency',
      `latency ${clip(d.maxLatency ?? '')}`,
      ` is above tier ${tierName}'s bound of ${formatLatency(tier.maxLatencyUs)}: lower it${lower ? ` or choose tier ${lower}` : ''}`,
      (w) =>
        `时延 ${clip(d.maxLatency ?? '')}${w}超过等级 ${tierName} 的上限 ${formatLatency(tier.maxLatencyUs)}：请降低${lower ? `，或选择等级 ${lower}` : ''}`,
    );
  }
  return {
    from,
    to,
    ...(maxLatencyUs !== undefined ? { maxLatencyUs } : {}),
    protection,
    tier: tierName,
  };
}
