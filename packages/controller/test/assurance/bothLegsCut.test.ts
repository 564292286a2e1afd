import { ManualClock } from '@milli/core';
import { describe, expect, it } from 'vitest';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, reach } from '../support/controllerHarness';

// A 1+1 DC interconnect with both legs cut: a new disjoint pair within the bound is sought and both legs move in one
// transaction; where none fits, the line stays degraded with the typed reason. Faults are told to the controller as
// followLineFaults tells them.
const DCI = 'connect dc-north to dc-south under 1 ms at 400G protected';
const fixture = controllerFixture();

async function cutBothLegs(pick: (working: string[], protection: string[]) => string[]) {
  fixture.open('memory');
  const installer = new FakeInstaller();
  const c = await fixture.started(installer, new ManualClock(Date.UTC(2026, 0, 5)));
  const { id, line } = await c.submit(DCI);
  expect(await reach(c, id, ['active', 'failed'])).toBe('active');
  const before = (await c.get(id))!.path!;
  const cut = pick(before.working.fibres, before.protection!.fibres);
  c.failedFibres(cut);
  await c.lineFaults(
    line!,
    cut.map((f) => `fibre ${f}`),
  );
  await c.idle();
  return { c, id, line: line!, installer, cut, record: (await c.get(id))! };
}

describe('a 1+1 line with both legs cut', () => {
  it('moves to a new disjoint pair within its bound in one transaction', async () => {
    // Each leg cut in its middle span: the DC ends keep their two degrees, so a new pair exists.
    const { record, installer, line, cut } = await cutBothLegs((w, p) => [w[1]!, p[1]!]);
    expect(record.state).toBe('active');
    expect(record.history.find((t) => t.to === 'restoring')!.reason).toContain('working cut, protection cut');
    const { working, protection } = record.path!;
    for (const fibre of cut) {
      expect(working.fibres).not.toContain(fibre);
      expect(protection!.fibres).not.toContain(fibre);
    }
    expect(working.fibres.filter((f) => protection!.fibres.includes(f))).toEqual([]);
    expect(working.latencyUs).toBeLessThanOrEqual(1000);
    expect(protection!.latencyUs).toBeLessThanOrEqual(1000);
    expect(installer.replaces).toEqual([line]);
    expect(installer.doubleHeld).toEqual([]);
  });

  it('stays degraded with the typed reason when no pair fits', async () => {
    // Both of dc-north's degrees cut: no way out of the DC.
    const { record, installer } = await cutBothLegs((w, p) => [w[0]!, p[0]!]);
    expect(record.state).toBe('degraded');
    expect(record.error).toMatchObject({ kind: 'no-path' });
    expect(record.history.at(-1)).toMatchObject({ from: 'restoring', to: 'degraded', reason: expect.stringContaining('not restored') });
    expect(installer.replaces).toEqual([]);
  });
});
