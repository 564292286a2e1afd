import { formatBandwidth, formatLatency } from '@milli/core';
import type { AccessLineIntent, DataExpressIntent, DcInterconnectIntent } from '../intent';
import type { PathRequest, ServiceLayer } from '@milli/pce';
import type { TimeWindow } from '@milli/core';
import { SLA_TIERS } from '../slaTiers';
import type { SlaTerms } from './Compilation';

type ConnectionIntent = AccessLineIntent | DcInterconnectIntent | DataExpressIntent;

/** The bound a line is held to: the intent's, or its tier's when that is tighter or the intent gives none. */
export function latencyBound(intent: ConnectionIntent): { us: number; explain: string } {
  const tier = SLA_TIERS[intent.tier];
  if (intent.maxLatencyUs === undefined) {
    return {
      us: tier.maxLatencyUs,
      explain: `latency bound ${formatLatency(tier.maxLatencyUs)}: tier ${tier.name}'s, the intent states none`,
    };
  }
  if (intent.maxLatencyUs <= tier.maxLatencyUs) {
    return {
      us: intent.maxLatencyUs,
      explain: `latency bound ${formatLatency(intent.maxLatencyUs)} (tier ${tier.name} allows ${formatLatency(tier.maxLatencyUs)})`,
    };
  }
  return {
    us: tier.maxLatencyUs,
    explain: `latency bound ${formatLatency(tier.maxLatencyUs)}: tier ${tier.name}'s, tighter than the intent's`,
  };
}

/** One path request between the intent's two sites; endpoints are site ids and the PCE picks the devices. */
export function connectionRequest(
  intent: ConnectionIntent,
  bandwidthKbps: number,
  layer: ServiceLayer,
  maxLatencyUs: number,
  window?: TimeWindow,
): PathRequest {
  return {
    from: intent.from.site,
    to: intent.to.site,
    bandwidthKbps,
    maxLatencyUs,
    layer,
    protection: intent.protection,
    objective: 'latency',
    alternatives: 0,
    ...(window ? { window } : {}),
  };
}

export function slaTerms(intent: ConnectionIntent, maxLatencyUs: number, bandwidthKbps: number): SlaTerms {
  const tier = SLA_TIERS[intent.tier];
  return {
    tier: tier.name,
    maxLatencyUs,
    availabilityPercent: tier.availabilityPercent,
    protection: intent.protection,
    bandwidthKbps,
    elasticChangeWithinMs: tier.elasticChangeWithinMs,
    provisioningTimeMs: tier.provisioningTimeMs,
  };
}

/** A revertive line's compilation says so, with the line that explains it (nothing for the others). */
export function revertTerms(intent: AccessLineIntent | DcInterconnectIntent): { revertive?: true; explain: string[] } {
  if (!intent.revertive) return { explain: [] };
  return {
    revertive: true,
    explain: ['revertive: once re-routed by a restoration, back on its original path when the failed fibres return (if feasible)'],
  };
}

export function protectionExplain(intent: ConnectionIntent): string {
  return intent.protection === 'none' ? 'unprotected' : `1+1 protected, working and protection paths ${intent.protection}-disjoint`;
}

export function classExplain(kbps: number, layer: ServiceLayer): string {
  const rule =
    layer === 'osu' ? 'below 1 Gbit/s' : layer === 'odu' ? 'from 1 to below 100 Gbit/s' : '100 Gbit/s and above, or a DC interconnect';
  return `service class ${layer}: ${formatBandwidth(kbps)} is ${rule}`;
}
