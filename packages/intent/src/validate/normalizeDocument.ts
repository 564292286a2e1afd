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
    );
  }
  if (bandwidthKbps !== undefined && bandwidthKbps >= WAVELENGTH_MIN_KBPS) {
    problems.add(
      '/bandwidth',
      `bandwidth ${clip(d.bandwidth)}`,
      ': access lines stop below 100 Gbit/s; 100 Gbit/s and more is a wavelength, which only a DC interconnect gets',
    );
  }
  if (!terms || bandwidthKbps === undefined || !problems.empty) return undefined;
  return {
    kind: 'access-line',
    ...terms,
    bandwidthKbps,
    ...(d.industry ? { industry: d.industry } : {}),
    ...(schedule ? { schedule } : {}),
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
      problems.add('/rate', `rate ${clip(rate)}`, ': a DC interconnect is one wavelength at 100G (OTU4) or 400G (OTUC4)');
      bandwidthKbps = undefined;
    }
  }
  if (!terms || bandwidthKbps === undefined || !problems.empty) return undefined;
  // Indicator 1: DC-to-DC optical one-way latency under 1 ms; the bound when the intent states none.
  const maxLatencyUs = Math.min(terms.maxLatencyUs ?? DCI_DEFAULT_LATENCY_US, SLA_TIERS[terms.tier].maxLatencyUs);
  return { kind: 'dc-interconnect', ...terms, maxLatencyUs, bandwidthKbps, ...(schedule ? { schedule } : {}) };
}

/** A DC interconnect with no stated bound gets indicator 1's: under 1 ms one way. */
export const DCI_DEFAULT_LATENCY_US = 1000;

function dataExpress(d: DataExpressDocument, problems: ProblemList, options: TimeOptions): Intent | undefined {
  const terms = connectionTerms(d, problems);
  const volumeBytes = readVolume(problems, '/volume', d.volume);
  const window = readWindow(problems, d, options, {
    subject: 'a data express needs a deadline',
    fix: 'add \'by 2026-12-01T06:00Z\' or \'within 6h\' (JSON: "end" or "within")',
  });
  if (volumeBytes !== undefined && window && window.end !== null) {
    const result = volumeToBandwidth(volumeBytes, window.end - window.start);
    if (!result.ok) {
      problems.add(
        '/volume',
        `volume ${clip(d.volume)}`,
        ` needs ${formatBandwidth(Math.ceil(result.neededKbps))} over its window, more than one 400G wavelength: allow at least ${formatDuration(result.minWindowMs)}`,
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
    problems.add('/bandwidth', `bandwidth ${clip(d.bandwidth)}`, ': below the smallest OSU (2 Mbit/s); to remove the line, release it');
  }
  if (bandwidthKbps !== undefined && bandwidthKbps > MAX_REQUEST_KBPS) {
    problems.add('/bandwidth', `bandwidth ${clip(d.bandwidth)}`, ': above one 400G wavelength, the most one line carries');
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
  if (from.site === to.site) problems.add('/to/site', `site '${to.site}'`, ': is also the start; pick two different sites');
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
    );
  }
  if (maxLatencyUs !== undefined && maxLatencyUs > tier.maxLatencyUs) {
    const lower = bestTierFor(protection, maxLatencyUs);
    problems.add(
      '/maxLatency',
      `latency ${clip(d.maxLatency ?? '')}`,
      ` is above tier ${tierName}'s bound of ${formatLatency(tier.maxLatencyUs)}: lower it${lower ? ` or choose tier ${lower}` : ''}`,
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
