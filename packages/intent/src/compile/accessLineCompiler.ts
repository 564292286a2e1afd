import type { AccessLineIntent } from '../intent';
import { serviceClassOf } from '../serviceClass';
import { singleAccessFibre } from './singleHomed';
import type { CompileContext, IntentCompiler } from './Compilation';
import { connectionWindows } from './scheduleTerms';
import { classExplain, connectionRequest, latencyBound, protectionExplain, revertTerms, slaTerms } from './connectionTerms';

/** A line (permanent, or on a calendar) from a park or access point to a DC, in the service class its bandwidth falls in. */
export const accessLineCompiler: IntentCompiler<'access-line'> = {
  kind: 'access-line',
  compile(intent: AccessLineIntent, context) {
    const layer = serviceClassOf(intent.bandwidthKbps);
    const bound = latencyBound(intent);
    const calendar = connectionWindows(intent.schedule, context);
    const revert = revertTerms(intent);
    return {
      kind: 'access-line',
      action: 'create',
      pathRequests: [connectionRequest(intent, intent.bandwidthKbps, layer, bound.us, calendar.first)],
      windows: calendar.windows,
      sla: slaTerms(intent, bound.us, intent.bandwidthKbps),
      ...(intent.industry ? { industry: intent.industry } : {}),
      ...(calendar.schedule ? { schedule: calendar.schedule } : {}),
      ...(revert.revertive ? { revertive: revert.revertive } : {}),
      explain: [
        classExplain(intent.bandwidthKbps, layer),
        bound.explain,
        protectionExplain(intent),
        ...singleHomedNote(intent, context),
        ...revert.explain,
        ...calendar.explain,
      ],
    };
  },
};

function singleHomedNote(intent: AccessLineIntent, context: CompileContext): string[] {
  if (intent.protection === 'none') return [];
  const fibre = singleAccessFibre(context.topology, intent.from.site);
  return fibre ? [`park ${intent.from.site} hangs on one access fibre (${fibre}): both paths share it; protection covers the rest`] : [];
}
