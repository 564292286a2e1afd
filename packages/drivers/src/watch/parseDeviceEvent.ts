import { childElements, type NetconfNotification, type XmlElement } from '@milli/netconf-client';
import { listUnder, text } from '../changeset/stateXml';
import type { DeviceAlarm, DeviceEvent } from './DeviceEvent';

const fields = (event: XmlElement) => (name: string) => text(event, name) ?? '';

/** A device's RFC 5277 notification as a DeviceEvent; undefined for events milli does not act on. */
export function parseDeviceEvent(device: string, notification: NetconfNotification): DeviceEvent | undefined {
  const event = notification.events[0];
  if (!event) return undefined;
  const f = fields(event);
  switch (event.local) {
    case 'alarm-raised':
      return { type: 'alarm-raised', device, alarm: alarmOf(event, f('time') || notification.eventTime), standing: false };
    case 'alarm-cleared':
      return {
        type: 'alarm-cleared',
        device,
        id: f('id'),
        resource: f('resource'),
        alarmType: f('type'),
        at: f('time') || notification.eventTime,
      };
    case 'protection-switched':
      return {
        type: 'protection-switched',
        device,
        group: f('group'),
        layer: f('layer') === 'odu' ? 'odu' : 'osu',
        selectedLeg: f('selected-leg') === 'protection' ? 'protection' : 'working',
        reason: f('reason'),
        at: f('time') || notification.eventTime,
      };
    case 'netconf-config-change':
      return {
        type: 'config-changed',
        device,
        at: notification.eventTime,
        targets: childElements(event, 'edit').map((e) => text(e, 'target') ?? ''),
      };
    default:
      return undefined;
  }
}

function alarmOf(node: XmlElement, raisedAt: string): DeviceAlarm {
  const f = fields(node);
  const cause = text(node, 'probable-cause');
  return {
    id: f('id'),
    resource: f('resource'),
    type: f('type'),
    severity: f('severity'),
    text: f('text'),
    ...(cause ? { probableCause: cause } : {}),
    raisedAt,
  };
}

export const STANDING_ALARMS_FILTER = '<device xmlns="urn:milli:yang:milli-device"><alarms/></device>';

/** The alarms standing on a device, from a `<get>` with STANDING_ALARMS_FILTER. */
export function parseStandingAlarms(root: XmlElement): DeviceAlarm[] {
  return listUnder(root, ['device', 'alarms'], 'alarm').map((a) => alarmOf(a, text(a, 'raised-time') ?? ''));
}
