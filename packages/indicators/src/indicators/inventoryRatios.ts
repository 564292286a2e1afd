import type { Device, Site } from '@milli/topology';
import type { Indicator } from '../model';
import type { SiteClasses } from '../network/classifySites';
import { indicator } from './catalog';

/** Sites counted in and out of a ratio, with the devices that decided each. */
interface Tally {
  in: { site: string; devices: string[] }[];
  out: { site: string; why: string }[];
}

function tally(sites: Site[], decide: (site: Site) => { devices: string[] } | { why: string }): Tally {
  const t: Tally = { in: [], out: [] };
  for (const site of sites) {
    const verdict = decide(site);
    if ('devices' in verdict) t.in.push({ site: site.id, devices: verdict.devices });
    else t.out.push({ site: site.id, why: verdict.why });
  }
  return t;
}

const ratio = (t: Tally) => (t.in.length + t.out.length === 0 ? null : t.in.length / (t.in.length + t.out.length));
const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);

function ratioIndicator(id: Indicator['id'], what: string, t: Tally, population: string): Indicator {
  const value = ratio(t);
  const problems = value === null ? [`no ${population} in the topology: the ratio has no denominator`] : [];
  return indicator(id, {
    value,
    summary: `${t.in.length} of ${t.in.length + t.out.length} ${population} ${what} (${pct(value)})`,
    evidence: { countedIn: t.in, countedOut: t.out, numerator: t.in.length, denominator: t.in.length + t.out.length },
    problems,
  });
}

/** Indicator 2: important sites (core and aggregation) with a deployed OXC or ROADM. */
export function importantSiteOxcRatio(classes: SiteClasses): Indicator {
  const t = tally(classes.important, (site) => {
    const optical = classes.devicesAt(site.id).filter((d) => d.kind === 'oxc' || d.kind === 'roadm');
    const deployed = optical.filter(classes.deployed);
    if (deployed.length > 0) return { devices: deployed.map((d) => d.id) };
    return { why: optical.length > 0 ? `${optical.map((d) => d.id).join(', ')} not in the inventory` : 'no OXC or ROADM at the site' };
  });
  return ratioIndicator('important-site-oxc-ratio', 'have an OXC/ROADM', t, 'important sites');
}

const egressClientGbps = (d: Device) =>
  Math.max(
    0,
    ...d.ports
      .filter((p) => p.kind === 'client')
      .map((p) => (p.rate === '400GE' ? 400 : p.rate === '100GE' ? 100 : p.rate === '10GE' ? 10 : 1)),
  );

/** Indicator 4: medium-and-above DCs whose egress has a port of 400 Gbit/s or more. */
export function dcEgress400gRatio(classes: SiteClasses): Indicator {
  const t = tally(classes.dcs, (site) => {
    const transport = classes.devicesAt(site.id).filter((d) => (d.kind === 'otn' || d.kind === 'osu') && classes.deployed(d));
    const fast = transport.filter((d) => egressClientGbps(d) >= 400);
    if (fast.length > 0) return { devices: fast.map((d) => `${d.id} (400GE client)`) };
    if (site.egressGbps !== undefined && site.egressGbps >= 400) return { devices: [`site egressGbps ${site.egressGbps}`] };
    const best = Math.max(site.egressGbps ?? 0, ...transport.map(egressClientGbps));
    return { why: best > 0 ? `fastest egress ${best} Gbit/s` : 'no egress port found' };
  });
  return ratioIndicator('dc-egress-400g-ratio', 'have >= 400G egress', t, 'medium-and-above DCs');
}

/** Indicator 8: integrated access points whose OTN switch has a 100G (OTU4) or faster line. */
export function accessPoint100gOtnRatio(classes: SiteClasses): Indicator {
  const t = tally(classes.accessPoints, (site) => {
    const otn = classes.devicesAt(site.id).filter((d) => d.kind === 'otn' && classes.deployed(d));
    const fast = otn.filter((d) => d.ports.some((p) => p.kind === 'line' && (p.rate === 'OTU4' || p.rate === 'OTUC4')));
    if (fast.length > 0) return { devices: fast.map((d) => d.id) };
    return { why: otn.length === 0 ? 'no deployed OTN switch' : `${otn.map((d) => d.id).join(', ')}: lines below 100G` };
  });
  return ratioIndicator('access-point-100g-otn-ratio', 'have 100G OTN', t, 'integrated access points');
}
