// A busy OTN transit switch for bench:yang: hundreds of ODU cross-connects between ODU0s on OTUC4 line ports, with
// every ODU of a cross-connect in milli-otn's index of ODU uses as the OTN driver writes them. No protection groups:
// the group's type must (odu-type-mismatch) still scans ODUs x cross-connects for each group (yang/README.md, Scale,
// "Still scans"), which would swamp what is measured here (30 groups at 300 cross-connects: seconds either way).
import { join } from 'node:path';
import { type EntryValue, MILLI_YANG_DIR, OtnDriverVerbs } from '@milli/drivers';
import { compareWays, withModuleBefore } from './indexBaseline';

/** milli-otn as it was before the index of ODU uses: the baseline, kept beside the benchmark. */
const OTN_BEFORE_INDEX = join(import.meta.dirname, 'baselines', 'milli-otn-before-odu-uses.yang');

const SLOTS = 320;
const XC_PATH = ['milli-otn:otn', 'odu-cross-connects', 'odu-cross-connect'];

/**
 * Running config (RFC 7951 JSON) of a switch with `crossConnects` ODU cross-connects, each joining two ODU0s (one
 * tributary slot each, OTUC4 line ports filled in turn, with their slot-owners entries). Two spare ODU0s (spare-a,
 * spare-b) are in nothing, for the new cross-connect. `withIndex`: with the odu-uses entries (the module since the index); without, as the module
 * before it held them.
 */
export function busyOtnDevice(crossConnects: number, withIndex: boolean): EntryValue {
  const xcs = Array.from({ length: crossConnects }, (_, i) => ({ name: `xc-${i}`, from: `odu-${2 * i}`, to: `odu-${2 * i + 1}` }));
  const names = [...xcs.flatMap((x) => [x.from, x.to]), 'spare-a', 'spare-b'];
  const placed = names.map((name, i) => ({ name, port: `line-${Math.floor(i / SLOTS) + 1}`, slot: (i % SLOTS) + 1 }));
  const ports = Array.from({ length: Math.ceil(names.length / SLOTS) }, (_, k) => ({ name: `line-${k + 1}`, kind: 'line', rate: 'OTUC4' }));
  const otn: EntryValue = {
    odus: { odu: placed.map((o) => ({ name: o.name, type: 'ODU0', port: o.port, 'tributary-slots': [o.slot] })) },
    'slot-owners': { 'slot-owner': placed.map((o) => ({ port: o.port, slot: o.slot, odu: o.name })) },
    'odu-cross-connects': { 'odu-cross-connect': xcs },
  };
  if (withIndex) {
    otn['odu-uses'] = { 'odu-use': xcs.flatMap((x) => [x.from, x.to].map((odu) => ({ odu, 'cross-connect': x.name }))) };
  }
  return { 'milli-device:device': { ports: { port: ports } }, 'milli-otn:otn': otn };
}

const NEW_XC = { name: 'new-xc', from: 'spare-a', to: 'spare-b' };

/**
 * One new ODU cross-connect on a busy OTN switch, validated locally on the kept tree (the controller's change set,
 * CPU time, medians of `runs`), at 300, 600 and 1,200 cross-connects. milli-otn checked each cross-connect against
 * every other (a must scanning the list: quadratic); through the index each check is a hashed lookup. The baseline, in the same run and alternating: the same device under milli-otn
 * before the index, its cross-connect written alone as it was then; the module as it was
 * (bench/baselines/milli-otn-before-odu-uses.yang) among today's others, or `beforeDir` (a yang/ directory holding it).
 */
export function measureBusyOtn(runs: number, beforeDir?: string, sizes: readonly number[] = [300, 600, 1200]): void {
  const otn = new OtnDriverVerbs('busy', {} as never);
  withModuleBefore('milli-otn', OTN_BEFORE_INDEX, beforeDir, (before) =>
    compareWays('busy OTN switch: one new ODU cross-connect (the index: with its odu-uses entries)', 'ODU cross-connects', sizes, runs, [
      {
        label: 'with the index',
        dir: MILLI_YANG_DIR,
        device: (size) => busyOtnDevice(size, true),
        add: (cs) => void otn.createOduCrossConnect(cs, NEW_XC),
      },
      {
        label: 'module before',
        dir: before,
        device: (size) => busyOtnDevice(size, false),
        add: (cs) => void cs.add({ op: 'create', path: XC_PATH, key: { name: NEW_XC.name }, value: { ...NEW_XC } }),
      },
    ]),
  );
}
