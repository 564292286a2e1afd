import { isMilliError, MilliError, type TimeWindow } from '@milli/core';
import { type Compilation, readIntent } from '@milli/intent';
import { computePath, type PceResult } from '@milli/pce';
import type { ControllerCore } from '../facade/ControllerCore';
import type { FailureReason } from '../facade/types';
import type { ScheduleEntry, StoredIntent } from '../store/ControllerStore';
import { internalReason, invalidReason, noPathReason, noPortReason } from './failureReasons';
import { type IntentPlan, planOf } from './IntentPlan';
import { storedReservations } from './lineReservations';
import type { ReservedLine } from '../installer/plan/ReservedLine';
import { reserveLine } from '../installer/plan/reserveLine';
import { releaseReservations } from '../installer/releaseReservations';
import { admissionExplain, dataExpressUnfit } from './admitDataExpress';
import { pathView } from './pathView';
import { occurrencesOf, reserveOccurrences } from './reserveOccurrences';

/**
 * The `compiling` state's work: read the intent (parse, validate, compile, with the line's previous compilation for
 * elastic and release), then compute a path and reserve it in one step. Computing and reserving run without a pause
 * between them, so no other request can take the resources in between; a conflict all the same (another process
 * sharing the store, in future) is answered by computing again, up to `reserveAttempts` times.
 */
export async function compileIntent(core: ControllerCore, id: string): Promise<void> {
  const stored = await core.store.intent(id);
  if (!stored || core.lifecycles.state(id) !== 'compiling') return;
  const now = core.clock.now();
  const reject = (reason: FailureReason, why: string) =>
    core.lifecycles.send(id, stored.line, { type: 'REJECTED', reason }, why, { releaseOwners: [id], scheduleDoneFor: [id] });

  let compilation: Compilation;
  let checked: object;
  try {
    const previous = await previousCompilation(core, stored);
    if (previous instanceof Error) throw previous;
    const read = readIntent(stored.input, { topology: core.index, now, ...(previous ? { previous } : {}) });
    compilation = read.compilation;
    checked = read.intent;
  } catch (error) {
    await reject(invalidReason(error), `invalid: ${(error as Error).message}`);
    return;
  }
  const intentPatch = { checked, explain: compilation.explain };

  if (compilation.action === 'delete') {
    const at = compilation.windows[0]!.start;
    if (at > now) {
      const entry: ScheduleEntry = { id: await core.store.nextId('S'), intent: id, action: 'release', at };
      await core.lifecycles.send(id, stored.line, { type: 'WAIT' }, `release of ${stored.line} at ${new Date(at).toISOString()}`, {
        intent: { ...intentPatch, compilation: { compilation } satisfies IntentPlan },
        scheduleAdd: [entry],
      });
      core.arm([entry]);
    } else {
      await core.lifecycles.send(id, stored.line, { type: 'TEARDOWN' }, `release of ${stored.line} now`, {
        intent: { ...intentPatch, compilation: { compilation } satisfies IntentPlan },
      });
    }
    return;
  }

  const request = compilation.pathRequests[0];
  const window = compilation.windows[0];
  if (!request || !window) {
    await reject(internalReason(new Error('the compilation holds no path request')), 'nothing to compute');
    return;
  }
  if (compilation.action === 'modify') {
    // An elastic change keeps its line's path: the installer re-books the line's own reservation at the new rate
    // when the change comes into force (and refuses, touching nothing, when the path cannot hold it).
    await reserveElastic(core, stored, { checked, explain: compilation.explain }, compilation, window);
    return;
  }
  for (let attempt = 1; attempt <= core.reserveAttempts; attempt++) {
    const result = computePath(core.graph, core.ledger, request, { now });
    if (!result.ok) {
      await reject(noPathReason(result.failure), `no path: ${result.failure.message}`);
      return;
    }
    const unfit = dataExpressUnfit(compilation, result, window, now);
    if (unfit) {
      await reject(unfit, unfit.message);
      return;
    }
    let reserved: ReservedLine;
    try {
      // Numbered now (slots, OSU ids, ports, channels), owned by the line and by each lightpath it grooms.
      reserved = reserveLine(core.index, core.ledger, { line: stored.line!, result, window });
    } catch (error) {
      if (isMilliError(error) && error.code === 'RESOURCE_CONFLICT') continue;
      if (isMilliError(error) && error.code === 'INSTALL_NO_PORT') {
        await reject(noPortReason(error), `no port: ${error.message}`);
        return;
      }
      throw error;
    }
    const refused = reserveOccurrences(core.ledger, reserved, compilation);
    if (refused) {
      releaseReservations(core.ledger, reserved);
      await reject(refused, refused.message);
      return;
    }
    const plan: IntentPlan = {
      compilation,
      working: result.working,
      ...(result.protection ? { protection: result.protection } : {}),
      reserved,
    };
    const view = { working: pathView(result.working), ...(result.protection ? { protection: pathView(result.protection) } : {}) };
    const explain = [...compilation.explain, ...admissionExplain(compilation, result, window, now)];
    const entries = (await Promise.all(occurrencesOf(compilation).map((w) => scheduleOf(core, id, w, now)))).flat();
    try {
      await core.lifecycles.send(id, stored.line, { type: 'RESERVED' }, describeReservation(result, window), {
        intent: { checked, explain, compilation: plan, path: view },
        ...(stored.line ? { line: { id: stored.line, patch: { bandwidthKbps: request.bandwidthKbps, path: view } } } : {}),
        reserve: await storedReservations(core, reserved),
        scheduleAdd: entries,
      });
    } catch (error) {
      // The reservation and its transition commit together or not at all.
      releaseReservations(core.ledger, reserved);
      throw error;
    }
    core.arm(entries);
    await continueReserved(core, id);
    return;
  }
  await reject(
    {
      kind: 'resource-conflict',
      code: 'RESOURCE_CONFLICT',
      message: 'resources were taken each time a path was computed',
      evidence: { attempts: core.reserveAttempts },
    },
    'resources taken while computing',
  );
}

/** An elastic change: reserved in the sense of accepted for its window; the ledger is asked when it applies. */
async function reserveElastic(
  core: ControllerCore,
  stored: StoredIntent,
  patch: { checked: object; explain: string[] },
  compilation: Compilation,
  window: TimeWindow,
): Promise<void> {
  const now = core.clock.now();
  const line = stored.line ? await core.store.line(stored.line) : undefined;
  const plan: IntentPlan = { compilation, ...(line ? { previous: line.current } : {}) };
  const entries = await scheduleOf(core, stored.id, window, now);
  const kbps = compilation.pathRequests[0]!.bandwidthKbps;
  await core.lifecycles.send(stored.id, stored.line, { type: 'RESERVED' }, `line ${stored.line} to change to ${kbps} kbit/s in place`, {
    intent: { ...patch, compilation: plan },
    scheduleAdd: entries,
  });
  core.arm(entries);
  await continueReserved(core, stored.id);
}

async function scheduleOf(core: ControllerCore, id: string, window: TimeWindow, now: number): Promise<ScheduleEntry[]> {
  const entries: ScheduleEntry[] = [];
  if (window.start > now) entries.push({ id: await core.store.nextId('S'), intent: id, action: 'start', at: window.start });
  if (window.end !== null) entries.push({ id: await core.store.nextId('S'), intent: id, action: 'end', at: window.end });
  return entries;
}

/** From `reserved`: wait for the window's start, or provision now. */
export async function continueReserved(core: ControllerCore, id: string): Promise<void> {
  const stored = await core.store.intent(id);
  const window = stored && planOf(stored)?.compilation.windows[0];
  if (!stored || !window || core.lifecycles.state(id) !== 'reserved') return;
  if (window.start > core.clock.now()) {
    await core.lifecycles.send(id, stored.line, { type: 'WAIT' }, `window opens at ${new Date(window.start).toISOString()}`);
  } else {
    await core.lifecycles.send(id, stored.line, { type: 'PROVISION' }, 'window open: provisioning');
  }
}

/** Elastic and release build on the line's current compilation; an unknown line is the intent's own error. */
async function previousCompilation(core: ControllerCore, stored: StoredIntent): Promise<Compilation | Error | undefined> {
  if (stored.kind !== 'elastic' && stored.kind !== 'release') return undefined;
  const line = stored.line ? await core.store.line(stored.line) : undefined;
  if (!line) {
    const message = `line ${stored.line} does not exist`;
    return new MilliError('INTENT_INVALID', message, { problems: [{ message, path: '/line' }] });
  }
  const current = await core.store.intent(line.current);
  return current && planOf(current)?.compilation;
}

function describeReservation(result: Extract<PceResult, { ok: true }>, window: TimeWindow): string {
  const w = result.working;
  const until = window.end === null ? 'open-ended' : `until ${new Date(window.end).toISOString()}`;
  return `reserved ${w.layer} path over ${w.devices.length} devices (${w.reservation.length} resources${result.protection ? ', with protection' : ''}), ${until}`;
}
