import { Writable } from 'node:stream';
import { createLogger, ManualClock } from '@milli/core';
import { describe, expect, it } from 'vitest';
import { composeController, type ProtectionStateReader, type SelectedLegReading } from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { controllerFixture, metroSmall, reach } from '../support/controllerHarness';

// Which leg of a 1+1 line carries the traffic is what its protection groups select, read from the devices when its
// leg is cut; the failed fibres decide only when the groups cannot be read, and a log line says so.
const fixture = controllerFixture();

/** An in-memory network whose protection groups report what the test sets (or cannot be read). */
class GroupsInstaller extends FakeInstaller implements ProtectionStateReader {
  readings: SelectedLegReading[] = [];
  async selectedLegs(): Promise<SelectedLegReading[]> {
    return this.readings;
  }
}

/** A protected park line active, its working leg cut: the RESTORE transition's reason, and the log lines. */
async function cutWorkingLeg(readings: SelectedLegReading[]): Promise<{ recorded: string; logs: Record<string, unknown>[] }> {
  const { store } = fixture.open('memory');
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const installer = new GroupsInstaller();
  installer.readings = readings;
  const c = fixture.track(
    composeController({
      store,
      topology: await metroSmall(),
      installer,
      clock: new ManualClock(Date.UTC(2026, 0, 5)),
      logger: createLogger({ destination }),
    }),
  );
  await c.start();
  const { id, line } = await c.submit('connect park P-7 to DC dc-north under 1ms with 100Mbps protected');
  expect(await reach(c, id, ['active', 'failed'])).toBe('active');
  const working = (await store.line(line!))!.path!;
  const fibre = working.working.fibres.find((f) => !working.protection!.fibres.includes(f))!;
  await c.lineFaults(line!, [`fibre ${fibre}`]);
  await c.idle();
  const recorded = (await c.get(id))!.history.find((t) => t.to === 'restoring')!.reason;
  return { recorded, logs: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const group = (device: string, selectedLeg?: 'working' | 'protection', unreadable?: string): SelectedLegReading => ({
  device,
  group: 'L-1-pg',
  ...(selectedLeg ? { selectedLeg } : {}),
  ...(unreadable ? { unreadable } : {}),
});

describe('the leg carrying traffic of a 1+1 line', () => {
  it('is read from the protection groups at both ends', async () => {
    const { recorded } = await cutWorkingLeg([group('P-7-osu', 'protection'), group('dc-north-osu', 'protection')]);
    expect(recorded).toContain(
      'working cut, protection carries traffic (selected leg read from the devices: P-7-osu protection, dc-north-osu protection)',
    );
  });

  it('is what the devices say even where the failed fibres suggest otherwise', async () => {
    const { recorded } = await cutWorkingLeg([group('P-7-osu', 'working'), group('dc-north-osu', 'working')]);
    expect(recorded).toContain('working carries traffic, protection standby (selected leg read from the devices: ');
  });

  it('is inferred from the failed fibres when a group cannot be read, and a log line says so', async () => {
    const { recorded, logs } = await cutWorkingLeg([group('P-7-osu', 'protection'), group('dc-north-osu', undefined, 'session lost')]);
    expect(recorded).toContain(
      'working cut, protection carries traffic (inferred from the failed fibres: selected leg unreadable on dc-north-osu (session lost))',
    );
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'leg carrying traffic inferred from the failed fibres, not read from the devices',
        inferred: 'protection',
      }),
    );
  });

  it('is inferred when the ends disagree', async () => {
    const { recorded } = await cutWorkingLeg([group('P-7-osu', 'protection'), group('dc-north-osu', 'working')]);
    expect(recorded).toContain(
      '(inferred from the failed fibres: the ends select different legs (P-7-osu protection, dc-north-osu working))',
    );
  });
});
