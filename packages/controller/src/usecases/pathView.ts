import type { ComputedPath, ReservationItem } from '@milli/pce';
import type { PathView } from '../facade/types';

/** A computed path as the API shows it: devices, fibres, latency with its breakdown, the concrete numbers held. */
export function pathView(path: ComputedPath): PathView {
  return {
    layer: path.layer,
    devices: path.devices,
    fibres: path.fibres,
    latencyUs: path.latency.totalUs,
    breakdown: {
      fibres: path.latency.fibres.map((f) => ({ fibre: f.fibre, us: f.us })),
      nodes: path.latency.nodes.map((n) => ({ device: n.device, us: n.us })),
    },
    resources: path.reservation.map(resourceView),
  };
}

function resourceView(item: ReservationItem): PathView['resources'][number] {
  switch (item.kind) {
    case 'channel':
      return { kind: 'channel', link: item.fibre, value: item.channel };
    case 'port':
      return { kind: 'port', device: item.device, value: item.port };
    case 'slots':
      return { kind: 'slots', link: item.link, value: item.slots };
    case 'osu':
      return { kind: 'osu-kbps', link: item.link, value: item.kbps };
    case 'otu-link':
      return { kind: 'otu-link', link: item.link.id, value: item.link.channel };
  }
}
