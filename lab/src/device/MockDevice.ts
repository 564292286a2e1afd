import { type Clock, type Logger, MilliError, silentLogger, systemClock } from '@milli/core';
import type { Device, Fibre, Topology } from '@milli/topology';
import type { DataTree } from '@milli/yang-ts';
import { deviceCapabilities } from './server/capabilities';
import { deviceProfile, writeInitialConfig } from './model/deviceProfile';
import { DeviceState, readStartupFile } from './datastore/DeviceState';
import { type HostKey, loadOrCreateHostKey } from './server/hostKey';
import { LabDeviceError } from './LabDeviceError';
import type { LabFault } from './model/LabFault';
import { alarmClearedXml, alarmRaisedXml } from './model/notifications';
import { Physics, type AlarmChange } from './model/Physics';
import { type DeviceConfigSummary, summarizeConfig } from './model/configSummary';
import { ProtectionSwitching } from './model/ProtectionSwitching';
import type { SignalFailure } from './model/SignalFailure';
import { RpcError } from './server/RpcError';
import { RpcRouter } from './server/RpcRouter';
import { ServerSession, type SessionHost } from './server/ServerSession';
import { coalescedChannel } from './server/coalescedChannel';
import type { FairShare } from './server/guard/FairShare';
import { MemoryBudget } from './server/guard/MemoryBudget';
import { type DeviceUser, type SharedBudgets, SshNetconfServer } from './server/SshNetconfServer';
import { type DeviceLimits, deviceLimits } from './server/guard/DeviceLimits';
import { acquireContext } from './datastore/sharedContexts';

export interface MockDeviceOptions {
  device: Device;
  /** The fibres that end on this device's ports (others are ignored). */
  fibres: Fibre[];
  /** The whole network, when known: its fibres that end here are added to `fibres`. */
  topology?: Topology;
  /** Where the milli YANG modules are. */
  yangDir: string;
  /** Where the host key (and a saved startup datastore) live; created when missing. */
  stateDir: string;
  users: DeviceUser[];
  logger?: Logger;
  /** What the crash fault does; default process.exit(1). */
  onCrash?: () => void;
  /** Told of every fault applied, however it came (a milli-lab RPC or applyFault): the lab host keeps its view true. */
  onFault?: (fault: LabFault) => void;
  clock?: Clock;
  /** Connection, session and message limits; each unset one has its default (DEFAULT_DEVICE_LIMITS). */
  limits?: Partial<DeviceLimits>;
  /** Budgets shared with the other devices of a lab (connections and sessions across the host). */
  sharedBudgets?: SharedBudgets;
  /** Its thread shared fairly with the lab's other devices on that thread; none: this device never waits. */
  fairShare?: FairShare;
}

/**
 * A mock NETCONF device: an SSH server with the netconf subsystem (RFC 6241/6242), datastores held as libyang
 * trees for its kind's YANG modules, RFC semantics for edits, locks, commits and notifications, and a physical
 * model (the fibres at its ports) that drives oper-status and alarms. Faults come over NETCONF (milli-lab RPCs)
 * or in-process through applyFault.
 */
export class MockDevice {
  readonly hostKey: HostKey;
  private readonly state: DeviceState;
  private readonly server: SshNetconfServer;
  private readonly router: RpcRouter;
  private readonly capabilities: string[];
  private readonly releaseContext: () => void;
  private readonly log: Logger;
  private readonly limits: DeviceLimits;
  /** Request bytes held by this device's sessions, and by the lab's when the device is part of one. */
  private readonly memory: MemoryBudget[];
  private nextSessionId = 1;
  private closed = false;
  private readonly switching: ProtectionSwitching;

  constructor(private readonly options: MockDeviceOptions) {
    const { device } = options;
    this.limits = deviceLimits(options.limits);
    this.memory = [
      new MemoryBudget(this.limits.maxBufferedBytes),
      ...(options.sharedBudgets?.memory ? [options.sharedBudgets.memory] : []),
    ];
    this.log = (options.logger ?? silentLogger()).child({ device: device.id });
    const profile = deviceProfile(device);
    const { context, release } = acquireContext(
      options.yangDir,
      profile.modules.map((name) => (name === 'ietf-netconf' ? { name, features: profile.netconfFeatures } : { name })),
    );
    this.releaseContext = release;
    try {
      const running = readStartupFile(context, options.stateDir, device.id, this.log) ?? this.initialRunning(context.newTree());
      // The fibres given, plus any other of the topology's that ends here.
      const given = new Set(options.fibres.map((f) => f.id));
      const fibres = [...options.fibres, ...(options.topology?.fibres ?? []).filter((f) => !given.has(f.id))].filter(
        (f) => f.a.device === device.id || f.b.device === device.id,
      );
      this.state = new DeviceState(
        device,
        profile,
        context,
        new Physics(device, fibres),
        this.log,
        options.stateDir,
        options.clock ?? systemClock,
        running,
      );
      this.capabilities = deviceCapabilities(profile, context.listModules());
      this.state.capabilities = this.capabilities;
      this.hostKey = loadOrCreateHostKey(options.stateDir, device.id);
    } catch (err) {
      release();
      throw err;
    }
    this.switching = new ProtectionSwitching(this.state.physics, options.clock ?? systemClock, (xml) => this.state.notify(xml));
    this.state.onRunningChanged = () => {
      this.switching.configure(this.config());
      this.onConfigChange?.();
    };
    this.switching.configure(this.config());
    this.router = new RpcRouter(this.state, (fault) => this.injectFault(fault));
    this.server = new SshNetconfServer(
      this.hostKey.privateKey,
      options.users,
      (channel, username, remoteAddress) => this.openSession(channel, username, remoteAddress),
      this.log,
      this.limits,
      options.sharedBudgets,
    );
  }

  /** `handle`: an already listening socket to serve on instead (the lab opens one inside the device's namespace). */
  async listen(
    host: string,
    port: number,
    handle?: import('node:net').Server,
  ): Promise<{ host: string; port: number; hostKeyFingerprint: string }> {
    if (handle === undefined && (host === '' || host === '0.0.0.0' || host === '::' || host === '[::]')) {
      // A lab device answers on loopback or on its namespace address, never on every interface of the host.
      throw new MilliError('INVALID_ARGUMENT', `device ${this.options.device.id}: refusing to listen on all interfaces (${host || "''"})`, {
        device: this.options.device.id,
        host,
      });
    }
    const address = await this.server.listen(host, port, handle);
    this.log.info({ ...address }, 'mock device listening');
    return { ...address, hostKeyFingerprint: this.hostKey.fingerprint };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const session of [...this.state.sessions.values()]) session.close();
    await this.server.close();
    this.switching.dispose();
    this.state.dispose();
    this.releaseContext();
  }

  /** Called after every change of running; the lab host sets it to follow light through the new configuration. */
  onConfigChange: (() => void) | undefined;

  /**
   * What running says about the signals this device carries. The host asks every device after any commit anywhere;
   * running is replaced, never edited in place, so the summary of the tree last asked about is kept and reused
   * until running is another tree (reading a large config node by node is what costs).
   */
  config(): DeviceConfigSummary {
    const running = this.state.store('running');
    if (this.summary?.of === running) return this.summary.summary;
    const summary = summarizeConfig(running, this.state.profile.modules);
    this.summary = { of: running, summary };
    return summary;
  }

  private summary: { of: DataTree; summary: DeviceConfigSummary } | undefined;

  /** Signals this device lost because of faults elsewhere (from the lab host): oper-status, alarms, switching. */
  setSignalFailures(failures: SignalFailure[]): void {
    if (this.closed) return;
    this.alarmChanges(this.state.physics.setSignalFailures(failures));
    this.switching.evaluate();
  }

  /** The leg each protection group selects now, by group name (what the state reports as selected-leg). */
  selectedLegs(): Map<string, 'working' | 'protection'> {
    return this.switching.selectedLegs();
  }

  /** Open NETCONF sessions (for lab status). */
  get sessions(): number {
    return this.state.sessions.size;
  }

  /** Open TCP connections, those not yet authenticated, and SSH session channels (for status and tests). */
  get connections(): { connections: number; unauthenticated: number; sessions: number } {
    return this.server.counts;
  }

  /** Request bytes this device's sessions hold now (received and not yet answered), against maxBufferedBytes. */
  get heldRequestBytes(): number {
    return this.memory[0]!.inUse;
  }

  /** The fibres cut at this device's end right now. */
  get cutFibres(): string[] {
    return this.state.physics.cutFibres();
  }

  /** Injects a fault; a fibre that does not end here is a TOPOLOGY_NOT_FOUND MilliError, a negative delay INVALID_ARGUMENT. */
  applyFault(fault: LabFault): void {
    try {
      this.injectFault(fault);
    } catch (err) {
      if (!(err instanceof RpcError)) throw err;
      const code = fault.kind === 'cut-fibre' || fault.kind === 'restore-fibre' ? 'TOPOLOGY_NOT_FOUND' : 'INVALID_ARGUMENT';
      throw new MilliError(code, `device ${this.options.device.id}: ${err.message}`, { device: this.options.device.id, fault });
    }
  }

  /** The fault itself; errors are RpcErrors, as the milli-lab RPCs answer them. */
  private injectFault(fault: LabFault): void {
    this.log.info({ fault }, 'lab fault');
    this.applyFaultToState(fault);
    this.options.onFault?.(fault);
  }

  private applyFaultToState(fault: LabFault): void {
    const { state } = this;
    switch (fault.kind) {
      case 'cut-fibre':
        this.alarmChanges(state.physics.cutFibre(fault.fibre));
        this.switching.evaluate();
        return;
      case 'restore-fibre':
        this.alarmChanges(state.physics.restoreFibre(fault.fibre));
        this.switching.evaluate();
        return;
      case 'reject-next-commit':
        state.faults.rejectNextCommit = fault.message ?? '';
        return;
      case 'delay':
        if (!Number.isFinite(fault.ms) || fault.ms < 0) {
          throw new RpcError('protocol', 'invalid-value', `delay must be a number of milliseconds >= 0, got ${fault.ms}`);
        }
        state.faults.delayMs = fault.ms;
        return;
      case 'crash':
        // After the reply to the crash RPC (if any) had its chance to leave.
        setImmediate(this.options.onCrash ?? (() => process.exit(1)));
        return;
      case 'clear-faults':
        for (const fibre of state.physics.cutFibres()) this.alarmChanges(state.physics.restoreFibre(fibre));
        state.faults.rejectNextCommit = undefined;
        state.faults.delayMs = 0;
        return;
    }
  }

  private alarmChanges(changes: AlarmChange[]): void {
    for (const change of changes) {
      this.state.notify('raised' in change ? alarmRaisedXml(change.raised) : alarmClearedXml(change.cleared, change.at));
    }
  }

  private initialRunning(tree: DataTree): DataTree {
    try {
      writeInitialConfig(tree, this.options.device);
      tree.validate('config');
      return tree;
    } catch (err) {
      tree.dispose();
      throw new LabDeviceError(
        'LAB_START',
        `device ${this.options.device.id}: its ports do not make a valid configuration: ${(err as Error).message}`,
        {
          device: this.options.device.id,
        },
        { cause: err },
      );
    }
  }

  private openSession(
    channel: ConstructorParameters<typeof ServerSession>[2],
    username: string,
    remoteAddress?: string,
  ): ServerSession | undefined {
    if (this.closed) {
      channel.end();
      return undefined;
    }
    const id = this.nextSessionId++;
    const { counters } = this.state;
    counters.sessionStarted(id, username, remoteAddress, new Date(this.state.clock.now()));
    const { fairShare } = this.options;
    const deviceId = this.options.device.id;
    const share = fairShare && {
      turn: () => fairShare.turn(deviceId),
      charge: (ms: number) => fairShare.charge(deviceId, ms),
      want: () => fairShare.want(deviceId),
      served: () => fairShare.served(deviceId),
    };
    const host: SessionHost = {
      capabilities: this.capabilities,
      handleRpc: async (session, rpc) => {
        counters.count(session.id, 'inRpcs');
        await this.router.delay();
        const started = performance.now();
        try {
          return await this.router.handle(session, rpc);
        } catch (err) {
          counters.count(session.id, 'outRpcErrors');
          throw err;
        } finally {
          share?.charge(performance.now() - started);
        }
      },
      badRpc: (session) => {
        counters.count(session.id, 'inBadRpcs');
        counters.count(session.id, 'outRpcErrors');
      },
      sessionEnded: (session) => this.sessionEnded(session),
      ...(share ? { share } : {}),
    };
    const { frameTimeoutMs, maxMessageBytes, maxElements, maxQueuedBytesPerSession } = this.limits;
    const session = new ServerSession(id, username, coalescedChannel(channel), host, this.log, {
      frameTimeoutMs,
      maxMessageBytes,
      maxElements,
      maxQueuedBytes: maxQueuedBytesPerSession,
      memory: this.memory,
    });
    if (!session.isClosed) this.state.sessions.set(id, session);
    return session;
  }

  private sessionEnded(session: ServerSession): void {
    const { state } = this;
    state.sessions.delete(session.id);
    state.counters.sessionEnded(session.id, !session.helloExchanged);
    state.subscriptions.delete(session.id);
    state.locks.releaseAll(session.id);
    if (this.closed) return;
    state.discardCandidateOf(session.id, 'session ended');
    state.confirmed.sessionEnded(session.id);
  }
}
