import type { ControllerCore } from '../facade/ControllerCore';
import type { StoredIntent, TransitionChange } from '../store/ControllerStore';
import { transactionReason } from './failureReasons';
import { resizeForElastic } from './provisionIntent';
import { ownersToRelease } from './lineReservations';
import { runTransaction } from './runTransaction';
import type { TimeWindow } from '@milli/core';
import { planOf } from './IntentPlan';
import { occurrencesOf } from './reserveOccurrences';
import { extendHorizon } from './extendHorizon';
import { lightpathOwner } from '../installer/plan/ReservedLine';

const LIVE = new Set(['accepted', 'compiling', 'reserved', 'scheduled', 'provisioning', 'active', 'degraded', 'restoring', 'modifying']);

/**
 * The `deleting` state's work. A release intent takes its line's configuration off the network in one transaction,
 * then sends every other live intent of the line to `deleting` (they find nothing installed and only free what they
 * hold). An elastic intent ending reverts the line. Any other intent removes the line's configuration if it is still
 * there (a data-express window's end), then frees its reservations.
 */
export async function teardownIntent(core: ControllerCore, id: string): Promise<void> {
  const stored = await core.store.intent(id);
  if (!stored || core.lifecycles.state(id) !== 'deleting') return;
  const lineId = stored.line;
  const line = lineId ? await core.store.line(lineId) : undefined;
  if (stored.kind === 'elastic' && line?.current === id) return resizeForElastic(core, stored, 'revert');
  const done = { releaseOwners: await ownersToRelease(core, stored), scheduleDoneFor: [id] };

  const ownsConfiguration = stored.kind === 'release' || line?.intents[0] === id;
  let removed: Pick<TransitionChange, 'line' | 'endTransaction'> = {};
  if (line && ownsConfiguration && line.installed !== undefined) {
    const outcome = await runTransaction(core, { intent: id, line: line.id, purpose: 'release' }, (tx) =>
      core.installer.release({ line: line.id, installed: line.installed }, tx),
    );
    if (!outcome.ok) {
      const reason = transactionReason(outcome.phase, outcome.devices, outcome.message);
      await core.lifecycles.send(id, lineId, { type: 'DELETE_FAILED', reason }, reason.message, { ...done, endTransaction: outcome.end });
      return;
    }
    // What the devices no longer hold, the line no longer records: in the same database transaction as DELETED.
    removed = { line: { id: line.id, patch: { installed: null } }, endTransaction: outcome.end };
    // The lightpaths the release took off go from the ledger with it (after the line's own reservation, which they
    // carry), even when a line released in the same group transaction was still counted as riding them when its
    // owners to release were worked out: what left the network together leaves the ledger with this transition.
    const gone = (outcome.removedLightpaths ?? []).map(lightpathOwner);
    if (gone.length > 0) done.releaseOwners = [...new Set([...done.releaseOwners, line.id, ...gone])];
    core.log.child({ intent: id, line: line.id, transaction: outcome.transaction }).info('line configuration removed');
  }
  // The line's other intents are sent to `deleting` first: a crash between the two leaves the release intent
  // `deleting`, so a restart finishes it, instead of a deleted release beside a line still `active`. Their own work
  // waits in the line's queue until this transition is written.
  if (stored.kind === 'release' && line) await releaseOthers(core, stored, line.intents);
  const next = await nextOccurrence(core, stored, line?.intents ?? []);
  if (next) {
    // One night of a recurring connection is over: off the network, the later nights stay reserved and armed.
    const extended = await extendHorizon(core, stored);
    await core.lifecycles.send(
      id,
      lineId,
      { type: 'OCCURRENCE_DONE' },
      `occurrence over; the next opens at ${new Date(next.start).toISOString()}`,
      {
        ...removed,
        ...(extended
          ? {
              intent: { compilation: extended.plan, explain: [...stored.explain, ...extended.refused] },
              reserve: extended.reserve,
              scheduleAdd: extended.scheduleAdd,
            }
          : {}),
      },
    );
    if (extended) {
      core.arm(extended.scheduleAdd);
      for (const refused of extended.refused) core.log.warn({ intent: id, line: lineId }, refused);
    }
    return;
  }
  await core.lifecycles.send(id, lineId, { type: 'DELETED' }, stored.kind === 'release' ? `line ${lineId} released` : 'resources freed', {
    ...done,
    ...removed,
  });
}

/** The next occurrence of a connection on a calendar, unless the line was released by a release intent. */
async function nextOccurrence(core: ControllerCore, stored: StoredIntent, intents: string[]): Promise<TimeWindow | undefined> {
  const compilation = planOf(stored)?.compilation;
  if (!compilation?.schedule || stored.kind === 'release') return undefined;
  for (const other of intents) if ((await core.store.intent(other))?.kind === 'release') return undefined;
  const now = core.clock.now();
  return occurrencesOf(compilation).find((w) => w.start > now);
}

async function releaseOthers(core: ControllerCore, release: StoredIntent, intents: string[]): Promise<void> {
  for (const other of intents) {
    if (other === release.id) continue;
    const state = core.lifecycles.state(other);
    if (state === undefined || !LIVE.has(state)) continue;
    if (core.lifecycles.can(other, { type: 'RELEASE' })) {
      await core.lifecycles.send(other, release.line, { type: 'RELEASE' }, `released by ${release.id}`);
    }
  }
}
