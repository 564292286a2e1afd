import type { Site, Topology } from '@milli/topology';

/** Fibres between two different sites (patch cords inside a site are not drawn), with their end sites. */
export function interSiteFibres(topology: Topology): { id: string; a: Site; b: Site; lengthKm: number }[] {
  const siteOfDevice = new Map(topology.devices.map((d) => [d.id, d.site]));
  const sites = new Map(topology.sites.map((s) => [s.id, s]));
  return topology.fibres.flatMap((f) => {
    const a = sites.get(siteOfDevice.get(f.a.device) ?? '');
    const b = sites.get(siteOfDevice.get(f.b.device) ?? '');
    return a === undefined || b === undefined || a.id === b.id ? [] : [{ id: f.id, a, b, lengthKm: f.lengthKm }];
  });
}
