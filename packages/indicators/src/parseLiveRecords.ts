import { MilliError } from '@milli/core';
import type { LiveIntent, LiveLine, LiveRecords } from './inputs';

/**
 * Checks the controller's records (as GET /v1/lines and GET /v1/intents return them) before any indicator reads
 * them: a field of the wrong type is named with its place, so a changed API contract fails loudly, not as zeros.
 */
export function parseLiveRecords(lines: unknown, intents: unknown): LiveRecords {
  const problems: string[] = [];
  const isStr = (v: unknown) => typeof v === 'string';
  if (!Array.isArray(lines)) problems.push('lines: expected a list');
  if (!Array.isArray(intents)) problems.push('intents: expected a list');
  (Array.isArray(lines) ? lines : []).forEach((raw, i) => {
    const l = raw as Partial<LiveLine>;
    for (const k of ['id', 'state', 'from', 'to'] as const) if (!isStr(l?.[k])) problems.push(`lines[${i}].${k}: expected a string`);
    if (typeof l?.bandwidthKbps !== 'number') problems.push(`lines[${i}].bandwidthKbps: expected a number`);
    if (!Array.isArray(l?.intents)) problems.push(`lines[${i}].intents: expected a list of intent ids`);
    const w = l?.path?.working;
    if (l?.path !== undefined && (typeof w?.latencyUs !== 'number' || !isStr(w?.layer)))
      problems.push(`lines[${i}].path.working: expected layer and latencyUs`);
  });
  (Array.isArray(intents) ? intents : []).forEach((raw, i) => {
    const r = raw as Partial<LiveIntent>;
    for (const k of ['id', 'kind', 'state'] as const) if (!isStr(r?.[k])) problems.push(`intents[${i}].${k}: expected a string`);
    if (!Array.isArray(r?.history)) problems.push(`intents[${i}].history: expected a list of transitions`);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    throw new MilliError(
      'REPORT_INPUT',
      `the controller's records have ${problems.length} problem(s):\n${shown.join('\n')}${problems.length > 20 ? '\n…' : ''}`,
      { problems: shown },
    );
  }
  return { lines: lines as LiveLine[], intents: intents as LiveIntent[] };
}
