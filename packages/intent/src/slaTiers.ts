import type { Microseconds, Milliseconds } from '@milli/core';
import type { SlaTierName } from './document';
import type { ProtectionKind } from '@milli/pce';

/**
 * SLA tiers of compute-access private lines (indicator 7 asks for at least one line at experience level >= 4A).
 * The notice names the levels but not their terms; these terms are the project's, chosen so that each step
 * is something the network can actually prove: a latency bound the PCE checks, an availability that needs
 * 1+1 protection from 4A up (an unprotected metro line is about 99.9-99.95% available), a committed bandwidth
 * whose elastic changes take effect within a stated time, and a provisioning time the controller is measured on.
 * One table; nothing else in the code restates these numbers.
 */
export interface SlaTier {
  name: SlaTierName;
  /** One-way latency bound the line must meet when the intent states none (and may not exceed when it does). */
  maxLatencyUs: Microseconds;
  /** Yearly availability, percent. */
  availabilityPercent: number;
  /** Protection the tier needs: `none` = any, `any` = some 1+1 protection, `srlg` = SRLG-disjoint 1+1 only. */
  protectionRequired: 'none' | 'any' | 'srlg';
  /** Bandwidth is committed (a hard pipe) in every tier; this is how fast an elastic change takes effect. */
  elasticChangeWithinMs: Milliseconds;
  /** How long from accepting the intent to a working line. */
  provisioningTimeMs: Milliseconds;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SLA_TIERS: Record<SlaTierName, SlaTier> = {
  '5A': {
    name: '5A',
    maxLatencyUs: 1000,
    availabilityPercent: 99.999,
    protectionRequired: 'srlg',
    elasticChangeWithinMs: MINUTE,
    provisioningTimeMs: HOUR,
  },
  '4A': {
    name: '4A',
    maxLatencyUs: 2000,
    availabilityPercent: 99.99,
    protectionRequired: 'any',
    elasticChangeWithinMs: 5 * MINUTE,
    provisioningTimeMs: 24 * HOUR,
  },
  '3A': {
    name: '3A',
    maxLatencyUs: 5000,
    availabilityPercent: 99.95,
    protectionRequired: 'none',
    elasticChangeWithinMs: 30 * MINUTE,
    provisioningTimeMs: 72 * HOUR,
  },
  '2A': {
    name: '2A',
    // Indicator 10: terminal to DC server under 10 ms one way.
    maxLatencyUs: 10_000,
    availabilityPercent: 99.9,
    protectionRequired: 'none',
    elasticChangeWithinMs: 4 * HOUR,
    provisioningTimeMs: 7 * 24 * HOUR,
  },
};

/** The tier a line gets when its intent names none. */
export const DEFAULT_SLA_TIER: SlaTierName = '3A';

export function protectionMeetsTier(protection: ProtectionKind, tier: SlaTier): boolean {
  if (tier.protectionRequired === 'none') return true;
  if (tier.protectionRequired === 'srlg') return protection === 'srlg';
  return protection !== 'none';
}

/** The highest tier whose protection and latency terms a line with these terms meets (for hints). */
export function bestTierFor(protection: ProtectionKind, maxLatencyUs: Microseconds | undefined): SlaTierName | undefined {
  for (const tier of Object.values(SLA_TIERS)) {
    if (protectionMeetsTier(protection, tier) && (maxLatencyUs === undefined || maxLatencyUs <= tier.maxLatencyUs)) return tier.name;
  }
  return undefined;
}
