import type { TimeWindow } from '@milli/core';

/** One tributary slot of an OTU is 1.25 Gbit/s (G.709 ODTU granularity). */
export const SLOT_KBPS = 1_250_000;

/** Tributary slots of 1.25G per line rate (OTU2 8, OTU4 80, OTUC4 320); Ethernet rates by the same bandwidth. */
export const SLOTS_BY_RATE: Record<string, number> = {
  OTU2: 8,
  OTU4: 80,
  OTUC4: 320,
  '1GE': 1,
  '10GE': 8,
  '100GE': 80,
  '400GE': 320,
};

export interface PortRef {
  device: string;
  port: string;
}

/** An OTU link that rides a new lightpath across the ROADM network (created by multi-layer grooming). */
export interface OtuLinkSpec {
  id: string;
  a: PortRef;
  b: PortRef;
  /** Tributary slots the link offers. */
  slots: number;
  /** The media channel and the optical spans (fibre ids) the lightpath uses, in order from a to b. */
  channel: number;
  fibres: string[];
  /** The patch cords and ROADMs along it, so the PCE can rebuild its latency. */
  devices: string[];
  latencyUs: number;
}

/**
 * What a reservation takes. Channels and ports are exclusive; slots and OSU bandwidth take numbered tributary
 * slots of the link (an OSU line shares an OSU-carrying ODU0 with others, under its own OSU id). An `otu-link`
 * item creates the link for the reservation's window.
 */
export type ReservationItem =
  | { kind: 'channel'; fibre: string; channel: number }
  | { kind: 'port'; device: string; port: string }
  | {
      kind: 'slots';
      link: string;
      slots: number;
      /**
       * The tributary slot numbers: assigned by `reserve` (lowest free first), or asked for (restoration, replay);
       * fewer than `slots` asks for these and the lowest free others (an ODUflex growing in place).
       */
      numbers?: number[];
    }
  | {
      kind: 'osu';
      link: string;
      kbps: number;
      /**
       * The tributary slot of the OSU-carrying ODU0 the line rides (one number; an OSU pool above one slot's rate
       * takes whole slots and has no OSU id). Assigned by `reserve`, or asked for.
       */
      numbers?: number[];
      /** The OSU id inside that ODU0. */
      osuId?: number;
    }
  | { kind: 'otu-link'; link: OtuLinkSpec };

export interface Reservation {
  id: string;
  owner: string;
  window: TimeWindow;
  items: ReservationItem[];
}

export interface OtuLinkRecord {
  link: OtuLinkSpec;
  window: TimeWindow;
  reservation: string;
}

export interface LinkUsage {
  /** Slots taken by ODU containers at the peak of the window. */
  slotsUsed: number;
  /** OSU bandwidth at the peak of the window, kbit/s. */
  osuKbpsUsed: number;
}

/** Slots an OSU pool of `kbps` occupies: OSU containers share OSU-carrying ODUs carved out of whole slots. */
export function osuSlots(kbps: number): number {
  return Math.ceil(kbps / SLOT_KBPS);
}

/** Whether `slotsUsed` ODU slots plus an OSU pool of `osuKbps` fit in a link of `capacity` slots. */
export function fitsLink(capacity: number, slotsUsed: number, osuKbps: number): boolean {
  return slotsUsed + osuSlots(osuKbps) <= capacity;
}
