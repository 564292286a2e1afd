import { MilliError } from '@milli/core';
import { type Device, greatCircleKm, PATCH_KM, type Port, ROUTE_FACTOR, type Site, type Topology, validateTopology } from '@milli/topology';
import type { Candidate } from './candidates';

/** The topology with one candidate applied (a copy; the input is untouched), checked by the topology validator. */
export function applyCandidate(topology: Topology, candidate: Candidate): Topology {
  const t: Topology = structuredClone(topology);
  const fail = (message: string): never => {
    throw new MilliError('REPORT_INPUT', `candidate ${candidate.id}: ${message}`, { candidate: candidate.id });
  };
  const site = (id: string) => t.sites.find((s) => s.id === id) ?? fail(`unknown site '${id}'`);
  const at = (id: string, kinds: Device['kind'][]) => t.devices.find((d) => d.site === id && kinds.includes(d.kind));
  const newPort = (device: Device, prefix: string, fields: Omit<Port, 'id'>) => {
    let n = device.ports.length + 1;
    while (device.ports.some((p) => p.id === `${prefix}-${n}`)) n++;
    const port = { id: `${prefix}-${n}`, ...fields };
    device.ports.push(port);
    return port.id;
  };
  const connect = (a: Device, pa: string, b: Device, pb: string, lengthKm: number) => {
    t.fibres.push({
      id: `${candidate.id}-F${t.fibres.length + 1}`,
      a: { device: a.id, port: pa },
      b: { device: b.id, port: pb },
      lengthKm,
      srlgs: [],
    });
  };
  const otnLine = (x: Site, y: Site, lengthKm: number, rate: Port['rate']) => {
    const dx = at(x.id, ['otn']) ?? fail(`site ${x.id} has no OTN switch to end an OTN line on`);
    const dy = at(y.id, ['otn']) ?? fail(`site ${y.id} has no OTN switch to end an OTN line on`);
    connect(dx, newPort(dx, 'line', { kind: 'line', rate }), dy, newPort(dy, 'line', { kind: 'line', rate }), lengthKm);
  };

  if (candidate.kind === 'fibre') {
    const [a, b] = [site(candidate.a), site(candidate.b)];
    if (a.id === b.id) fail('a fibre needs two different sites');
    const [ra, rb] = [at(a.id, ['roadm', 'oxc']), at(b.id, ['roadm', 'oxc'])];
    if (ra !== undefined && rb !== undefined)
      connect(ra, newPort(ra, 'deg', { kind: 'degree' }), rb, newPort(rb, 'deg', { kind: 'degree' }), candidate.lengthKm);
    else otnLine(a, b, candidate.lengthKm, candidate.rate ?? 'OTU4');
  } else if (candidate.kind === 'oxc') {
    const s = site(candidate.site);
    const roadm = at(s.id, ['roadm', 'oxc']);
    if (roadm?.kind === 'oxc') fail(`site ${s.id} already has an OXC (${roadm.id})`);
    if (roadm !== undefined) roadm.kind = 'oxc';
    else {
      const otn = at(s.id, ['otn']) ?? fail(`site ${s.id} has neither a ROADM to upgrade nor an OTN switch to patch a new OXC into`);
      const oxc: Device = {
        id: `${s.id}-oxc`,
        site: s.id,
        kind: 'oxc',
        model: 'generic-oxc',
        ports: [],
        management: { address: freeAddress(t) },
      };
      t.devices.push(oxc);
      for (let i = 0; i < 2; i++)
        connect(
          otn,
          newPort(otn, 'line', { kind: 'line', rate: 'OTU4' }),
          oxc,
          newPort(oxc, 'ad', { kind: 'add-drop', group: 'adg-1' }),
          PATCH_KM,
        );
    }
  } else {
    if (t.sites.some((s) => s.id === candidate.site)) fail(`site '${candidate.site}' already exists`);
    const ap: Site = { id: candidate.site, kind: 'access', name: candidate.site, lat: candidate.lat, lon: candidate.lon };
    const homes = (candidate.homes ?? nearestOtnSites(t, ap, 2)).map(site);
    if (homes.length === 0) fail('no site with an OTN switch to home the access point to');
    t.sites.push(ap);
    t.devices.push({
      id: `${ap.id}-otn`,
      site: ap.id,
      kind: 'otn',
      model: 'generic-otn',
      ports: [{ id: 'client-1', kind: 'client', rate: '10GE', osu: true }],
      management: { address: freeAddress(t) },
    });
    for (const h of homes)
      otnLine(ap, h, Math.max(0.5, Math.round(greatCircleKm(ap, h) * ROUTE_FACTOR * 100) / 100), candidate.rate ?? 'OTU4');
  }
  const problems = validateTopology(t);
  if (problems.length > 0) fail(`the changed topology is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return t;
}

function nearestOtnSites(t: Topology, from: Site, n: number): string[] {
  const withOtn = new Set(t.devices.filter((d) => d.kind === 'otn').map((d) => d.site));
  return t.sites
    .filter((s) => withOtn.has(s.id) && (s.kind === 'important' || s.kind === 'access' || s.kind === 'dc'))
    .map((s) => ({ id: s.id, km: greatCircleKm(from, s) }))
    .sort((a, b) => a.km - b.km || a.id.localeCompare(b.id))
    .slice(0, n)
    .map((s) => s.id);
}

/** A management address no device uses yet (what-if devices never run, but the file format asks for one). */
function freeAddress(t: Topology): string {
  const used = new Set(t.devices.map((d) => d.management.address));
  for (let i = 1; i < 65_000; i++) {
    const address = `10.254.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    if (!used.has(address)) return address;
  }
  throw new MilliError('INTERNAL', 'no free what-if management address', {});
}
