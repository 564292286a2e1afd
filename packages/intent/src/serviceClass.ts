import type { KbitPerSecond } from '@milli/core';

/**
 * Service classes (docs/architecture.md, "Layers"): < 1 Gbit/s → OSU; 1 to < 100 Gbit/s → ODU; >= 100 Gbit/s → wavelength.
 * Granularities, the steps a reservation is made in:
 * - OSU: 2 Mbit/s (assumption: the smallest OSU the domain brief gives, "from about 2 Mbit/s"; equipment steps vary),
 *   from 2 Mbit/s to below 1 Gbit/s;
 * - ODU: one 1.25 Gbit/s tributary slot (G.709: ODU0 = 1 slot, ODUflex = n slots), from 1 Gbit/s to below 100 Gbit/s;
 * - wavelength: a whole OTU4 (100 Gbit/s) or OTUC4 (400 Gbit/s) wavelength; one request carries at most 400 Gbit/s.
 */
export type ServiceClass = 'osu' | 'odu' | 'wavelength';

export const OSU_MIN_KBPS: KbitPerSecond = 2_000;
export const OSU_STEP_KBPS: KbitPerSecond = 2_000;
export const ODU_MIN_KBPS: KbitPerSecond = 1_000_000;
export const ODU_SLOT_KBPS: KbitPerSecond = 1_250_000;
export const WAVELENGTH_MIN_KBPS: KbitPerSecond = 100_000_000;
export const WAVELENGTH_RATES_KBPS: readonly KbitPerSecond[] = [100_000_000, 400_000_000];
export const MAX_REQUEST_KBPS: KbitPerSecond = 400_000_000;

export function serviceClassOf(kbps: KbitPerSecond): ServiceClass {
  if (kbps < ODU_MIN_KBPS) return 'osu';
  if (kbps < WAVELENGTH_MIN_KBPS) return 'odu';
  return 'wavelength';
}

/**
 * The bandwidth actually reserved for `kbps`: rounded up to its class's step; if rounding crosses into the next
 * class, rounded again in that class (999 Mbit/s → 1 Gbit/s → one ODU of 1.25 Gbit/s). Undefined above 400 Gbit/s.
 */
export function roundUpToService(kbps: KbitPerSecond): { kbps: KbitPerSecond; serviceClass: ServiceClass } | undefined {
  let value = Math.max(kbps, OSU_MIN_KBPS);
  for (;;) {
    const serviceClass = serviceClassOf(value);
    const rounded = roundInClass(value, serviceClass);
    if (rounded === undefined) return undefined;
    if (serviceClassOf(rounded) === serviceClass) return { kbps: rounded, serviceClass };
    value = rounded;
  }
}

function roundInClass(kbps: KbitPerSecond, serviceClass: ServiceClass): KbitPerSecond | undefined {
  if (serviceClass === 'osu') return Math.ceil(kbps / OSU_STEP_KBPS) * OSU_STEP_KBPS;
  if (serviceClass === 'odu') return Math.ceil(kbps / ODU_SLOT_KBPS) * ODU_SLOT_KBPS;
  return WAVELENGTH_RATES_KBPS.find((rate) => rate >= kbps);
}
