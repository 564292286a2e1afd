import type { Device, Fibre } from '@milli/topology';
import { RpcError } from '../server/RpcError';
import type { AlarmEvent } from './notifications';
import { CONSEQUENT_ALARM, SIGNAL_RESOURCE_KINDS, type SignalFailure, signalKey } from './SignalFailure';

export interface Neighbour {
  fibre: Fibre;
  remoteDevice: string;
  remotePort: string;
}

export type AlarmChange = { raised: AlarmEvent } | { cleared: AlarmEvent; at: Date };

/**
 * The physical world as one device sees it: the fibre at each of its ports, which of them are cut, and the
 * alarms that follow (one loss-of-signal per port whose fibre is cut). A cut affects only this device's end;
 * the lab sends the fault to both ends, and the signals it takes away further along (setSignalFailures).
 */
export class Physics {
  private readonly neighbours = new Map<string, Neighbour>();
  private readonly cut = new Set<string>();
  private readonly alarms = new Map<string, AlarmEvent>();
  /** Signals lost because of faults elsewhere (see SignalFailure), by signalKey, with their alarm's id. */
  private readonly lost = new Map<string, { failure: SignalFailure; alarmId: string }>();
  /** The leg each protection group selects, by `odu:<group>` / `osu:<group>` (set by ProtectionSwitching). */
  private readonly selected = new Map<string, 'working' | 'protection'>();

  constructor(
    private readonly device: Device,
    fibres: Fibre[],
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const fibre of fibres) {
      for (const [near, far] of [
        [fibre.a, fibre.b],
        [fibre.b, fibre.a],
      ] as const) {
        if (near.device === device.id) this.neighbours.set(near.port, { fibre, remoteDevice: far.device, remotePort: far.port });
      }
    }
  }

  neighbour(port: string): Neighbour | undefined {
    return this.neighbours.get(port);
  }

  /** A port has light when a fibre is attached, not cut, and its signal is not lost further away. */
  hasLight(port: string): boolean {
    const n = this.neighbours.get(port);
    return n !== undefined && !this.cut.has(n.fibre.id) && !this.lost.has(signalKey('port', port));
  }

  selectedLeg(group: string): 'working' | 'protection' | undefined {
    return this.selected.get(group);
  }

  setSelectedLeg(group: string, leg: 'working' | 'protection' | undefined): void {
    if (leg === undefined) this.selected.delete(group);
    else this.selected.set(group, leg);
  }

  /** Whether a media channel, ODU or OSU entry lost its signal because of a fault elsewhere. */
  signalLost(kind: SignalFailure['kind'], name: string): boolean {
    return this.lost.has(signalKey(kind, name));
  }

  /**
   * Replaces the signals lost elsewhere with `failures` and returns the alarms that follow: new ones raised lowest
   * layer first, gone ones cleared lowest layer first (the order light comes back in). A port whose own fibre is cut
   * keeps its own loss-of-signal and gets no second one.
   */
  setSignalFailures(failures: SignalFailure[]): AlarmChange[] {
    const wanted = new Map<string, SignalFailure>();
    for (const f of failures) {
      const n = f.kind === 'port' ? this.neighbours.get(f.name) : undefined;
      if (n && this.cut.has(n.fibre.id)) continue;
      wanted.set(signalKey(f.kind, f.name), f);
    }
    const changes: AlarmChange[] = [];
    for (const kind of SIGNAL_RESOURCE_KINDS) {
      for (const [key, held] of this.lost) {
        if (held.failure.kind !== kind) continue;
        const now = wanted.get(key);
        if (now && now.cause === held.failure.cause) continue;
        this.lost.delete(key);
        const alarm = this.alarms.get(held.alarmId);
        if (alarm) {
          this.alarms.delete(held.alarmId);
          changes.push({ cleared: alarm, at: this.now() });
        }
      }
    }
    for (const kind of SIGNAL_RESOURCE_KINDS) {
      for (const [key, failure] of wanted) {
        if (failure.kind !== kind || this.lost.has(key)) continue;
        const consequent = CONSEQUENT_ALARM[kind];
        if (consequent.type === '') {
          this.lost.set(key, { failure, alarmId: '' });
          continue;
        }
        const alarm: AlarmEvent = {
          id: `${consequent.prefix}-${failure.name}`,
          resource: failure.name,
          type: consequent.type,
          severity: 'critical',
          text: `${consequent.what} ${failure.name}: ${failure.cause}`,
          probableCause: failure.cause,
          time: this.now(),
        };
        this.lost.set(key, { failure, alarmId: alarm.id });
        if (!this.alarms.has(alarm.id)) {
          this.alarms.set(alarm.id, alarm);
          changes.push({ raised: alarm });
        }
      }
    }
    return changes;
  }

  cutFibres(): string[] {
    return [...this.cut].sort();
  }

  standingAlarms(): AlarmEvent[] {
    return [...this.alarms.values()];
  }

  cutFibre(fibreId: string): AlarmChange[] {
    const ports = this.portsOf(fibreId);
    if (this.cut.has(fibreId)) return [];
    this.cut.add(fibreId);
    return ports.map((port) => {
      const n = this.neighbours.get(port)!;
      const alarm: AlarmEvent = {
        id: `los-${port}`,
        resource: port,
        type: 'loss-of-signal',
        severity: 'critical',
        text: `loss of signal on ${port}: fibre ${fibreId} to ${n.remoteDevice}/${n.remotePort} is cut`,
        probableCause: `fibre ${fibreId} cut`,
        time: this.now(),
      };
      this.alarms.set(alarm.id, alarm);
      return { raised: alarm };
    });
  }

  restoreFibre(fibreId: string): AlarmChange[] {
    const ports = this.portsOf(fibreId);
    if (!this.cut.delete(fibreId)) return [];
    const changes: AlarmChange[] = [];
    for (const port of ports) {
      const alarm = this.alarms.get(`los-${port}`);
      if (alarm === undefined) continue;
      this.alarms.delete(alarm.id);
      changes.push({ cleared: alarm, at: this.now() });
    }
    return changes;
  }

  private portsOf(fibreId: string): string[] {
    const ports = [...this.neighbours].filter(([, n]) => n.fibre.id === fibreId).map(([port]) => port);
    if (ports.length === 0) {
      throw new RpcError('application', 'invalid-value', `fibre '${fibreId}' does not end on device ${this.device.id}`, {
        info: { badElement: 'fibre-id' },
      });
    }
    return ports;
  }
}
