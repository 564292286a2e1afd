import type { PortRate, Site } from '../model';
import type { TopologyBuilder } from './TopologyBuilder';

/** An intra-site patch cord (OTN line port to ROADM add/drop port). */
export const PATCH_KM = 0.01;
/** Add/drop ports per add/drop group (one group per 8 ports, as a small colorless add/drop module has). */
const ADD_DROP_GROUP_SIZE = 8;

/**
 * The OTN switch of a ROADM site, patched into its ROADM: one OTU4 line port per degree (at least two) and two
 * OTUC4 for 400G, each on its own add/drop port. A line port is where an OTU link over a lightpath can start, so a
 * site can light one 100G wavelength per direction plus two 400G ones without touching the patch panel.
 */
export function patchOtnIntoRoadm(b: TopologyBuilder, otnId: string, roadmId: string, degree: number): void {
  const rates: PortRate[] = [...Array<PortRate>(Math.max(2, degree)).fill('OTU4'), 'OTUC4', 'OTUC4'];
  rates.forEach((rate, i) => {
    const line = b.addPort(otnId, 'line', { kind: 'line', rate });
    const ad = b.addPort(roadmId, 'ad', { kind: 'add-drop', group: `adg-${Math.floor(i / ADD_DROP_GROUP_SIZE) + 1}` });
    b.connect(line, ad, PATCH_KM);
  });
}

/**
 * Client ports of a ROADM site's OTN switch: at a DC, two egress ports at the site's egress rate plus two 10GE with
 * OSU cards toward the servers (where park lines end); at an important site, two 100GE for local services.
 */
export function addSiteClientPorts(b: TopologyBuilder, site: Site, otnId: string): void {
  if (site.kind === 'important') for (let i = 0; i < 2; i++) b.addPort(otnId, 'client', { kind: 'client', rate: '100GE' });
  if (site.kind === 'dc') {
    for (let i = 0; i < 2; i++) b.addPort(otnId, 'client', { kind: 'client', rate: site.egressGbps === 400 ? '400GE' : '100GE' });
    for (let i = 0; i < 2; i++) b.addPort(otnId, 'client', { kind: 'client', rate: '10GE', osu: true });
  }
}
