import { systemClock } from '@milli/core';
import type { DeviceEvent } from '@milli/drivers';
import { TopologyIndex } from '@milli/topology';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { AlarmBook, LiveNetworkState, MemoryAlarmStore } from '../../src/index';
import { metroSmall } from '../support/controllerHarness';

// Device events and alarms fed by hand to a real alarm book over metro-small: the live state follows sessions and the
// loss-of-signal alarms correlated to fibres, and says nothing of what it has not seen.
const los = (device: string, id: string, resource: string, probableCause: string): DeviceEvent => ({
  type: 'alarm-raised',
  device,
  standing: false,
  alarm: { id, resource, type: 'loss-of-signal', severity: 'critical', text: 'los', raisedAt: new Date().toISOString(), probableCause },
});
const clear = (device: string, id: string, resource: string): DeviceEvent => ({
  type: 'alarm-cleared',
  device,
  id,
  resource,
  alarmType: 'loss-of-signal',
  at: new Date().toISOString(),
});
const session = (device: string, type: 'connected' | 'disconnected'): DeviceEvent =>
  type === 'connected'
    ? { type, device, at: new Date().toISOString(), standing: [] }
    : { type, device, at: new Date().toISOString(), reason: 'test' };

async function setUp() {
  const topology = await metroSmall();
  const index = new TopologyIndex(topology);
  const book = new AlarmBook({ store: new MemoryAlarmStore(), index, lines: async () => [], clock: systemClock });
  const events = new Subject<DeviceEvent>();
  const state = new LiveNetworkState(index);
  await state.follow({ events, alarms: book });
  const feed = async (event: DeviceEvent) => {
    events.next(event);
    await book.handle(event);
  };
  return { topology, state, feed };
}

describe('the live state of devices and fibres', () => {
  it('marks a fibre down while a loss-of-signal alarm on it is active at either end, up when both ends are up and it clears', async () => {
    const { topology, state, feed } = await setUp();
    const fibre = topology.fibres[0]!;
    expect(state.fibreState(fibre.id)).toBeUndefined();
    await feed(session(fibre.a.device, 'connected'));
    expect(state.deviceState(fibre.a.device)).toBe('up');
    expect(state.fibreState(fibre.id)).toBeUndefined();
    await feed(session(fibre.b.device, 'connected'));
    expect(state.fibreState(fibre.id)).toBe('up');

    await feed(los(fibre.a.device, 'los-a', fibre.a.port, `fibre ${fibre.id} cut`));
    await feed(los(fibre.b.device, 'los-b', fibre.b.port, `fibre ${fibre.id} cut`));
    expect(state.fibreState(fibre.id)).toBe('down');
    expect(state.fibreState(topology.fibres[1]!.id)).not.toBe('down');
    await feed(clear(fibre.a.device, 'los-a', fibre.a.port));
    expect(state.fibreState(fibre.id)).toBe('down');
    await feed(clear(fibre.b.device, 'los-b', fibre.b.port));
    expect(state.fibreState(fibre.id)).toBe('up');
  });

  it('marks a device down while its session is disconnected or an alarm names it as root cause', async () => {
    const { topology, state, feed } = await setUp();
    const [a, b] = topology.devices;
    await feed(session(a!.id, 'connected'));
    await feed(session(a!.id, 'disconnected'));
    expect(state.deviceState(a!.id)).toBe('down');
    await feed(session(a!.id, 'connected'));
    expect(state.deviceState(a!.id)).toBe('up');

    await feed(session(b!.id, 'connected'));
    await feed(los(a!.id, 'dev-b', 'port-1', `device ${b!.id} unreachable`));
    expect(state.deviceState(b!.id)).toBe('down');
    await feed(clear(a!.id, 'dev-b', 'port-1'));
    expect(state.deviceState(b!.id)).toBe('up');
  });

  it('starts from the alarms the book holds active', async () => {
    const topology = await metroSmall();
    const index = new TopologyIndex(topology);
    const book = new AlarmBook({ store: new MemoryAlarmStore(), index, lines: async () => [], clock: systemClock });
    const fibre = topology.fibres[2]!;
    await book.handle(los(fibre.a.device, 'los-a', fibre.a.port, `fibre ${fibre.id} cut`));
    const state = new LiveNetworkState(index);
    await state.follow({ events: new Subject<DeviceEvent>(), alarms: book });
    expect(state.fibreState(fibre.id)).toBe('down');
  });
});
