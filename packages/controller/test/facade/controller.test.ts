import { describe, expect, it } from 'vitest';
import type { Transition } from '../../src/index';
import { ManualClock } from '@milli/core';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, reach, startController } from '../support/controllerHarness';
import { STORE_KINDS } from '../support/stores';

const DCI = 'connect dc-north to dc-south under 1 ms at 400G';
const T0 = Date.parse('2026-12-01T00:00:00Z');

const fixture = controllerFixture();
const started = (installer: FakeInstaller, clock = new ManualClock(T0), reopen = false) => fixture.started(installer, clock, reopen);

describe.each(STORE_KINDS)('the controller on the %s store', (kind) => {
  it('takes a line to active through the documented states, then releases it to deleted', async () => {
    fixture.open(kind);
    const installer = new FakeInstaller();
    const c = await started(installer);
    const seen: Transition[] = [];
    c.events.subscribe((t) => seen.push(t));
    const submitted = await c.submit(DCI);
    expect(submitted).toEqual({ id: 'I-1', line: 'L-1', state: 'accepted' });
    expect(await reach(c, 'I-1', ['active', 'failed'])).toBe('active');
    const record = await c.get('I-1');
    expect(record?.history.map((t) => t.to)).toEqual(['accepted', 'compiling', 'reserved', 'provisioning', 'active']);
    expect(seen.map((t) => t.to)).toEqual(['accepted', 'compiling', 'reserved', 'provisioning', 'active']);
    expect(record?.path?.working.resources.length).toBeGreaterThan(0);
    expect((await c.line('L-1'))?.state).toBe('active');

    const release = await c.release('I-1');
    expect(release.line).toBe('L-1');
    expect(await reach(c, 'I-1', ['deleted', 'failed'])).toBe('deleted');
    expect(await reach(c, release.id, ['deleted', 'failed'])).toBe('deleted');
    expect(installer.heldKeys()).toEqual([]);
    expect((await c.get(release.id))?.history.map((t) => t.to)).toEqual(['accepted', 'compiling', 'deleting', 'deleted']);
    const again = await c.submit(DCI);
    expect(await reach(c, again.id, ['active', 'failed'])).toBe('active');
    // The freed channel is the one the new line gets: nothing was left reserved.
    expect((await c.get(again.id))?.path?.working.resources).toEqual(record?.path?.working.resources);
  });

  it('fails an infeasible intent with its typed reason and calls no installer', async () => {
    fixture.open(kind);
    const installer = new FakeInstaller();
    const c = await started(installer);
    const { id } = await c.submit('connect dc-north to dc-south under 10us at 400G');
    expect(await reach(c, id, ['failed', 'active'])).toBe('failed');
    const record = await c.get(id);
    expect(record?.error).toMatchObject({ kind: 'no-path', code: 'PCE_LATENCY_BOUND' });
    expect(installer.installs).toEqual([]);
    expect(record?.history.map((t) => t.to)).toEqual(['accepted', 'compiling', 'failed']);
  });

  it('fails unreadable input with the parser’s problems', async () => {
    fixture.open(kind);
    const c = await started(new FakeInstaller());
    const { id, line } = await c.submit('connect nowhere');
    expect(line).toBeNull();
    expect(await reach(c, id, ['failed'])).toBe('failed');
    expect((await c.get(id))?.error).toMatchObject({ kind: 'invalid', code: 'INTENT_SYNTAX' });
  });

  it('fails a transaction naming its phase and devices, and frees what the intent held', async () => {
    fixture.open(kind);
    const installer = new FakeInstaller();
    installer.failNext = { phase: 'commit', devices: ['AGG-2-roadm'] };
    const c = await started(installer);
    const { id } = await c.submit(DCI);
    expect(await reach(c, id, ['failed', 'active'])).toBe('failed');
    expect((await c.get(id))?.error).toMatchObject({ kind: 'transaction', phase: 'commit', devices: ['AGG-2-roadm'] });
    const next = await c.submit(DCI);
    expect(await reach(c, next.id, ['active', 'failed'])).toBe('active');
    expect((await c.get(next.id))?.path?.working.resources[0]).toMatchObject({ kind: 'channel', value: 1 });
  });

  it('returns the same intent for the same idempotency key', async () => {
    fixture.open(kind);
    const c = await started(new FakeInstaller());
    const a = await c.submit(DCI, { idempotencyKey: 'k-1' });
    const b = await c.submit(DCI, { idempotencyKey: 'k-1' });
    expect(b.id).toBe(a.id);
    await c.idle();
    expect((await c.list()).items.map((i) => i.id)).toEqual([a.id]);
  });

  it('pages the list with a cursor and filters by state', async () => {
    fixture.open(kind);
    const c = await started(new FakeInstaller());
    // dc-north has two 400G transponders: the third line is an access line.
    for (let i = 0; i < 3; i++) await c.submit(i < 2 ? DCI : 'connect P-1 to dc-north with 100Mbps');
    await c.submit('connect dc-north to dc-south under 10us at 400G');
    await c.idle();
    const first = await c.list({ limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual(['I-1', 'I-2']);
    const second = await c.list({ limit: 2, after: first.next! });
    expect(second.items.map((i) => i.id)).toEqual(['I-3', 'I-4']);
    expect(second.next).toBeUndefined();
    expect((await c.list({ state: 'failed' })).items.map((i) => i.id)).toEqual(['I-4']);
    expect((await c.eventsSince(0)).length).toBeGreaterThan(4);
  });

  it('after a restart, serves the same intents and keeps their reservations', async () => {
    fixture.open(kind);
    const installer = new FakeInstaller();
    const first = await started(installer);
    const { id } = await first.submit(DCI);
    await reach(first, id, ['active']);
    await first.stop();
    const second = await started(installer, new ManualClock(T0), true);
    expect((await second.get(id))?.state).toBe('active');
    const other = await second.submit(DCI);
    expect(await reach(second, other.id, ['active', 'failed'])).toBe('active');
    expect(installer.doubleHeld).toEqual([]);
  });

  it('stores every transition before announcing it', async () => {
    const opened = fixture.open(kind);
    const c = await started(new FakeInstaller());
    const checks: Promise<boolean>[] = [];
    // Both stores read when called: a read made inside the subscriber sees exactly what was stored before the event.
    c.events.subscribe((t) => checks.push(opened!.store.history(t.intent).then((h) => h.some((x) => x.seq === t.seq && x.to === t.to))));
    const { id } = await c.submit(DCI);
    await reach(c, id, ['active']);
    expect(checks.length).toBe(5);
    expect(await Promise.all(checks)).toEqual([true, true, true, true, true]);
  });

  it('keeps a reservation only with the transition that made it: a failed write leaves the resources free', async () => {
    const opened = fixture.open(kind);
    const store = opened.store;
    let failOnce = true;
    const flaky = new Proxy(store, {
      get(target, name, receiver) {
        if (name === 'writeTransition') {
          return async (change: Parameters<typeof store.writeTransition>[0]) => {
            if (failOnce && change.transition.to === 'reserved') {
              failOnce = false;
              throw new Error('disk full');
            }
            return target.writeTransition(change);
          };
        }
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const c = fixture.track(await startController(flaky, new FakeInstaller(), new ManualClock(T0)));
    const lost = await c.submit(DCI);
    await c.idle();
    expect((await c.get(lost.id))?.state).toBe('compiling');
    expect(await store.reservations()).toEqual([]);
    const next = await c.submit(DCI);
    expect(await reach(c, next.id, ['active', 'failed'])).toBe('active');
    expect((await c.get(next.id))?.path?.working.resources[0]).toMatchObject({ kind: 'channel', value: 1 });
  });
});
