/**
 * A set of optical channels (1..96 on the fixed 50 GHz C-band grid) as three 32-bit words, so that the
 * PCE can intersect masks along a media channel without allocating. Bit (n-1) stands for channel n.
 */
export type ChannelMask = [number, number, number];

export const MAX_CHANNELS = 96;

export function fullMask(channels: number): ChannelMask {
  const m: ChannelMask = [0, 0, 0];
  for (let c = 1; c <= Math.min(channels, MAX_CHANNELS); c++) setChannel(m, c);
  return m;
}

export function emptyMask(): ChannelMask {
  return [0, 0, 0];
}

export function setChannel(mask: ChannelMask, channel: number): void {
  const i = (channel - 1) >>> 5;
  mask[i as 0 | 1 | 2] = (mask[i as 0 | 1 | 2] | (1 << ((channel - 1) & 31))) >>> 0;
}

export function clearChannel(mask: ChannelMask, channel: number): void {
  const i = (channel - 1) >>> 5;
  mask[i as 0 | 1 | 2] = (mask[i as 0 | 1 | 2] & ~(1 << ((channel - 1) & 31))) >>> 0;
}

export function hasChannel(mask: ChannelMask, channel: number): boolean {
  const i = (channel - 1) >>> 5;
  return ((mask[i as 0 | 1 | 2] >>> ((channel - 1) & 31)) & 1) === 1;
}

export function isEmptyMask(m0: number, m1: number, m2: number): boolean {
  return m0 === 0 && m1 === 0 && m2 === 0;
}

/** The lowest channel in the mask (first fit), or undefined when empty. */
export function lowestChannel(m0: number, m1: number, m2: number): number | undefined {
  const words = [m0, m1, m2];
  for (let w = 0; w < 3; w++) {
    const word = words[w]!;
    if (word !== 0) return w * 32 + (31 - Math.clz32(word & -word)) + 1;
  }
  return undefined;
}

export function countChannels(m: ChannelMask): number {
  let n = 0;
  for (const word of m) {
    let x = word >>> 0;
    while (x !== 0) {
      x &= x - 1;
      n++;
    }
  }
  return n;
}

export function maskToList(m: ChannelMask): number[] {
  const out: number[] = [];
  for (let c = 1; c <= MAX_CHANNELS; c++) if (hasChannel(m, c)) out.push(c);
  return out;
}
