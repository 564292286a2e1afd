import { NETCONF_NOTIFICATION_NS, escapeXml } from '@milli/netconf-client';

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
      const declarations = modules
        .map((m) => [m, namespaceOf(m)] as const)
        .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
        .map(([m, ns]) => ` xmlns:${m}="${escapeXml(ns)}"`)
        .join('');
      return `<edit><target${declarations}>${escapeXml(path)}</target><operation>${e.operation}</operation></edit>`;
    })
    .join('');
  return (
    `<netconf-config-change xmlns="${NETCONF_NOTIFICATIONS_NS}"><changed-by><username>${escapeXml(change.username)}</username>` +
    `<session-id>${change.sessionId}</session-id></changed-by><datastore>${change.datastore}</datastore>${edits}</netconf-config-change>`
  );
}

/**
 * A JSON-style path (module name on the first node and where the module changes) with every node name and key name
 * prefixed by its module, and the modules it names. Quoted values are copied as they are.
 */
export function qualifyPath(path: string): { path: string; modules: string[] } {
  const modules = new Set<string>();
  let module = '';
  let out = '';
  let i = 0;
  // A name at a step or at the start of a predicate: prefix it when it has none (not '.', not a position).
  const name = (): void => {
    const match = /^(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)/.exec(path.slice(i));
    if (!match) return;
    if (match[1]) module = match[1];
    if (module) modules.add(module);
    out += module ? `${module}:${match[2]}` : match[2];
    i += match[0].length;
  };
  while (i < path.length) {
    const c = path[i]!;
    if (c === "'" || c === '"') {
      const end = path.indexOf(c, i + 1);
      const stop = end < 0 ? path.length : end + 1;
      out += path.slice(i, stop);
      i = stop;
    } else if (c === '/' || c === '[') {
      out += c;
      i++;
      name();
    } else {
      out += c;
      i++;
    }
  }
  return { path: out, modules: [...modules] };
}

export interface AlarmEvent {
  id: string;
  resource: string;
  type: string;
  severity: string;
  text: string;
  time: Date;
}

export function alarmRaisedXml(a: AlarmEvent): string {
  return (
    `<alarm-raised xmlns="${MILLI_DEVICE_NS}"><id>${escapeXml(a.id)}</id><resource>${escapeXml(a.resource)}</resource>` +
    `<type>${a.type}</type><severity>${a.severity}</severity><text>${escapeXml(a.text)}</text><time>${isoSeconds(a.time)}</time></alarm-raised>`
  );
}

export function alarmClearedXml(a: AlarmEvent, cleared: Date): string {
  return (
    `<alarm-cleared xmlns="${MILLI_DEVICE_NS}"><id>${escapeXml(a.id)}</id><resource>${escapeXml(a.resource)}</resource>` +
    `<type>${a.type}</type><time>${isoSeconds(cleared)}</time></alarm-cleared>`
  );
}

/** YANG date-and-time without fractions: `2026-11-26T11:40:00Z`. */
export function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
