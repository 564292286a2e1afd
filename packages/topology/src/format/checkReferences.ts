import type { TopologyProblem } from '../TopologyError';

/**
 * Cross-reference and invariant checks that a JSON Schema cannot express. Runs on data that may also have
 * failed the schema, so it reads defensively and skips whatever lacks the shape it needs (the schema
 * reports that); every problem is collected, none stops the scan.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const an = (word: string | undefined): string => `${/^[aeiou]/i.test(word ?? '') ? 'an' : 'a'} ${word}`;

/** Which port kinds each device kind may have. */
const PORT_KINDS_BY_DEVICE: Record<string, string[]> = {
  roadm: ['degree', 'add-drop'],
  oxc: ['degree', 'add-drop'],
  otn: ['line', 'client'],
  osu: ['line', 'client'],
};
const LINE_RATES = ['OTU2', 'OTU4', 'OTUC4'];
const CLIENT_RATES = ['1GE', '10GE', '100GE', '400GE'];

/** Port kinds a fibre may join (docs/architecture.md, "Layers"): optical span, OTN-to-ROADM patch, grey OTU link, park CPE access. */
const JOINABLE = new Set(['degree|degree', 'add-drop|line', 'line|line', 'client|line']);

interface PortInfo {
  kind: string | undefined;
  rate: string | undefined;
  osu: boolean;
}

export function checkReferences(doc: unknown): TopologyProblem[] {
  const problems: TopologyProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isObj(doc)) return problems;

  const siteIds = new Map<string, number>();
  list(doc.sites).forEach((site, i) => {
    if (!isObj(site)) return;
    const at = `sites[${i}]`;
    const id = str(site.id);
    if (id !== undefined) {
      const first = siteIds.get(id);
      if (first !== undefined) add(`${at}.id`, `duplicate site id ${id} (first at sites[${first}])`);
      else siteIds.set(id, i);
    }
    if (site.kind === 'important' && site.role === undefined) add(`${at}.role`, 'an important site needs a role (core or aggregation)');
    if (site.kind !== 'important' && site.role !== undefined)
      add(`${at}.role`, `only important sites have a role, this is a ${String(site.kind)} site`);
    for (const field of ['racks', 'egressGbps']) {
      if (site.kind !== 'dc' && site[field] !== undefined)
        add(`${at}.${field}`, `only data centres have ${field}, this is a ${String(site.kind)} site`);
    }
  });

  const ports = new Map<string, Map<string, PortInfo>>();
  const deviceIds = new Map<string, number>();
  const endpoints = new Map<string, string>();
  list(doc.devices).forEach((device, i) => {
    if (!isObj(device)) return;
    const at = `devices[${i}]`;
    const id = str(device.id);
    const site = str(device.site);
    if (site !== undefined && !siteIds.has(site)) add(`${at}.site`, `device ${id ?? '?'} is at site ${site}, which does not exist`);
    const mgmt = isObj(device.management) ? device.management : undefined;
    if (typeof mgmt?.address === 'string') {
      const endpoint = `${mgmt.address}:${typeof mgmt.port === 'number' ? mgmt.port : 830}`;
      const other = endpoints.get(endpoint);
      if (other !== undefined) add(`${at}.management`, `device ${id ?? '?'} has the management endpoint ${endpoint} of device ${other}`);
      else endpoints.set(endpoint, id ?? '?');
    }
    const allowed = PORT_KINDS_BY_DEVICE[str(device.kind) ?? ''];
    const own = new Map<string, PortInfo>();
    list(device.ports).forEach((port, j) => {
      if (!isObj(port)) return;
      const pat = `${at}.ports[${j}]`;
      const pid = str(port.id);
      const kind = str(port.kind);
      const rate = str(port.rate);
      if (pid !== undefined) {
        if (own.has(pid)) add(`${pat}.id`, `device ${id ?? '?'} has port ${pid} twice`);
        else own.set(pid, { kind, rate, osu: port.osu === true });
      }
      if (allowed !== undefined && kind !== undefined && !allowed.includes(kind)) {
        add(`${pat}.kind`, `${an(str(device.kind))} device has no ${kind} ports (allowed: ${allowed.join(', ')})`);
      }
      if (kind === 'add-drop' && port.group === undefined) add(`${pat}.group`, 'an add-drop port needs its add/drop group');
      if (kind !== 'add-drop' && port.group !== undefined) add(`${pat}.group`, `only add-drop ports have a group, this is a ${kind} port`);
      if (kind === 'line' && (rate === undefined || !LINE_RATES.includes(rate))) {
        add(`${pat}.rate`, `a line port needs an OTU rate (${LINE_RATES.join(', ')}), got ${rate ?? 'none'}`);
      }
      if (kind === 'client' && rate !== undefined && !CLIENT_RATES.includes(rate)) {
        add(`${pat}.rate`, `a client port has an Ethernet rate (${CLIENT_RATES.join(', ')}), got ${rate}`);
      }
      if ((kind === 'degree' || kind === 'add-drop') && rate !== undefined)
        add(`${pat}.rate`, `a ${kind} port is rate-agnostic, remove rate ${rate}`);
    });
    if (id !== undefined) {
      const first = deviceIds.get(id);
      if (first !== undefined) add(`${at}.id`, `duplicate device id ${id} (first at devices[${first}])`);
      else {
        deviceIds.set(id, i);
        ports.set(id, own);
      }
    }
  });

  const fibreIds = new Map<string, number>();
  const usedBy = new Map<string, string>();
  list(doc.fibres).forEach((fibre, i) => {
    if (!isObj(fibre)) return;
    const at = `fibres[${i}]`;
    const id = str(fibre.id) ?? `fibres[${i}]`;
    if (str(fibre.id) !== undefined) {
      const first = fibreIds.get(id);
      if (first !== undefined) add(`${at}.id`, `duplicate fibre id ${id} (first at fibres[${first}])`);
      else fibreIds.set(id, i);
    }
    const ends: (PortInfo | undefined)[] = [];
    const refs: string[] = [];
    for (const side of ['a', 'b'] as const) {
      const end = fibre[side];
      if (!isObj(end)) continue;
      const dev = str(end.device);
      const port = str(end.port);
      if (dev === undefined || port === undefined) continue;
      const devPorts = ports.get(dev);
      if (devPorts === undefined) {
        add(`${at}.${side}.device`, `fibre ${id} ends at device ${dev}, which does not exist`);
        continue;
      }
      const info = devPorts.get(port);
      if (info === undefined) {
        add(`${at}.${side}.port`, `device ${dev} has no port ${port}`);
        continue;
      }
      const ref = `${dev}/${port}`;
      refs.push(ref);
      const other = usedBy.get(ref);
      if (other !== undefined && other !== id) add(`${at}.${side}`, `port ${ref} is already used by fibre ${other}`);
      else if (other === undefined) usedBy.set(ref, id);
      ends.push(info);
    }
    if (refs.length === 2 && refs[0] === refs[1]) add(at, `fibre ${id} joins port ${refs[0]} to itself`);
    const [pa, pb] = ends;
    if (ends.length === 2 && pa !== undefined && pb !== undefined) {
      const pair = [pa.kind ?? '?', pb.kind ?? '?'].sort().join('|');
      if (!JOINABLE.has(pair)) {
        add(
          at,
          `fibre ${id} joins ${an(pa.kind)} port to ${an(pb.kind)} port (joinable: degree-degree, line-add-drop, line-line, client-line)`,
        );
      } else if (pair === 'line|line' && pa.rate !== pb.rate) {
        add(at, `fibre ${id} joins line ports of different rates (${pa.rate} and ${pb.rate})`);
      } else if (pair === 'client|line' && !(pa.osu && pb.osu)) {
        add(at, `fibre ${id} joins a client port to a line port; only an OSU CPE does that, and both ports need osu: true`);
      }
    }
  });

  const boundary = doc.boundary;
  if (isObj(boundary)) {
    list(boundary.coordinates).forEach((ring, r) => {
      const points = list(ring);
      const first = points[0];
      const last = points[points.length - 1];
      if (points.length >= 4 && JSON.stringify(first) !== JSON.stringify(last)) {
        add(`boundary.coordinates[${r}]`, 'a polygon ring must be closed (its last position equal to its first)');
      }
    });
  }
  return problems;
}
