import { formatBandwidth } from '@milli/core';
import type { DcInterconnectIntent } from '../intent';
import type { IntentCompiler } from './Compilation';
import { connectionRequest, latencyBound, protectionExplain, slaTerms } from './connectionTerms';

/** A permanent wavelength (OTU4 100G or OTUC4 400G) between two DCs' ROADM/OXC nodes. */
export const dcInterconnectCompiler: IntentCompiler<'dc-interconnect'> = {
  kind: 'dc-interconnect',
  compile(intent: DcInterconnectIntent, context) {
    const bound = latencyBound(intent);
    const otu = intent.bandwidthKbps > 100_000_000 ? 'OTUC4' : 'OTU4';
    return {
      kind: 'dc-interconnect',
      action: 'create',
      pathRequests: [connectionRequest(intent, intent.bandwidthKbps, 'wavelength', bound.us)],
      windows: [{ start: context.now, end: null }],
      sla: slaTerms(intent, bound.us, intent.bandwidthKbps),
      explain: [`one ${formatBandwidth(intent.bandwidthKbps)} wavelength (${otu})`, bound.explain, protectionExplain(intent)],
    };
  },
};
