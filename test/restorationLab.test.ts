import type { ApiClient } from '@milli/api';
import type { IntentRecord } from '@milli/controller';
import { sendControl } from '@milli/lab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedLab, startServedLab } from './support/servedLab';

// Restoration end to end: `milli serve` watching metro-small's devices in the lab. A fibre cut under an unprotected
// line takes it degraded, then restoring, and back to active on a path that avoids the cut fibre; the fibre's return
// leaves the restored line where it is.
let lab: ServedLab;
let client: ApiClient;
let control: string;

beforeAll(async () => {
  lab = await startServedLab('restoration-lab');
  ({ client, control } = lab);
}, 120_000);

afterAll(async () => {
  await lab?.stop();
}, 60_000);

/** Polls the intent (bounded: 30 s) until `ok` holds. */
async function until(id: string, ok: (r: IntentRecord) => boolean, what: string): Promise<IntentRecord> {
  let last: IntentRecord | undefined;
  for (let i = 0; i < 300; i++) {
    last = await client.get(id);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}; last: ${JSON.stringify(last?.history.slice(-4))}`);
}

/** Releases a line, so the next test finds the DC ends' transponders free. */
async function release(id: string): Promise<void> {
  const { id: releasing } = await client.release(id);
  expect((await client.follow(releasing, { until: ['deleted', 'failed'] })).state).toBe('deleted');
}

const restored = (r: IntentRecord) => r.state === 'active' && r.history.some((t) => t.from === 'restoring' && t.to === 'active');

describe('restoration of unprotected lines on metro-small', () => {
  it('a cut under an unprotected line: degraded, restoring, active on a path avoiding the fibre; the fibre returns and the line stays put', async () => {
    const { id } = await client.submit('connect dc-north to dc-south under 1 ms at 400G');
    const active = await client.follow(id, { until: ['active', 'failed'] });
    expect(active.state).toBe('active');
    const fibre = active.path!.working.fibres[0]!;

    await sendControl(control, { op: 'fault', fault: 'cut-fibre', target: fibre });
    const back = await until(id, restored, 'the line restored');
    const moves = back.history.map((t) => t.to);
    expect(moves.slice(moves.indexOf('degraded'))).toEqual(['degraded', 'restoring', 'active']);
    expect(back.path!.working.fibres).not.toContain(fibre);
    expect(back.path!.working.latencyUs).toBeLessThanOrEqual(1000);
    const seqAfterRestore = back.history.at(-1)!.seq;

    await sendControl(control, { op: 'fault', fault: 'restore-fibre', target: fibre });
    // The clearing alarms of the former path reach the controller; the restored line is not moved by them.
    for (let i = 0; i < 300 && (await client.alarms({ active: true })).some((a) => a.root.id === fibre); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await client.alarms({ active: true })).filter((a) => a.root.id === fibre)).toEqual([]);
    const after = await client.get(id);
    expect(after.state).toBe('active');
    expect(after.history.at(-1)!.seq).toBe(seqAfterRestore);
    expect(after.path!.working.fibres).toEqual(back.path!.working.fibres);
    await release(id);
  }, 120_000);

  it('a cut no path can avoid: the line stays degraded with its no-path reason, and is active again when the fibres return', async () => {
    const { id } = await client.submit('connect dc-north to dc-south under 1 ms at 100G');
    const active = await client.follow(id, { until: ['active', 'failed'] });
    expect(active.state).toBe('active');
    const fibres = Array.from({ length: 12 }, (_, i) => `F-${i + 1}`);
    try {
      for (const target of fibres) await sendControl(control, { op: 'fault', fault: 'cut-fibre', target });
      // The cuts come one by one: a move booked between two of them can fail on the next one and is tried again at
      // once (markLineFault), so the line may pass through degraded for a failed transaction before it settles.
      const stuck = await until(
        id,
        (r) => r.state === 'degraded' && r.history.at(-1)?.from === 'restoring' && r.error?.kind !== 'transaction',
        'the restoration gives up with its reason',
      );
      expect(stuck.error).toMatchObject({ kind: 'no-path' });
    } finally {
      // Back whatever happened, so that the next test does not meet a dark metro.
      for (const target of fibres) await sendControl(control, { op: 'fault', fault: 'restore-fibre', target });
    }
    // Healed in place when its own fibres return, or re-routed by a retry on an earlier return: active either way.
    const healed = await until(id, (r) => r.state === 'active', 'the line heals when its fibres return');
    expect(['degraded', 'restoring']).toContain(healed.history.at(-1)!.from);
    await release(id);
  }, 120_000);

  it('many lines on one fibre: every one restored around it, no channel booked twice', async () => {
    const submitted = await Promise.all(
      ['2A', '3A', '2A', '3A'].map((tier) => client.submit(`connect dc-north to dc-south under 1 ms at 100G tier ${tier}`)),
    );
    const lines = await Promise.all(submitted.map(({ id }) => client.follow(id, { until: ['active', 'failed'] })));
    for (const l of lines) expect(l.state, JSON.stringify(l.error)).toBe('active');
    const shared = lines[0]!.path!.working.fibres.find((f) => lines.every((l) => l.path!.working.fibres.includes(f)));
    expect(shared, 'the lines share a fibre').toBeDefined();

    await sendControl(control, { op: 'fault', fault: 'cut-fibre', target: shared! });
    const back = await Promise.all(submitted.map(({ id }) => until(id, restored, `${id} restored`)));
    const booked = new Set<string>();
    for (const r of back) {
      expect(r.path!.working.fibres).not.toContain(shared);
      for (const c of r.path!.working.resources.filter((x) => x.kind === 'channel')) {
        const key = `${c.link}#${c.value}`;
        expect(booked.has(key), `channel ${key} booked twice`).toBe(false);
        booked.add(key);
      }
    }
    await sendControl(control, { op: 'fault', fault: 'restore-fibre', target: shared! });
    // The DCs' transponders back for the next test.
    for (const { id } of submitted) await release(id);
  }, 120_000);
});

describe('restoration of unprotected OSU access lines on metro-small', () => {
  it('unprotected park lines riding one lightpath all return to active around a cut of its fibre; released, the same lines provision again', async () => {
    const texts = ['P-1', 'P-2', 'P-1', 'P-2'].map((park) => `connect park ${park} to DC dc-north with 10Mbps unprotected`);
    const submitted = await Promise.all(texts.map((text) => client.submit(text)));
    const lines = await Promise.all(submitted.map(({ id }) => client.follow(id, { until: ['active', 'failed'] })));
    for (const l of lines) expect(l.state, JSON.stringify(l.error)).toBe('active');
    // Past the parks' own drops (a park hangs on one fibre): a span every line's groomed lightpath crosses.
    const shared = lines[0]!.path!.working.fibres.slice(1).find((f) => lines.every((l) => l.path!.working.fibres.includes(f)));
    expect(shared, 'the lines share a fibre beyond the parks').toBeDefined();

    await sendControl(control, { op: 'fault', fault: 'cut-fibre', target: shared! });
    const back = await Promise.all(submitted.map(({ id }) => until(id, restored, `${id} restored`)));
    for (const r of back) expect(r.path!.working.fibres).not.toContain(shared);
    await sendControl(control, { op: 'fault', fault: 'restore-fibre', target: shared! });
    for (let i = 0; i < 300 && (await client.alarms({ active: true })).some((a) => a.root.id === shared); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }

    // The broken lightpath went with the restorations: once the lines are released, the same lines find the same
    // ports and channels free and are set up again (its media channels left behind would refuse them: "already exists").
    for (const { id } of submitted) await release(id);
    const again = await Promise.all(texts.map((text) => client.submit(text)));
    const reinstalled = await Promise.all(again.map(({ id }) => client.follow(id, { until: ['active', 'failed'] })));
    for (const l of reinstalled) expect(l.state, JSON.stringify(l.error)).toBe('active');
    expect(reinstalled.map((l) => l.path!.working.fibres)).toEqual(lines.map((l) => l.path!.working.fibres));
    for (const { id } of again) await release(id);
  }, 180_000);
});
