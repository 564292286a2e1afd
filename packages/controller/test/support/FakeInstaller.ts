import type { ComputedPath } from '@milli/pce';
import type {
  InstallOutcome,
  LineInstaller,
  RecoveryOutcome,
  ReservedLine,
  StoredJournalEntry,
  StoredTransaction,
  TransactionContext,
} from '../../src/index';

/**
 * A network in memory for controller tests that are about the controller, not devices: it records which line holds
 * which channel or OTU link share on each device, and throws if any resource would be held twice, so a test that
 * double-booked would fail here even if the ledger said otherwise.
 */
export class FakeInstaller implements LineInstaller {
  /** `fibre#channel` or `link` → the lines on it. */
  readonly held = new Map<string, Set<string>>();
  readonly installs: string[] = [];
  readonly releases: string[] = [];
  readonly resizes: string[] = [];
  readonly replaces: string[] = [];
  doubleHeld: string[] = [];
  failNext: { phase: string; devices: string[] } | undefined;
  /** Transactions settled by `recover`, and whether settling them leaves every device as chosen. */
  readonly recovered: { id: string; direction: 'finished' | 'undone' }[] = [];
  recoverySettles = true;

  async install(request: { line: string; reserved: unknown }, tx: TransactionContext): Promise<InstallOutcome> {
    const path = (request.reserved as ReservedLine).paths[0]!.path;
    return this.installPath({ line: request.line, path }, tx);
  }

  private async installPath(request: { line: string; path: ComputedPath }, tx: TransactionContext): Promise<InstallOutcome> {
    const devices = request.path.devices;
    await tx.begin(
      devices.map((device) => ({ device, datastore: 'candidate', edits: [{ line: request.line }], inverse: [] })),
      { line: request.line, keys: keysOf(request.path) },
    );
    tx.step('prepare', 'started', devices);
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failNext) {
      const failure = this.failNext;
      this.failNext = undefined;
      tx.step(failure.phase, 'failed', devices);
      return { ok: false, phase: failure.phase, devices: failure.devices, message: 'armed to fail', rolledBack: devices };
    }
    for (const key of keysOf(request.path)) {
      const holders = this.held.get(key) ?? new Set<string>();
      if (holders.size > 0) this.doubleHeld.push(`${key}: ${[...holders].join(',')} + ${request.line}`);
      holders.add(request.line);
      this.held.set(key, holders);
    }
    tx.step('confirm', 'done', devices);
    this.installs.push(request.line);
    return { ok: true, installed: { line: request.line, keys: keysOf(request.path) }, devices };
  }

  async release(request: { line: string; installed: unknown }, tx: TransactionContext): Promise<InstallOutcome> {
    const installed = request.installed as { keys: string[] };
    await tx.begin([], undefined);
    for (const key of installed.keys) this.held.get(key)?.delete(request.line);
    this.releases.push(request.line);
    return { ok: true, installed: undefined, devices: [] };
  }

  /** One transaction: the old path's resources let go, the new one's held (a failure armed with failNext changes nothing). */
  async replace(request: { line: string; installed: unknown; reserved: unknown }, tx: TransactionContext): Promise<InstallOutcome> {
    const old = (request.installed as { keys: string[] }).keys;
    for (const key of old) this.held.get(key)?.delete(request.line);
    const outcome = await this.install({ line: request.line, reserved: request.reserved }, tx);
    if (!outcome.ok) for (const key of old) this.held.get(key)?.add(request.line);
    else this.replaces.push(request.line);
    return outcome;
  }

  /** In place: the line keeps what it holds, as the multi-layer installer's resize does. */
  async resize(request: { line: string; installed: unknown; bandwidthKbps: number }, tx: TransactionContext): Promise<InstallOutcome> {
    await tx.begin([], request.installed);
    this.resizes.push(`${request.line}@${request.bandwidthKbps}`);
    return { ok: true, installed: request.installed, devices: [] };
  }

  /**
   * As a real installer decides: past the start of confirm the transaction is finished, before it undone. A finished
   * install holds its line's keys from then on (the devices that confirmed kept it, the others got it by persist id).
   */
  async recover(open: StoredTransaction, journal: StoredJournalEntry[]): Promise<RecoveryOutcome> {
    const direction = journal.some((e) => e.phase === 'confirm') ? ('finished' as const) : ('undone' as const);
    this.recovered.push({ id: open.id, direction });
    const plan = open.plan as { line: string; keys: string[] } | undefined;
    if (direction === 'finished' && this.recoverySettles && plan) {
      for (const key of plan.keys) this.held.set(key, new Set([...(this.held.get(key) ?? []), plan.line]));
    }
    const devices = open.changes.map((c) => c.device);
    return { direction, repaired: [], consistent: this.recoverySettles, devices };
  }

  /** Keys currently held by any line. */
  heldKeys(): string[] {
    return [...this.held.entries()].filter(([, lines]) => lines.size > 0).map(([key]) => key);
  }
}

/** The exclusive resources of a path (slots and OSU bandwidth are shared by design; the ledger bounds their sum). */
function keysOf(path: ComputedPath): string[] {
  return path.reservation.flatMap((item) => {
    if (item.kind === 'channel') return [`${item.fibre}#${item.channel}`];
    if (item.kind === 'port') return [`${item.device}/${item.port}`];
    if (item.kind === 'otu-link') return [`new:${item.link.id}`];
    return [];
  });
}
