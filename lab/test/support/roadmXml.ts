// milli-roadm config as the lab's tests write it. Every media channel needs the channel-use entries of its two ends
// (milli-roadm's index of channel uses, keyed by port and channel and naming the media channel), written in the same
// edit: the device refuses a media channel without them, as it refuses an entry whose media channel is gone.

export const ROADM_NS = 'urn:milli:yang:milli-roadm';

/** A media channel entry; `extra` goes after its four leaves, `attrs` on its element (an nc:operation). */
export function mediaChannelXml(name: string, channel: number | string, from: string, to: string, extra = '', attrs = ''): string {
  return `<media-channel${attrs}><name>${name}</name><channel>${channel}</channel><from>${from}</from><to>${to}</to>${extra}</media-channel>`;
}

/** The channel-use entries of a media channel's two ends (`attrs` on each element: an nc:operation). */
export function channelUsesXml(name: string, channel: number | string, from: string, to: string, attrs = ''): string {
  const use = (port: string) =>
    `<channel-use${attrs}><port>${port}</port><channel>${channel}</channel><media-channel>${name}</media-channel></channel-use>`;
  return use(from) + use(to);
}

/** Deletes of the channel-use entries of `channel` on `ports` (a media channel released or moved). */
export function channelUsesDeleteXml(channel: number | string, ...ports: string[]): string {
  return ports
    .map(
      (port) =>
        `<channel-use xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" nc:operation="delete"><port>${port}</port><channel>${channel}</channel></channel-use>`,
    )
    .join('');
}

/** A `<roadm>` element holding these media channels and channel-use entries (`attrs` on the roadm element). */
export function roadmXml(mediaChannels: string, uses = '', attrs = ''): string {
  const index = uses === '' ? '' : `<channel-uses>${uses}</channel-uses>`;
  return `<roadm xmlns="${ROADM_NS}"${attrs}>${mediaChannels === '' ? '' : `<media-channels>${mediaChannels}</media-channels>`}${index}</roadm>`;
}

/** A media channel from deg-1 to deg-2 with its two entries, as one `<roadm>` element. */
export function channelWithUses(name: string, channel: number | string, extra = ''): string {
  return roadmXml(mediaChannelXml(name, channel, 'deg-1', 'deg-2', extra), channelUsesXml(name, channel, 'deg-1', 'deg-2'));
}
