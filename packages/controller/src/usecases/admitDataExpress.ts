import { formatBandwidth, type TimeWindow } from '@milli/core';
import type { Compilation } from '@milli/intent';
import type { PceResult } from '@milli/pce';
import type { FailureReason } from '../facade/types';

/**
 * A data-express task is admitted only if its volume, sent at the reserved rate, fits what is left of its window.
 * The reserved rate is the path request's bandwidth: volume / window with 10% headroom, rounded up to the service
 * granularity, i.e. the least rate the network sells that finishes by the deadline.
 */
export function dataExpressUnfit(
  compilation: Compilation,
  result: Extract<PceResult, { ok: true }>,
  window: TimeWindow,
  now: number,
): FailureReason | undefined {
  const plan = compilation.volumePlan;
  if (!plan || window.end === null) return undefined;
  const rate = result.request.bandwidthKbps;
  const neededMs = (plan.volumeBytes * 8) / rate;
  const availableMs = window.end - Math.max(window.start, now);
  if (neededMs <= availableMs) return undefined;
  return {
    kind: 'invalid',
    code: 'CONTROLLER_DATA_EXPRESS_UNFIT',
    message: `${plan.volumeBytes} bytes at the reserved ${formatBandwidth(rate)} take ${(neededMs / 1000).toFixed(0)} s; only ${(availableMs / 1000).toFixed(0)} s of the window remain`,
    problems: [{ message: 'the volume does not fit the rest of its window at the reserved rate', at: '/volume' }],
  };
}

export function admissionExplain(
  compilation: Compilation,
  result: Extract<PceResult, { ok: true }>,
  window: TimeWindow,
  now: number,
): string[] {
  const plan = compilation.volumePlan;
  if (!plan || window.end === null) return [];
  const rate = result.request.bandwidthKbps;
  const neededS = (plan.volumeBytes * 8) / rate / 1000;
  const availableS = (window.end - Math.max(window.start, now)) / 1000;
  return [
    `admitted: ${plan.volumeBytes} bytes at the reserved ${formatBandwidth(rate)} take ${neededS.toFixed(0)} s of the ${availableS.toFixed(0)} s window; ` +
      `the reserved rate is the path's bandwidth (volume / window + ${plan.headroom * 100}% headroom, rounded up to the ${plan.serviceClass} granularity), the least rate that meets the deadline`,
  ];
}
