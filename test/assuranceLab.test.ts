import type { ApiClient } from '@milli/api';
import type { AlarmRecord } from '@milli/controller';
import { sendControl } from '@milli/lab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedLab, startServedLab } from './support/servedLab';

// Assurance end to end: `milli serve` watching metro-small's devices in the lab. A fibre cut under an active DC
// interconnect raises alarms on the devices, the controller keeps them (GET /v1/alarms, mapped to the line and the
// fibre), the line goes degraded; restoring the fibre clears them and the line is active again. The line is 1+1 (a
// wavelength pair, no protection group on the devices) cut where no new leg can be found: an unprotected one would be
// re-routed (restorationLab), a 1+1 one with a way around re-protected (controller/reprotectLab).
let lab: ServedLab;
let client: ApiClient;
let control: string;

beforeAll(async () => {
  lab = await startServedLab('assurance-lab');
  ({ client, control } = lab);
}, 120_000);

afterAll(async () => {
  await lab?.stop();
}, 60_000);

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe('alarms and line state through the API on metro-small', () => {
  it('a cut under an active line: alarms kept and mapped, the line degraded; the repair clears them and the line is active', async () => {
    const { id, line } = await client.submit('connect dc-north to dc-south under 1 ms at 400G protected');
    const active = await client.follow(id, { until: ['active', 'failed'] });
    expect(active.state).toBe('active');
    // The working leg leaves dc-north by one of its ROADM's two degrees and the protection leg by the other: with the
    // first cut, no new leg disjoint from the surviving one exists, so the line stays degraded until the fibre returns.
    const fibre = active.path!.working.fibres[0]!;

    await sendControl(control, { op: 'fault', fault: 'cut-fibre', target: fibre });
    const degraded = await client.follow(id, { until: ['degraded'] });
    expect(degraded.history.find((t) => t.to === 'degraded')).toMatchObject({
      from: 'active',
      reason: expect.stringContaining(`fibre ${fibre}`),
    });
    const onLine = await until(
      () => client.alarms({ line: line!, active: true }),
      (a) => a.length >= 2,
      'the alarms of the cut are kept and mapped to the line',
    );
    for (const a of onLine) expect(a.root).toEqual({ kind: 'fibre', id: fibre });
    expect(new Set(onLine.map((a: AlarmRecord) => a.device)).size).toBeGreaterThanOrEqual(2);

    await sendControl(control, { op: 'fault', fault: 'restore-fibre', target: fibre });
    const healed = await client.follow(id, { until: ['active'] });
    expect(healed.history.at(-1)).toMatchObject({ from: 'degraded', to: 'active' });
    await until(
      () => client.alarms({ line: line!, active: true }),
      (a) => a.length === 0,
      'every alarm on the line cleared',
    );
    const cleared = await client.alarms({ line: line!, active: false });
    for (const a of cleared) expect(a.clearedAt).toBeGreaterThanOrEqual(a.raisedAt);
  }, 120_000);
});
