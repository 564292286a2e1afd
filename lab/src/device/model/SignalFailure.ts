/**
 * A signal lost on one resource of a device because of a fault elsewhere: a fibre cut further along a lightpath, a
 * device down on the way. The lab host works these out across devices (host/lightPropagation) and hands each device
 * its own; the device turns them into oper-status and consequent alarms that name the probable cause.
 */
export interface SignalFailure {
  kind: SignalResourceKind;
  /** The port, media channel, ODU or OSU connection / cross-connect name on this device. */
  name: string;
  /** 'fibre F-12 cut', 'device CORE-1-oxc down'. */
  cause: string;
}

/** In the order alarms are raised and cleared: the lowest layer first, as the failure travels up. */
export const SIGNAL_RESOURCE_KINDS = ['port', 'media-channel', 'odu', 'osu-trail', 'osu-connection', 'osu-cross-connect'] as const;
export type SignalResourceKind = (typeof SIGNAL_RESOURCE_KINDS)[number];

/** The alarm a lost signal raises on each kind of resource. */
export const CONSEQUENT_ALARM: Record<SignalResourceKind, { type: string; prefix: string; what: string }> = {
  port: { type: 'loss-of-signal', prefix: 'los', what: 'loss of signal on port' },
  'media-channel': { type: 'loss-of-signal', prefix: 'los-mc', what: 'loss of signal on media channel' },
  odu: { type: 'loss-of-frame', prefix: 'lof-odu', what: 'loss of frame on ODU' },
  // An OSU (`<odu>#<osu-id>`) whose trail failed further away: what a protection leg's signal is; no alarm of its own.
  'osu-trail': { type: '', prefix: 'osu-trail', what: 'OSU trail' },
  'osu-connection': { type: 'service-down', prefix: 'sd-osu', what: 'service down on OSU connection' },
  'osu-cross-connect': { type: 'service-down', prefix: 'sd-osu-xc', what: 'service down on OSU cross-connect' },
};

export function signalKey(kind: SignalResourceKind, name: string): string {
  return `${kind}:${name}`;
}
