import { YangContext } from '@milli/yang-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configRows } from '../src/device/model/configRows';
import { summarizeConfig } from '../src/device/model/configSummary';
import { YANG_DIR } from './support/deviceFixtures';

let yang: YangContext;
beforeAll(() => {
  yang = new YangContext({ searchDirs: [YANG_DIR] });
  for (const m of ['milli-device', 'milli-otn', 'milli-osu']) yang.loadModule(m);
});
afterAll(() => yang.dispose());

const SLOTS = [9, 3, 1, 2, 4, 5, 6, 7];
const running = () =>
  yang.parseData(
    JSON.stringify({
      'milli-device:device': {
        ports: {
          port: [
            { name: 'line-1', kind: 'line', rate: 'OTU4' },
            { name: 'client-1', kind: 'client', rate: '10GE', 'admin-status': 'down' },
          ],
        },
      },
      'milli-otn:otn': {
        odus: { odu: [{ name: 'o-1', type: 'ODU2', port: 'line-1', 'tributary-slots': SLOTS }] },
        'slot-owners': { 'slot-owner': SLOTS.map((slot) => ({ port: 'line-1', slot, odu: 'o-1' })) },
      },
    }),
    { format: 'json', mode: 'config' },
  );

describe('configuration read as rows (one libyang print per tree)', () => {
  it('gives each entry its leaves as canonical strings, its leaf-lists, and a path that names it in the tree', () => {
    const tree = running();
    try {
      const [odu] = configRows(tree, ['milli-otn:otn', 'odus', 'odu'], 'name');
      expect(odu?.leaves.get('type')).toBe('ODU2');
      expect(odu?.leafList('tributary-slots').sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '9']);
      expect(odu?.path).toBe("/milli-otn:otn/odus/odu[name='o-1']");
      const ports = configRows(tree, ['milli-device:device', 'ports', 'port'], 'name');
      expect(ports.map((p) => [p.leaves.get('name'), p.leaves.get('admin-status')])).toEqual([
        ['line-1', 'up'],
        ['client-1', 'down'],
      ]);
      // The path finds the entry it was read from (state is written beside it).
      expect(tree.find(ports[1]!.path).map((n) => n.path)).toEqual(["/milli-device:device/ports/port[name='client-1']"]);
      // Defaults are read as the tree holds them (admin-status defaults to up, above).
      expect(configRows(tree, ['milli-osu:osu', 'connections', 'connection'], 'name')).toEqual([]);
    } finally {
      tree.dispose();
    }
  });

  it('summarises a device the same from rows as from its nodes', () => {
    const tree = running();
    try {
      const summary = summarizeConfig(tree, ['milli-device', 'milli-otn', 'milli-osu']);
      expect(summary.odus).toEqual([{ name: 'o-1', port: 'line-1', slots: ['1', '2', '3', '4', '5', '6', '7', '9'] }]);
      expect(summary.osuConnections).toEqual([]);
    } finally {
      tree.dispose();
    }
  });
});
