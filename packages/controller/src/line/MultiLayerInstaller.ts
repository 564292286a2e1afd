import { type Logger, MilliError, silentLogger } from '@milli/core';
import type { ConnectionPool, DeviceDrivers } from '@milli/drivers';
import type { OtuLinkSpec, PceGraph, ResourceLedger } from '@milli/pce';
import { portRef, RATE_CAPACITY_KBPS, type TopologyIndex } from '@milli/topology';
import type { InstalledLine, InstallerContext } from '../installer/InstallerContext';
import { type DeviceChange, type JournalEntry, runNetworkTransaction } from '../installer/NetworkTransaction';
import { diffItems, identity } from '../installer/plan/diffItems';
import { inCreateOrder, type PlannedItem } from '../installer/plan/PlannedItem';
import { planLightpath, planLine } from '../installer/plan/planLine';
import type { ReservedLine } from '../installer/plan/ReservedLine';
import { renderInstall, renderSwap, renderTeardown } from '../installer/plan/renderChanges';
import { lightpathsToRelease, lightpathsUnder } from '../installer/releaseReservations';
import { SelectedLegReader, type SelectedLegReading } from '../installer/readSelectedLegs';
import { resizeLine } from '../installer/resizeLine';
import { settledDifferences } from '../installer/verifyItems';
import type { StoredJournalEntry, StoredTransaction } from '../store/ControllerStore';
import { GroupCommit } from './batch/GroupCommit';
import { RoundDraft } from './batch/RoundDraft';
import { type RoundParts, renderRound, transactRound } from './batch/runGroupRound';
import { DeviceLocks } from './DeviceLocks';
import type { ProtectionStateReader } from './ProtectionStateReader';
import type { InstallOutcome, LineInstaller, RecoveryOutcome, TransactionContext } from './LineInstaller';
import { recordsOf, recoverTransaction } from './recoverTransaction';

/** Lines one group transaction carries at most, unless told otherwise. */
export const DEFAULT_LINES_PER_TRANSACTION = 64;
/**
 * How long the round lined up behind one that ended waits for lines to join it, unless as many as that one carried
 * have: about the time a line takes from submission to its install (parse, compile, PCE, reserve) on a loaded
 * controller, so that under steady load rounds stay about as full as the one before instead of dwindling to the few
 * lines that came during a short one, each costing the DC devices a validation of their whole datastore.
 */
export const GATHER_AFTER_ROUND_MS = 100;

/** Lines moved (restored, re-protected) that one group transaction of moves only carries at most, unless told otherwise. */
export const DEFAULT_MOVES_PER_TRANSACTION = 256;

export interface MultiLayerInstallerParts {
  drivers: DeviceDrivers;
  pool: ConnectionPool;
  index: TopologyIndex;
  graph: PceGraph;
  /** The controller's ledger: read to know which lightpaths a release takes with it; a resize re-books in it. */
  ledger: ResourceLedger;
  /**
   * Milliseconds a move's read-back waits for entries that are configured as planned but not yet up (the signal
   * crossing the devices after the commit) before it fails (default 10000).
   */
  signalSettleMs?: number;
  /** Seconds a device keeps a confirmed commit before rolling it back on its own (default 120). */
  confirmTimeoutS?: number;
  /**
   * Group commit: installs and releases waiting on the same devices go to the network as one transaction of at most
   * this many lines (default 64; 1 turns it off: every line its own transaction, one after the other).
   */
  linesPerTransaction?: number;
  /**
   * A round made only of moves (many lines restored off one cut fibre) may carry up to this many lines (default
   * 256; never fewer than `linesPerTransaction`).
   */
  movesPerTransaction?: number;
  logger?: Logger;
}

/**
 * The controller's installer for every layer: a line's reservation (numbered by reserveLine at compile time) is
 * planned (planLine), rendered into per-device change sets, journaled with the controller (every device's change
 * set before any device is touched, the transaction id as persist id) and run as one network-wide transaction whose
 * verify step reads every touched device back. Transactions that share a device run one after the other: the
 * process has one NETCONF session per device, and two lines creating the same OSU-carrying ODU0 at one moment would
 * otherwise both try to create it. The ledger belongs to the controller: this installer never releases in it.
 */
export class MultiLayerInstaller implements LineInstaller, ProtectionStateReader {
  private readonly locks = new DeviceLocks();
  private readonly log: Logger;
  private readonly group: GroupCommit;
  private readonly released = new Set<string>();
  private readonly legs: SelectedLegReader;

  constructor(private readonly parts: MultiLayerInstallerParts) {
    this.log = parts.logger ?? silentLogger();
    this.legs = new SelectedLegReader(parts.drivers);
    const round: RoundParts = {
      drivers: parts.drivers,
      confirmTimeoutS: parts.confirmTimeoutS ?? 120,
      readBack: (present, absent, settleMs) => settledDifferences(parts.drivers, present, absent, settleMs),
      // Every applier of the drivers has its device validate the edit before it takes effect (a candidate's
      // validate, running's test-then-set): a round's joined change sets are not validated twice.
      devicesValidate: true,
      log: this.log,
    };
    this.group = new GroupCommit({
      locks: this.locks,
      maxLines: parts.linesPerTransaction ?? DEFAULT_LINES_PER_TRANSACTION,
      maxMoves: parts.movesPerTransaction ?? DEFAULT_MOVES_PER_TRANSACTION,
      gatherMs: GATHER_AFTER_ROUND_MS,
      // The next round on a round's devices renders while this one is on the network, taking the lines that come
      // meanwhile: under steady load each round carries what came during the one before, ready when it ends.
      stages: {
        render: (jobs, devices, after) => renderRound(round, jobs, devices, after),
        lineUp: (after) => new RoundDraft(round, { after, deferValidation: true }),
        transact: (rendered, persistId) => transactRound(round, rendered, persistId),
      },
    });
  }

  /** Whether a transaction of this installer holds the device or waits for it (its config changes are ours). */
  busy(device: string): boolean {
    return this.locks.busy(device);
  }

  /** Runs work while no transaction of this installer holds any of the devices (the reconciler's repairs). */
  exclusive<T>(devices: string[], work: () => Promise<T>): Promise<T> {
    return this.locks.run(devices, work);
  }

  async install(request: { line: string; reserved: unknown }, tx: TransactionContext): Promise<InstallOutcome> {
    const reserved = reservedOf(request.reserved, request.line);
    const items = planLine(this.parts.index, reserved);
    const installed: InstalledLine = { line: request.line, reserved, items, devices: devicesOf(items) };
    return this.group.submit({
      line: request.line,
      tx,
      devices: installed.devices,
      installed,
      render: async (drivers) => {
        const rendered = await renderInstall(drivers, items);
        return { changes: rendered.changes, check: { present: items, absent: [] } };
      },
    });
  }

  async release(request: { line: string; installed: unknown }, tx: TransactionContext): Promise<InstallOutcome> {
    const installed = installedOf(request.installed, request.line);
    let lightpaths: OtuLinkSpec[] = [];
    const outcome = await this.group.submit({
      line: request.line,
      tx,
      devices: this.withLightpaths(installed),
      releases: request.line,
      installed: undefined,
      // Computed in the round, its devices held: a line installed meanwhile on a shared lightpath keeps it, and one
      // already off the network (earlier in the round, or in an earlier round whose transition is not yet written,
      // so the ledger still counts it) no longer rides it.
      render: async (drivers, soFar) => {
        lightpaths = lightpathsToRelease(
          this.parts.ledger,
          installed.reserved,
          false,
          new Set([...this.offNetwork(), ...soFar.releasedLines]),
        );
        const items = inCreateOrder([
          ...installed.items.filter((i) => i.shared?.kind !== 'lightpath'),
          ...lightpaths.flatMap((link) => planLightpath(this.parts.index, link, installed.line)),
        ]);
        const rendered = await renderTeardown(drivers, items);
        const removed = items.filter((i) => !rendered.kept.includes(i));
        return { changes: rendered.changes, check: { present: [], absent: removed } };
      },
    });
    if (!outcome.ok) return outcome;
    this.released.add(request.line);
    return { ...outcome, removedLightpaths: lightpaths.map((l) => l.id) };
  }

  /** Lines this installer took off the network that the ledger still counts (their transition is not written yet). */
  private offNetwork(): Set<string> {
    for (const line of this.released) if (this.parts.ledger.reservations(line).length === 0) this.released.delete(line);
    return this.released;
  }

  /**
   * Moves an installed line onto a new reservation in one transaction: only the difference goes to the devices
   * (diffItems). Entries both plans share stay untouched; the old plan's other entries are torn down and the new
   * plan's created, in one change set per device; a groomed lightpath the line no longer rides and nobody else rides
   * goes too (its media channels off the ROADMs, its line ports untuned). The read-back checks every planned entry
   * present and up and every removed one gone. The controller has re-booked the ledger already (the new reservation
   * in, the old one out).
   */
  async replace(request: { line: string; installed: unknown; reserved: unknown }, tx: TransactionContext): Promise<InstallOutcome> {
    const installed = installedOf(request.installed, request.line);
    const reserved = reservedOf(request.reserved, request.line);
    const items = planLine(this.parts.index, reserved);
    const leaving = lightpathsLeft(installed.reserved, reserved);
    const devices = [...installed.devices, ...devicesOf(items), ...leaving.flatMap((l) => [l.a.device, l.b.device, ...l.devices])];
    const next: InstalledLine = { line: request.line, reserved, items, devices: devicesOf(items) };
    // A move goes to the network in a group round like installs and releases: many lines moved off one cut fibre
    // share one transaction per device instead of queueing on the DC devices they all touch.
    return this.group.submit({
      line: request.line,
      tx,
      devices: [...new Set(devices)].sort(),
      installed: next,
      // Entries kept as they were may sit downstream of the new ones: their signal needs a moment to come back.
      settleMs: this.parts.signalSettleMs ?? 10_000,
      move: true,
      render: async (drivers) => {
        // Decided in the round, its devices held: a line installed meanwhile on the lightpath keeps it.
        const gone = leaving.filter((link) => this.parts.ledger.linkOwners(link.id).every((owner) => owner === request.line));
        const groomedNow = new Set(reserved.lightpaths.map((l) => l.link.id));
        const before = [
          ...installed.items.filter((i) => i.shared?.kind !== 'lightpath' || groomedNow.has(i.shared.link)),
          ...gone.flatMap((link) => planLightpath(this.parts.index, link, installed.line)),
        ];
        const diff = diffItems(before, items);
        const rendered = await renderSwap(drivers, diff.removed, diff.added);
        const recreated = new Set(diff.added.map(identity));
        const removed = diff.removed.filter((i) => !rendered.kept.includes(i) && !recreated.has(identity(i)));
        this.log
          .child({ line: request.line, transaction: tx.id })
          .info(
            { kept: diff.kept.length, removed: removed.length, added: diff.added.length, lightpathsGone: gone.map((l) => l.id) },
            'line replaced by its difference',
          );
        return { changes: rendered.changes, check: { present: items, absent: removed } };
      },
    });
  }

  /** The leg each protection group of the line selects now, read from its devices' operational state. */
  selectedLegs(line: string, installed: unknown): Promise<SelectedLegReading[]> {
    return this.legs.read(installedOf(installed, line).items);
  }

  async resize(request: { line: string; installed: unknown; bandwidthKbps: number }, tx: TransactionContext): Promise<InstallOutcome> {
    const installed = installedOf(request.installed, request.line);
    if (installed.reserved.layer === 'wavelength') return this.resizeWavelength(installed, request.bandwidthKbps);
    return this.locks.run(installed.devices, async () => {
      let devices: string[] = [];
      const ctx: InstallerContext = {
        index: this.parts.index,
        graph: this.parts.graph,
        ledger: this.parts.ledger,
        drivers: this.parts.drivers,
        logger: this.log,
        confirmTimeoutS: this.parts.confirmTimeoutS ?? 120,
        journal: (entry) =>
          entry.type === 'phase' ? tx.step(entry.phase, entry.state, devices) : tx.step('rollback', 'started', entry.devices),
        transaction: {
          id: tx.id,
          begin: async (changes, plan) => {
            devices = changes.map((c) => c.device);
            await tx.begin(recordsOf(changes), plan);
          },
        },
      };
      try {
        // resizeLine re-books the line in the ledger (and books the old numbers back when it fails).
        const resized = await resizeLine(ctx, installed, request.bandwidthKbps);
        return { ok: true, installed: resized.installed, devices };
      } catch (error) {
        const context = (error as MilliError).context as
          | { failedAt?: string; failures?: { device: string }[]; rolledBack?: string[] }
          | undefined;
        return {
          ok: false,
          phase: context?.failedAt ?? 'plan',
          devices: context?.failures?.map((f) => f.device) ?? [],
          message: (error as Error).message,
          rolledBack: context?.rolledBack ?? [],
        };
      }
    });
  }

  async recover(open: StoredTransaction, journal: StoredJournalEntry[], tx: TransactionContext): Promise<RecoveryOutcome> {
    return this.locks.run(
      open.changes.map((c) => c.device),
      () =>
        recoverTransaction(
          {
            drivers: this.parts.drivers,
            pool: this.parts.pool,
            log: this.log,
            repair: async (changes) => {
              await this.run(changes, tx, undefined);
            },
          },
          open,
          journal,
        ),
    );
  }

  /**
   * A wavelength carries any rate its transponders can: its media channels and tuned line ports stay as they are, and
   * the ledger holds no rate for it (channels and ports), so a change within every transponder's rate touches
   * nothing; beyond it the line would need other transponders, which is not done in place.
   */
  private resizeWavelength(installed: InstalledLine, bandwidthKbps: number): InstallOutcome {
    const ends = installed.reserved.paths.flatMap((p) => (p.addDrop ? [p.addDrop.head, p.addDrop.tail] : []));
    const short = ends.filter((end) => {
      const rate = this.parts.index.port(portRef(end.transponder)).rate;
      return rate === undefined || RATE_CAPACITY_KBPS[rate] < bandwidthKbps;
    });
    if (short.length > 0 || ends.length === 0) {
      const where = short.map((e) => `${e.transponder.device}/${e.transponder.port}`).join(', ');
      return {
        ok: false,
        phase: 'plan',
        devices: short.map((e) => e.transponder.device),
        message: `wavelength line ${installed.line} cannot carry ${bandwidthKbps} kbit/s in place: its transponders (${where}) are slower`,
        rolledBack: [],
      };
    }
    return { ok: true, installed: { ...installed, reserved: { ...installed.reserved, bandwidthKbps } }, devices: [] };
  }

  /**
   * A released lightpath's media channels sit on the ROADMs of its fibres, and its ends on OTN devices: they are
   * locked too, for every lightpath under the line (whoever groomed it: the last line off it takes it away).
   */
  private withLightpaths(installed: InstalledLine): string[] {
    const lightpaths = lightpathsUnder(this.parts.ledger, installed.reserved);
    const devices = [
      ...installed.devices,
      ...installed.reserved.lightpaths.flatMap((l) => [l.link.a.device, l.link.b.device]),
      ...lightpaths.flatMap((link) => [link.a.device, link.b.device]),
      ...[...installed.reserved.lightpaths.map((l) => l.link), ...lightpaths].flatMap((link) =>
        planLightpath(this.parts.index, link, installed.line).map((i) => i.device),
      ),
    ];
    return [...new Set(devices)];
  }

  /** Journals the change sets, then runs them as one transaction verified by `verify`. */
  private async run(
    changes: DeviceChange[],
    tx: TransactionContext,
    installed: InstalledLine | undefined,
    verify?: () => Promise<void>,
  ): Promise<InstallOutcome> {
    await tx.begin(recordsOf(changes), installed);
    const outcome = await runNetworkTransaction(changes, {
      id: tx.id,
      confirmTimeoutS: this.parts.confirmTimeoutS ?? 120,
      journal: journalInto(tx, changes),
      ...(verify ? { verify } : {}),
    });
    if (outcome.ok) return { ok: true, installed, devices: outcome.devices };
    for (const f of outcome.failures) {
      this.log.child({ transaction: tx.id, device: f.device }).warn({ phase: outcome.failedAt, err: f.error }, 'device failed its step');
    }
    return {
      ok: false,
      phase: outcome.failedAt,
      devices: outcome.failures.map((f) => f.device),
      message: outcome.failures.map((f) => `${f.device}: ${f.error.message}`).join('; '),
      rolledBack: outcome.rolledBack,
    };
  }
}

function journalInto(tx: TransactionContext, changes: DeviceChange[]) {
  const devices = changes.map((c) => c.device);
  return (e: JournalEntry) => {
    if (e.type === 'phase') tx.step(e.phase, e.state, devices);
    else tx.step('rollback', 'started', e.devices);
  };
}

/**
 * The groomed links the old reservation rides and the new one does not, with their lightpaths (from the hop, else
 * from the lightpaths the line groomed): candidates to go with the move, if nobody else rides them.
 */
function lightpathsLeft(old: ReservedLine, next: ReservedLine): OtuLinkSpec[] {
  const stays = new Set(next.paths.flatMap((p) => p.hops.flatMap((h) => (h.ends ? [h.ends.link] : []))));
  const specs = new Map<string, OtuLinkSpec>();
  for (const l of old.lightpaths) specs.set(l.link.id, l.link);
  for (const h of old.paths.flatMap((p) => p.hops)) if (h.ends?.lightpath) specs.set(h.ends.link, h.ends.lightpath);
  return [...specs.values()].filter((link) => !stays.has(link.id)).sort((a, b) => a.id.localeCompare(b.id));
}

function devicesOf(items: readonly PlannedItem[]): string[] {
  return [...new Set(items.map((i) => i.device))].sort();
}

function reservedOf(value: unknown, line: string): ReservedLine {
  const reserved = value as ReservedLine | undefined;
  if (!reserved || reserved.line !== line || !Array.isArray(reserved.paths)) {
    throw new MilliError('INTERNAL', `the intent of line ${line} holds no numbered reservation to install`, { line });
  }
  return reserved;
}

function installedOf(value: unknown, line: string): InstalledLine {
  const installed = value as InstalledLine | undefined;
  if (!installed || installed.line !== line || !Array.isArray(installed.items) || !installed.reserved) {
    throw new MilliError('INTERNAL', `line ${line} holds no installation to change`, { line });
  }
  return installed;
}
