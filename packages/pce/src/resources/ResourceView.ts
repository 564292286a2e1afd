import type { TimeWindow } from '@milli/core';
import type { ChannelMask } from './channelMask';
import type { LinkUsage, OtuLinkRecord, Reservation, ReservationItem } from './items';

/** What path computation reads: free resources throughout a window. */
export interface ResourceView {
  readonly channels: number;
  freeChannels(fibre: string, window: TimeWindow): ChannelMask;
  linkUsage(link: string, window: TimeWindow): LinkUsage;
  /** Slot capacity of a fixed or groomed OTU link that exists throughout the window; undefined otherwise. */
  linkCapacity(link: string, window: TimeWindow): number | undefined;
  portFree(device: string, port: string, window: TimeWindow): boolean;
  otuLinks(window: TimeWindow): OtuLinkRecord[];
}

/** What the lifecycle and the scheduler write: all-or-nothing reservations per owner and window. */
export interface ResourceBook {
  reserve(owner: string, window: TimeWindow, items: ReservationItem[]): Reservation;
  release(id: string): Reservation;
  releaseOwner(owner: string): Reservation[];
  reservations(owner?: string): Reservation[];
}
