import { type Logger, MilliError, silentLogger } from '@milli/core';
import { type ChangeSet, type ConnectionPool, type DeviceDrivers, type Edit, RunningApplier, findEntry } from '@milli/drivers';
import type { ComputedPath } from '@milli/pce';
import type { TopologyIndex } from '@milli/topology';
import { type DeviceChange, runNetworkTransaction } from '../installer/NetworkTransaction';
import { type MediaChannelStep, planMediaChannels } from '../installer/planMediaChannels';
import type { DeviceChangeRecord, StoredJournalEntry, StoredTransaction } from '../store/ControllerStore';
import { DeviceLocks } from './DeviceLocks';
import type { InstallOutcome, LineInstaller, RecoveryOutcome, TransactionContext } from './LineInstaller';

/** What a wavelength line holds on the devices: one media channel per ROADM, named after the line. */
export interface InstalledWavelength {
  kind: 'wavelength';
  steps: MediaChannelStep[];
}

export interface WavelengthInstallerOptions {
  /** Seconds a device keeps a confirmed commit before rolling it back on its own (default 120). */
  confirmTimeoutS?: number;
  /** Check oper-status of every new media channel before confirming (default true). */
  verify?: boolean;
  logger?: Logger;
}

/**
 * The first LineInstaller, over what exists today: wavelength lines (planMediaChannels) configured as one network
 * transaction (runNetworkTransaction). OSU and ODU lines, protection and the ledger's concrete numbering on OTN
 * devices belong to the multi-layer installer that replaces this one.
 */
export class WavelengthInstaller implements LineInstaller {
  private readonly locks = new DeviceLocks();
  private readonly confirmTimeoutS: number;
  private readonly verify: boolean;
  private readonly log: Logger;

  constructor(
    private readonly drivers: DeviceDrivers,
    private readonly pool: ConnectionPool,
    private readonly index: TopologyIndex,
    options: WavelengthInstallerOptions = {},
  ) {
    this.confirmTimeoutS = options.confirmTimeoutS ?? 120;
    this.verify = options.verify ?? true;
    this.log = options.logger ?? silentLogger();
  }

  async install(request: { line: string; path: ComputedPath }, tx: TransactionContext): Promise<InstallOutcome> {
    const steps = this.plan(request.path, request.line);
    return this.apply(steps, [], tx);
  }

  async release(request: { line: string; installed: unknown }, tx: TransactionContext): Promise<InstallOutcome> {
    return this.apply([], installedSteps(request.installed), tx);
  }

  async resize(request: { line: string; installed: unknown; path: ComputedPath }, tx: TransactionContext): Promise<InstallOutcome> {
    const before = installedSteps(request.installed);
    const after = this.plan(request.path, request.line);
    // A wavelength keeps its cross-connects when only its rate changes; a new route or channel replaces them.
    if (JSON.stringify(before) === JSON.stringify(after)) {
      return { ok: true, installed: { kind: 'wavelength', steps: after } satisfies InstalledWavelength, devices: [] };
    }
    return this.apply(after, before, tx);
  }

  async recover(open: StoredTransaction, journal: StoredJournalEntry[], tx: TransactionContext): Promise<RecoveryOutcome> {
    // Past the start of confirm some devices may have made the change permanent: finish on all. Before it, undo on all.
    const forward = journal.some((e) => e.phase === 'confirm');
    const devices = open.changes.map((c) => c.device);
    const log = this.log.child({ transaction: open.id });
    return this.locks.run(devices, async () => {
      await Promise.all(
        open.changes
          .filter((c) => c.datastore === 'candidate')
          .map(async (c) => {
            const { netconf } = await this.pool.acquire(c.device);
            // Either answer is fine: a commit still pending is settled; "nothing pending" means it already was.
            const reply = forward ? await netconf.commit({ persistId: open.persistId }) : await netconf.cancelCommit(open.persistId);
            log.info(
              { device: c.device, ok: reply.ok },
              forward ? 'recovery: confirm by persist id' : 'recovery: cancel-commit by persist id',
            );
            // The dead session may have left its edits in the candidate (killed between edit-config and commit); a
            // dirty candidate refuses every later lock, so it is discarded. Nothing else of ours runs during recovery.
            await netconf.discardChanges();
          }),
      );
      const fixes = await this.missingEdits(open.changes, forward);
      const repaired = fixes.map((f) => f.device);
      if (fixes.length > 0) {
        const changes = await Promise.all(fixes.map((f) => this.changeOf(f.device, f.edits)));
        await tx.begin(await recordsOf(changes), undefined);
        const outcome = await this.run(changes, tx, false);
        log.info({ devices: repaired, ok: outcome.ok }, 'recovery: journaled edits applied where the devices lacked them');
      }
      const consistent = (await this.missingEdits(open.changes, forward)).length === 0;
      return { direction: forward ? 'finished' : 'undone', repaired, consistent, devices };
    });
  }

  private plan(path: ComputedPath, line: string): MediaChannelStep[] {
    return planMediaChannels(path, this.index, line);
  }

  /** One transaction that adds `add` and removes `remove` (per device, in one change set). */
  private async apply(add: MediaChannelStep[], remove: MediaChannelStep[], tx: TransactionContext): Promise<InstallOutcome> {
    const devices = [...new Set([...remove, ...add].map((s) => s.device))];
    return this.locks.run(devices, async () => {
      const changes = await Promise.all(
        devices.map(async (device) => {
          const driver = await this.drivers.driver(device);
          const roadm = driver.roadm;
          if (!roadm) throw new MilliError('DRIVER_VERB', `${device} has no ROADM verbs: it cannot carry a wavelength`, { device });
          const changeSet = await driver.beginChangeSet();
          // Idempotent per device: what is already gone is not removed again, what is already there is not added again
          // (a transaction repeated after a restart finds the work partly or wholly done).
          const present = new Map((await roadm.listMediaChannels()).map((m) => [m.name, m]));
          for (const s of remove.filter((s) => s.device === device)) {
            if (present.has(s.name)) roadm.releaseMediaChannel(changeSet, s.name);
            present.delete(s.name);
          }
          for (const s of add.filter((s) => s.device === device)) {
            const there = present.get(s.name);
            if (there && there.channel === s.channel && there.from === s.from && there.to === s.to) continue;
            roadm.connectMediaChannel(changeSet, { name: s.name, channel: s.channel, from: s.from, to: s.to, targetPowerDbm: -2 });
          }
          return { device, changeSet, applier: driver.applier() } satisfies DeviceChange;
        }),
      );
      await tx.begin(await recordsOf(changes), { kind: 'wavelength', steps: add } satisfies InstalledWavelength);
      const outcome = await this.run(changes, tx, this.verify && add.length > 0 ? add : false);
      if (!outcome.ok) return outcome;
      return { ok: true, installed: { kind: 'wavelength', steps: add } satisfies InstalledWavelength, devices };
    });
  }

  private async run(changes: DeviceChange[], tx: TransactionContext, verify: MediaChannelStep[] | false): Promise<InstallOutcome> {
    const outcome = await runNetworkTransaction(changes, {
      id: tx.id,
      confirmTimeoutS: this.confirmTimeoutS,
      journal: (e) => {
        if (e.type === 'phase')
          tx.step(
            e.phase,
            e.state,
            changes.map((c) => c.device),
          );
        else tx.step('rollback', 'started', e.devices);
      },
      ...(verify ? { verify: () => this.verifyUp(verify) } : {}),
    });
    if (outcome.ok) return { ok: true, installed: undefined, devices: outcome.devices };
    for (const f of outcome.failures) {
      this.log.child({ transaction: tx.id, device: f.device }).warn({ phase: outcome.failedAt, err: f.error }, 'device failed its step');
    }
    const failed = outcome.failures.map((f) => f.device);
    return {
      ok: false,
      phase: outcome.failedAt,
      devices: failed,
      message: outcome.failures.map((f) => `${f.device}: ${f.error.message}`).join('; '),
      rolledBack: outcome.rolledBack,
    };
  }

  private async verifyUp(steps: MediaChannelStep[]): Promise<void> {
    const down: string[] = [];
    await Promise.all(
      steps.map(async (s) => {
        const channels = await (await this.drivers.driver(s.device)).roadm!.listMediaChannels();
        const status = channels.find((c) => c.name === s.name)?.operStatus ?? 'missing';
        if (status !== 'up') down.push(`${s.device} (${status})`);
      }),
    );
    if (down.length > 0)
      throw new MilliError('CONTROLLER_TRANSACTION_FAILED', `media channels not up: ${down.sort().join(', ')}`, { down });
  }

  /** Per device, the journaled edits (forward) or inverse edits (undo) that its running config does not yet reflect. */
  private async missingEdits(changes: DeviceChangeRecord[], forward: boolean): Promise<{ device: string; edits: Edit[] }[]> {
    const found = await Promise.all(
      changes.map(async (c) => {
        const base = (await (await this.drivers.driver(c.device)).beginChangeSet()).base;
        const wanted = (forward ? c.edits : c.inverse) as Edit[];
        const edits = wanted.filter((e) => (findEntry(base, e) !== undefined) !== (e.op === 'create'));
        return { device: c.device, edits };
      }),
    );
    return found.filter((f) => f.edits.length > 0);
  }

  private async changeOf(device: string, edits: Edit[]): Promise<DeviceChange> {
    const driver = await this.drivers.driver(device);
    const changeSet = await driver.beginChangeSet();
    for (const edit of edits) changeSet.add(edit);
    return { device, changeSet, applier: driver.applier() };
  }
}

async function recordsOf(changes: DeviceChange[]): Promise<DeviceChangeRecord[]> {
  return changes.map((c) => {
    const { edits, inverse } = (c.changeSet as ChangeSet).toJSON();
    return { device: c.device, datastore: c.applier instanceof RunningApplier ? 'running' : 'candidate', edits, inverse };
  });
}

function installedSteps(installed: unknown): MediaChannelStep[] {
  const value = installed as InstalledWavelength | undefined;
  if (value?.kind !== 'wavelength' || !Array.isArray(value.steps)) {
    throw new MilliError('INTERNAL', 'the line holds no wavelength installation to change', { installed });
  }
  return value.steps;
}
