import { formatBandwidth } from '@milli/core';
import type { DcInterconnectIntent } from '../intent';
import type { IntentCompiler } from './Compilation';
import { connectionWindows } from './scheduleTerms';
import { connectionRequest, latencyBound, protectionExplain, revertTerms, slaTerms } from './connectionTerms';

/** A wavelength (permanent, or on a calendar) (OTU4 100G or OTUC4 400G) between two DCs' ROADM/OXC nodes. */
export const dcInterconnectCompiler: IntentCompiler<'dc-interconnect'> = {
  kind: 'dc-interconnect',
  compile(intent: DcInterconnectIntent, context) {
    const bound = latencyBound(intent);
    const otu = intent.bandwidthKbps > 100_000_000 ? 'OTUC4' : 'OTU4';
    const calendar = connectionWindows(intent.schedule, context);
    const revert = revertTerms(intent);
    return {
      kind: 'dc-interconnect',
      action: 'create',
      pathRequests: [connectionRequest(intent, intent.bandwidthKbps, 'wavelength', bound.us, calendar.first)],
      windows: calendar.windows,
      sla: slaTerms(intent, bound.us, intent.bandwidthKbps),
      ...(calendar.schedule ? { schedule: calendar.schedule } : {}),
      ...(revert.revertive ? { revertive: revert.revertive } : {}),
      explain: [
        `one ${formatBandwidth(intent.bandwidthKbps)} wavelength (${otu})`,
        bound.explain,
        protectionExplain(intent),
        ...revert.explain,
        ...calendar.explain,
      ],
    };
  },
};
