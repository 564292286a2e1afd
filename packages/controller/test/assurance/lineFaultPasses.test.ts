import { systemClock } from '@milli/core';
import { TopologyIndex } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { AlarmBook, followLineFaults, MemoryAlarmStore } from '../../src/index';
import type { StoredLine } from '../../src/store/ControllerStore';
import { metroSmall } from '../support/controllerHarness';

// A cut raises an alarm at every device along what rides the fibre, each touching every line on it. The lines are
// told what stands on them once per burst, not once per alarm (which grew with alarms × lines under a big cut).
const path = (fibres: string[]) => ({
  layer: 'osu' as const,
  devices: [],
  fibres,
  latencyUs: 1,
  breakdown: { fibres: [], nodes: [] },
  resources: [],
});
const line = (id: string, fibres: string[]): StoredLine => ({
  id,
  from: 'P-1',
  to: 'dc-north',
  bandwidthKbps: 10_000,
  intents: [`I-${id}`],
  current: `I-${id}`,
  path: { working: path(fibres) },
});
const raised = (n: number, fibre: string) => ({
  type: 'alarm-raised' as const,
  device: `X-${n}`,
  standing: false,
  alarm: {
    id: `los-${n}`,
    resource: 'deg-1',
    type: 'loss-of-signal',
    severity: 'critical',
    text: 'los',
    raisedAt: new Date().toISOString(),
    probableCause: `fibre ${fibre} cut`,
  },
});

describe('line faults in passes', () => {
  it('forty alarms of one cut: each line on the fibre told once with the cut, a line elsewhere not told', async () => {
    const lines = [line('L-1', ['F-13', 'F-14']), line('L-2', ['F-13']), line('L-3', ['F-40'])];
    const book = new AlarmBook({
      store: new MemoryAlarmStore(),
      index: new TopologyIndex(await metroSmall()),
      lines: async () => lines,
      clock: systemClock,
      // One slice for the whole burst, however slow the machine: a pass between slices would tell the lines twice.
      issueSliceMs: 60_000,
    });
    const told: { line: string; faults: string[] }[] = [];
    let failed: string[] = [];
    const following = followLineFaults(book, {
      failedFibres: (fibres) => {
        failed = fibres;
      },
      degradedLines: async () => [],
      lineFaults: async (l, faults) => {
        told.push({ line: l, faults });
      },
    });
    try {
      for (let n = 0; n < 40; n++) await book.handle(raised(n, 'F-13'));
      for (let i = 0; i < 100 && told.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 20));
      // The alarms were handled one after another, as the book follows a device stream: one pass saw them all.
      expect(told.sort((a, b) => a.line.localeCompare(b.line))).toEqual([
        { line: 'L-1', faults: ['fibre F-13'] },
        { line: 'L-2', faults: ['fibre F-13'] },
      ]);
      expect(failed).toEqual(['F-13']);
    } finally {
      following.unsubscribe();
    }
  });

  it('a degraded line elsewhere is retried once a failed fibre is back, not on every clear while it is still down', async () => {
    const lines = [line('L-1', ['F-13'])];
    const book = new AlarmBook({
      store: new MemoryAlarmStore(),
      index: new TopologyIndex(await metroSmall()),
      lines: async () => lines,
      clock: systemClock,
    });
    const told: string[] = [];
    const following = followLineFaults(book, {
      failedFibres: () => undefined,
      degradedLines: async () => ['L-9'],
      lineFaults: async (l) => {
        told.push(l);
      },
    });
    const cleared = (n: number) => ({
      type: 'alarm-cleared' as const,
      device: `X-${n}`,
      id: `los-${n}`,
      resource: 'deg-1',
      alarmType: 'loss-of-signal',
      at: new Date().toISOString(),
    });
    const quiet = async () => {
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 10));
    };
    try {
      await book.handle(raised(1, 'F-13'));
      await book.handle(raised(2, 'F-13'));
      await quiet();
      told.length = 0;
      await book.handle(cleared(1));
      await quiet();
      // F-13 still has an alarm standing: the line on it is told, the degraded line elsewhere is left alone.
      expect(told).toEqual(['L-1']);
      told.length = 0;
      await book.handle(cleared(2));
      await quiet();
      expect(told.sort()).toEqual(['L-1', 'L-9']);
    } finally {
      following.unsubscribe();
    }
  });
});
