import { formatBandwidth } from '@milli/core';
import { IntentInvalidError } from '../errors';
import type { ElasticIntent } from '../intent';
import type { PathRequest } from '@milli/pce';
import { serviceClassOf } from '../serviceClass';
import { checkLineEnds } from '../validate/checkAgainstTopology';
import { iso } from '../validate/quantities';
import { ProblemList } from '../validate/ProblemList';
import { siteLookup } from '../validate/siteLookup';
import type { CompileContext, Compilation, IntentCompiler } from './Compilation';

/**
 * Elastic bandwidth: the line's current requests with the new bandwidth, for a window or for good. With a window,
 * `revertTo` holds what the line returns to when it closes. Crossing a service class (100 Mbit/s OSU → 2 Gbit/s ODU)
 * changes the requests' layer, which the PCE answers with a new route in that layer.
 */
export const elasticCompiler: IntentCompiler<'elastic'> = {
  kind: 'elastic',
  compile(intent: ElasticIntent, context, previous) {
    const base = currentRequests(intent.line, previous, 'scale', context);
    const kbps = intent.bandwidthKbps;
    const problems = new ProblemList(context.source ?? JSON_SOURCE);
    if (base.some((r) => r.layer === 'wavelength') && kbps !== 100_000_000 && kbps !== 400_000_000) {
      problems.add(
        '/bandwidth',
        `bandwidth ${formatBandwidth(kbps)}`,
        `: line ${intent.line} is a wavelength; it scales to 100G or 400G only`,
      );
    }
    checkLineEnds(
      base.flatMap((r) => [r.from, r.to]),
      kbps,
      problems,
      { sites: siteLookup(context.topology) },
    );
    if (!problems.empty) throw new IntentInvalidError(problems.problems);

    const timed = intent.window.end !== null || intent.window.start > context.now;
    const requests = base.map((r): PathRequest => {
      const { window: _old, ...rest } = r;
      const layer = r.layer === 'auto' || r.layer === 'wavelength' ? r.layer : serviceClassOf(kbps);
      return { ...rest, bandwidthKbps: kbps, layer, ...(timed ? { window: intent.window } : {}) };
    });
    const explain = [
      `bandwidth ${formatBandwidth(base[0]?.bandwidthKbps ?? 0)} → ${formatBandwidth(kbps)} ` +
        (intent.window.end === null
          ? `from ${iso(intent.window.start)} on`
          : `from ${iso(intent.window.start)} to ${iso(intent.window.end)}, then back`),
    ];
    const before = base[0]?.layer;
    const after = requests[0]?.layer;
    if (before !== after) explain.push(`service class ${before} → ${after}: the line is re-routed in the new layer`);
    return {
      kind: 'elastic',
      action: 'modify',
      line: intent.line,
      pathRequests: requests,
      windows: [intent.window],
      sla: previous?.sla ? { ...previous.sla, bandwidthKbps: kbps } : null,
      ...(previous?.industry ? { industry: previous.industry } : {}),
      ...(intent.window.end !== null ? { revertTo: base } : {}),
      explain,
    };
  },
};

const JSON_SOURCE = { form: 'json', locations: {} } as const;

/** The requests a line holds outside any elastic window; throws when there is no line to change. */
export function currentRequests(line: string, previous: Compilation | undefined, verb: string, context: CompileContext): PathRequest[] {
  const fail = (why: string) => {
    const problems = new ProblemList(context.source ?? JSON_SOURCE);
    problems.add('/line', `cannot ${verb} line ${line}`, `: ${why}`);
    return new IntentInvalidError(problems.problems);
  };
  if (!previous) throw fail("its current compilation is needed (pass the line's previous compilation)");
  if (previous.action === 'delete') throw fail('it has been released');
  const base = previous.revertTo ?? previous.pathRequests;
  if (base.length === 0) throw fail('its compilation holds no path requests');
  return base;
}
