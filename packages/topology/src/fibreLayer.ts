import type { Fibre } from './model';
import { TopologyError } from './TopologyError';
import type { TopologyLookup } from './TopologyIndex';

/**
 * What a fibre is in the layered picture (docs/architecture.md, "Layers"), from the kinds of the ports it joins:
 * - `optical-span`: degree↔degree between ROADMs/OXCs (carries media channels);
 * - `otn-patch`: an OTN line port patched into a ROADM add/drop port (where a lightpath starts);
 * - `otu-link`: line↔line with grey optics, itself an OTU link (access rings);
 * - `osu-access`: a park CPE's OSU line to its access point's client port.
 */
export type FibreLayer = 'optical-span' | 'otn-patch' | 'otu-link' | 'osu-access';

export function fibreLayer(fibre: Fibre, index: TopologyLookup): FibreLayer {
  const kinds = [index.port(`${fibre.a.device}/${fibre.a.port}`).kind, index.port(`${fibre.b.device}/${fibre.b.port}`).kind]
    .sort()
    .join('|');
  switch (kinds) {
    case 'degree|degree':
      return 'optical-span';
    case 'add-drop|line':
      return 'otn-patch';
    case 'line|line':
      return 'otu-link';
    case 'client|line':
      return 'osu-access';
    default:
      throw new TopologyError([{ path: `fibre ${fibre.id}`, message: `joins ${kinds}, which no layer allows` }]);
  }
}
