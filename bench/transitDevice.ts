// A busy transit switch for bench:yang: an aggregation device holding hundreds of OSU cross-connects (bench:restore's
// AGG devices hold up to 336), with their ends in milli-osu's index of shared OSUs as the OSU driver writes them.
import { ChangeSet, type EntryValue, OsuDriverVerbs, setListIndexing, type YangDeviceSchema } from '@milli/drivers';
import { describe, loadAverage, median, runningXml, sample } from './busyDevice';

const LINES = 8;
/** ODU0s on each side of the switch: cross-connects join an ODU of the first half to one of the second. */
const SIDE = 8;

/**
 * Running config (RFC 7951 JSON) of a switch with `crossConnects` OSU cross-connects between 2 x SIDE ODU0s, a few
 * client connections beside them, and a shared-osus entry for each cross-connect end.
 */
export function busyTransitDevice(crossConnects: number): EntryValue {
  const odus = 2 * SIDE;
  const port = (i: number) => `line-${(i % LINES) + 1}`;
  const slot = (i: number) => Math.floor(i / LINES) + 1;
  const ends = (i: number) => ({
    from: { odu: `osu-odu-${i % SIDE}`, 'osu-id': Math.floor(i / SIDE) + 1 },
    to: { odu: `osu-odu-${SIDE + (i % SIDE)}`, 'osu-id': Math.floor(i / SIDE) + 1 },
  });
  const xcs = Array.from({ length: crossConnects }, (_, i) => ({ name: `transit-${i}`, ...ends(i), 'bandwidth-kbps': '2000' }));
  return {
    'milli-device:device': {
      ports: {
        port: [
          ...Array.from({ length: LINES }, (_, i) => ({ name: `line-${i + 1}`, kind: 'line', rate: 'OTUC4' })),
          { name: 'client-1', kind: 'client', rate: '10GE' },
        ],
      },
    },
    'milli-otn:otn': {
      odus: {
        odu: Array.from({ length: odus }, (_, i) => ({ name: `osu-odu-${i}`, type: 'ODU0', port: port(i), 'tributary-slots': [slot(i)] })),
      },
      'slot-owners': { 'slot-owner': Array.from({ length: odus }, (_, i) => ({ port: port(i), slot: slot(i), odu: `osu-odu-${i}` })) },
    },
    'milli-osu:osu': {
      connections: {
        connection: Array.from({ length: 20 }, (_, i) => ({
          name: `local-${i}`,
          'client-port': 'client-1',
          vlan: i + 1,
          'bandwidth-kbps': '2000',
          odu: `osu-odu-${i % odus}`,
          'osu-id': 60000 + i,
        })),
      },
      'cross-connects': { 'cross-connect': xcs },
      'shared-osus': {
        'shared-osu': xcs.flatMap((x) => [
          { ...x.from, 'cross-connect-from': x.name },
          { ...x.to, 'cross-connect-to': x.name },
        ]),
      },
    },
  };
}

/**
 * A transit switch: one new OSU cross-connect (with its two shared-osus entries) at three sizes. milli-osu checked
 * each cross-connect's `from` against every `to`, and each connection against both ends of every cross-connect
 * (cross-connects squared); through the index each end's check is a hashed lookup, so the time grows with the device.
 */
export function measureTransitDevice(schema: YangDeviceSchema, runs: number): void {
  const osu = new OsuDriverVerbs('busy', {} as never);
  console.log(`\ntransit switch: one new OSU cross-connect (with its shared-osus entries), ${runs} runs each way, medians (min-max):`);
  const medians: number[] = [];
  const sizes = [300, 600, 1200];
  for (const crossConnects of sizes) {
    const base = schema.readConfig(runningXml(busyTransitDevice(crossConnects)), 'busy');
    const transit = (cs: ChangeSet) => {
      osu.createOsuCrossConnect(cs, {
        name: 'new-transit',
        from: { odu: 'osu-odu-0', osuId: 50000 },
        to: { odu: `osu-odu-${SIDE}`, osuId: 50000 },
        bandwidthKbps: 2000,
      });
    };
    const s = sample(schema, base, runs, transit);
    medians.push(median(s.cpu.now));
    console.log(`  ${String(crossConnects).padStart(5)} OSU cross-connects: ${describe(s)}`);
  }
  const ratio = medians[2]! / medians[1]!;
  console.log(
    `  doubling the device multiplies the CPU time now by ${ratio.toFixed(2)} (exponent ${Math.log2(ratio).toFixed(2)}: 1 linear, 2 quadratic); load ${loadAverage()}`,
  );
}

/**
 * The controller's side of the index: a round moving `MOVES` cross-connects on the transit switch, rendered as the
 * OSU driver writes them (each one deleted and created with its shared-osus entries, one change set per move as a
 * group round's lines continue each other) and journaled (the edits' inverse), without YANG. With the drivers' key
 * indexes, and without them (every list scanned entry by entry) as the baseline, alternated.
 */
export function measureTransitRendering(runs: number): void {
  const MOVES = 200;
  const osu = new OsuDriverVerbs('busy', {} as never);
  console.log(
    `\ntransit switch, rendering only: ${MOVES} cross-connects moved in one round, µs per move, ${runs} runs each way, medians (min-max):`,
  );
  for (const crossConnects of [300, 1000]) {
    const base = busyTransitDevice(crossConnects);
    const existing = ((base['milli-osu:osu'] as EntryValue)['cross-connects'] as EntryValue)['cross-connect'] as EntryValue[];
    const round = () => {
      const started = performance.now();
      let cs = new ChangeSet({ device: 'busy', base, namespaces: {} });
      const sets = [cs];
      for (let i = 0; i < MOVES; i++) {
        const old = `transit-${i}`;
        const { from, to } = existing[i] as { from: { odu: string; 'osu-id': number }; to: { odu: string; 'osu-id': number } };
        osu.deleteOsuCrossConnect(cs, old);
        osu.createOsuCrossConnect(cs, {
          name: `moved-${i}`,
          from: { odu: from.odu, osuId: from['osu-id'] },
          to: { odu: to.odu, osuId: to['osu-id'] },
          bandwidthKbps: 2000,
        });
        cs = cs.continued();
        sets.push(cs);
      }
      ChangeSet.joined(sets).toJSON();
      return (1000 * (performance.now() - started)) / MOVES;
    };
    const times: { indexed: number[]; scanned: number[] } = { indexed: [], scanned: [] };
    for (let r = 0; r < runs; r++) {
      for (const way of ['scanned', 'indexed'] as const) {
        setListIndexing(way === 'indexed');
        times[way].push(round());
      }
    }
    setListIndexing(true);
    const show = (t: number[]) => `${median(t).toFixed(1)} (${Math.min(...t).toFixed(1)}-${Math.max(...t).toFixed(1)})`;
    console.log(
      `  ${String(crossConnects).padStart(5)} OSU cross-connects: indexed ${show(times.indexed)}, scanned ${show(times.scanned)}; ratio ${(median(times.scanned) / median(times.indexed)).toFixed(2)}; load ${loadAverage()}`,
    );
  }
}
