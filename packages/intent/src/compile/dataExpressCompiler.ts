import { formatBandwidth } from '@milli/core';
import { IntentInvalidError } from '../errors';
import type { DataExpressIntent } from '../intent';
import type { IntentCompiler } from './Compilation';
import { connectionRequest, latencyBound, protectionExplain, slaTerms } from './connectionTerms';
import { volumeToBandwidth } from './volumeToBandwidth';

/** Task-based scheduling: a volume by a deadline becomes a bandwidth held only for the transfer's window. */
export const dataExpressCompiler: IntentCompiler<'data-express'> = {
  kind: 'data-express',
  compile(intent: DataExpressIntent) {
    const window = { start: intent.start, end: intent.end };
    const result = volumeToBandwidth(intent.volumeBytes, intent.end - intent.start);
    if (!result.ok) {
      // Validation reports this with its position; reached only when a caller compiles an unchecked intent.
      throw new IntentInvalidError([
        {
          path: '/volume',
          at: '/volume',
          message: `volume needs ${formatBandwidth(Math.ceil(result.neededKbps))}, more than one 400G wavelength`,
        },
      ]);
    }
    const plan = result.plan;
    const bound = latencyBound(intent);
    const hours = (plan.windowMs / 3_600_000).toFixed(2);
    return {
      kind: 'data-express',
      action: 'create',
      pathRequests: [connectionRequest(intent, plan.bandwidthKbps, plan.serviceClass, bound.us, window)],
      windows: [window],
      sla: slaTerms(intent, bound.us, plan.bandwidthKbps),
      ...(intent.industry ? { industry: intent.industry } : {}),
      volumePlan: plan,
      explain: [
        `${intent.volumeBytes} bytes over ${hours} h = ${formatBandwidth(plan.rawKbps)}; +${plan.headroom * 100}% headroom = ${formatBandwidth(plan.withHeadroomKbps)}; ` +
          `rounded up to the ${plan.serviceClass} granularity = ${formatBandwidth(plan.bandwidthKbps)}`,
        bound.explain,
        protectionExplain(intent),
      ],
    };
  },
};
