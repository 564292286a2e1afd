import type { DeviceEvent } from '@milli/drivers';
import { filter, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { MemoryStore, Reconciler } from '../../src/index';

// The reconciler reads a device when it reports a change. A change reported while the controller's own transaction
// holds the device is that transaction's: it costs no read. Every pass here fails at once (no driver), which still
// counts it, so the counters say which events led to a pass.
const changed = (device: string): DeviceEvent => ({ type: 'config-changed', device, at: new Date().toISOString(), targets: [] });

describe('the reconciler and the controller own changes', () => {
  it('a config change on a device a transaction holds enqueues nothing; one on a free device, or a reconnect, does', async () => {
    const events = new Subject<DeviceEvent>();
    const held = new Set(['A']);
    const reconciler = new Reconciler({
      store: new MemoryStore(),
      drivers: { driver: async (device) => Promise.reject(new Error(`no driver for ${device} in this test`)) },
      devices: ['A', 'B'],
      watch: (device) => events.pipe(filter((e) => e.device === device)),
      busy: (device) => held.has(device),
      periodMs: 0,
    });
    reconciler.start();
    try {
      events.next(changed('A'));
      await reconciler.idle();
      expect(reconciler.counters.passes).toBe(0);

      events.next(changed('B'));
      await reconciler.idle();
      expect(reconciler.counters.passes).toBe(1);

      events.next({ type: 'connected', device: 'A', at: new Date().toISOString(), standing: [] });
      await reconciler.idle();
      expect(reconciler.counters.passes).toBe(2);
    } finally {
      await reconciler.stop();
    }
  });

  it('a pass waits until the controller lets it go (its restorations settled) before it reads anything', async () => {
    let go: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      go = resolve;
    });
    const reconciler = new Reconciler({
      store: new MemoryStore(),
      drivers: { driver: async (device) => Promise.reject(new Error(`no driver for ${device} in this test`)) },
      devices: ['A'],
      yieldTo: () => gate,
      periodMs: 0,
    });
    reconciler.start();
    try {
      reconciler.enqueue('A');
      await new Promise((r) => setTimeout(r, 20));
      expect(reconciler.counters.passes).toBe(0);
      go();
      await reconciler.idle();
      expect(reconciler.counters.passes).toBe(1);
    } finally {
      await reconciler.stop();
    }
  });
});
