import type { Bytes, KbitPerSecond, Milliseconds } from '@milli/core';
import { MAX_REQUEST_KBPS, roundUpToService, type ServiceClass } from '../serviceClass';

/**
 * The data-express rule: bandwidth = volume / window × (1 + headroom), rounded up to the service granularity of
 * the layer the result falls in (serviceClass.ts: OSU 2 Mbit/s, ODU 1.25 Gbit/s slots, wavelength 100G or 400G).
 * The 10% headroom covers protocol overhead (TCP/IP and Ethernet framing on the client side are about 5%) and
 * leaves margin for retransmissions, so the job finishes by its deadline.
 */
export const DATA_EXPRESS_HEADROOM = 0.1;

export interface VolumePlan {
  volumeBytes: Bytes;
  windowMs: Milliseconds;
  /** volume / window, kbit/s (bytes × 8 / ms is kbit/s). */
  rawKbps: number;
  headroom: number;
  /** rawKbps × (1 + headroom). */
  withHeadroomKbps: number;
  /** What is reserved: withHeadroomKbps rounded up to the service granularity. */
  bandwidthKbps: KbitPerSecond;
  serviceClass: ServiceClass;
}

export type VolumeResult = { ok: true; plan: VolumePlan } | { ok: false; neededKbps: number; minWindowMs: Milliseconds };

export function volumeToBandwidth(volumeBytes: Bytes, windowMs: Milliseconds): VolumeResult {
  const rawKbps = (volumeBytes * 8) / windowMs;
  const withHeadroomKbps = rawKbps * (1 + DATA_EXPRESS_HEADROOM);
  const rounded = roundUpToService(Math.ceil(withHeadroomKbps));
  if (!rounded) {
    const minWindowMs = Math.ceil(((volumeBytes * 8) / MAX_REQUEST_KBPS) * (1 + DATA_EXPRESS_HEADROOM));
    return { ok: false, neededKbps: withHeadroomKbps, minWindowMs };
  }
  return {
    ok: true,
    plan: {
      volumeBytes,
      windowMs,
      rawKbps,
      headroom: DATA_EXPRESS_HEADROOM,
      withHeadroomKbps,
      bandwidthKbps: rounded.kbps,
      serviceClass: rounded.serviceClass,
    },
  };
}
