import { NETCONF_NOTIFICATION_NS, escapeXml } from '@milli/netconf-client';
import { qualifyPath, xmlnsDeclarations } from '../datastore/qualifyPath';

export const NETCONF_NOTIFICATIONS_NS = 'urn:ietf:params:xml:ns:yang:ietf-netconf-notifications';
export const MILLI_DEVICE_NS = 'urn:milli:yang:milli-device';

/** RFC 5277 envelope around one event element. */
export function notificationXml(eventTime: Date, eventXml: string): string {
  return `<notification xmlns="${NETCONF_NOTIFICATION_NS}"><eventTime>${eventTime.toISOString()}</eventTime>${eventXml}</notification>`;
}

export interface ConfigChange {
  username: string;
  sessionId: number;
  datastore: 'running' | 'startup';
  /** Changed top-level paths with what happened to them. */
  edits: { target: string; operation: 'create' | 'delete' | 'replace' | 'merge' }[];
}

/**
 * RFC 6470 netconf-config-change. Targets are instance-identifiers; in XML every node name in one carries a prefix
 * declared on its element (RFC 7950 section 9.13.2), so `/m:a/b[k='1']` goes out as `/m:a/m:b[m:k='1']` with
 * `xmlns:m` on the target.
 */
export function configChangeXml(change: ConfigChange, namespaceOf: (module: string) => string | undefined): string {
  const edits = change.edits
    .map((e) => {
      const { path, modules } = qualifyPath(e.target);
      return `<edit><target${xmlnsDeclarations(modules, namespaceOf)}>${escapeXml(path)}</target><operation>${e.operation}</operation></edit>`;
    })
    .join('');
  return (
    `<netconf-config-change xmlns="${NETCONF_NOTIFICATIONS_NS}"><changed-by><username>${escapeXml(change.username)}</username>` +
    `<session-id>${change.sessionId}</session-id></changed-by><datastore>${change.datastore}</datastore>${edits}</netconf-config-change>`
  );
}

export interface AlarmEvent {
  id: string;
  resource: string;
  type: string;
  severity: string;
  text: string;
  /** Set on alarms that follow a fault elsewhere, and on a cut fibre's own. */
  probableCause?: string;
  time: Date;
}

export function alarmRaisedXml(a: AlarmEvent): string {
  return (
    `<alarm-raised xmlns="${MILLI_DEVICE_NS}"><id>${escapeXml(a.id)}</id><resource>${escapeXml(a.resource)}</resource>` +
    `<type>${a.type}</type><severity>${a.severity}</severity><text>${escapeXml(a.text)}</text>` +
    (a.probableCause ? `<probable-cause>${escapeXml(a.probableCause)}</probable-cause>` : '') +
    `<time>${isoMillis(a.time)}</time></alarm-raised>`
  );
}

export function alarmClearedXml(a: AlarmEvent, cleared: Date): string {
  return (
    `<alarm-cleared xmlns="${MILLI_DEVICE_NS}"><id>${escapeXml(a.id)}</id><resource>${escapeXml(a.resource)}</resource>` +
    `<type>${a.type}</type><time>${isoMillis(cleared)}</time></alarm-cleared>`
  );
}

/**
 * YANG date-and-time to the millisecond, `2026-11-26T11:40:00.250Z`: when an alarm was raised or cleared and when a
 * group switched, as gear stamps them, so that the time from a fault to its repair can be told to the millisecond.
 */
export function isoMillis(d: Date): string {
  return d.toISOString();
}

/** YANG date-and-time without fractions: `2026-11-26T11:40:00Z`. */
export function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export interface ProtectionSwitch {
  group: string;
  layer: 'odu' | 'osu';
  selectedLeg: 'working' | 'protection';
  reason: 'signal-fail' | 'wait-to-restore';
  time: Date;
}

export function protectionSwitchedXml(p: ProtectionSwitch): string {
  return (
    `<protection-switched xmlns="${MILLI_DEVICE_NS}"><group>${escapeXml(p.group)}</group><layer>${p.layer}</layer>` +
    `<selected-leg>${p.selectedLeg}</selected-leg><reason>${p.reason}</reason><time>${isoMillis(p.time)}</time></protection-switched>`
  );
}
