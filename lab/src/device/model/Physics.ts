import type { Device, Fibre } from '@milli/topology';
import { RpcError } from '../server/RpcError';
import type { AlarmEvent } from './notifications';

export interface Neighbour {
  fibre: Fibre;
  remoteDevice: string;
  remotePort: string;
}

export type AlarmChange = { raised: AlarmEvent } | { cleared: AlarmEvent; at: Date };

/**
 * The physical world as one device sees it: the fibre at each of its ports, which of them are cut, and the
 * alarms that follow (one loss-of-signal per port whose fibre is cut). A cut affects only this device's end;
 * the lab sends the fault to both ends.
 */
export class Physics {
  private readonly neighbours = new Map<string, Neighbour>();
  private readonly cut = new Set<string>();
  private readonly alarms = new Map<string, AlarmEvent>();

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

  /** A port has light when a fibre is attached and not cut. */
  hasLight(port: string): boolean {
    const n = this.neighbours.get(port);
    return n !== undefined && !this.cut.has(n.fibre.id);
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
