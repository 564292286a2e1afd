// The busy OTN/OSU switch of bench:yang seen from the device's side: one line's transaction on a candidate datastore
// as the lab's mock device runs it (discard-changes, edit-config, validate, confirmed commit, confirming commit), each
// step on a copy of a datastore held as a libyang tree. "Every step validates" is how the device worked before: the
// whole datastore at each step. Now the edit-config validates what the edit can break (validateAgainst: the modules
// whose data differs and those depending on them) and the later steps copy a tree known valid. Same run, alternating.
// Then what holding such trees costs in resident memory.
import { type DataTree, YangContext } from '@milli/yang-ts';
import { MILLI_MODULES, MILLI_YANG_DIR } from '@milli/drivers';
import { busyOsuDevice } from './busyDevice';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One transaction adding one OSU connection; returns the milliseconds it took. Leaves `running` as it was. */
function transaction(running: DataTree, run: number, force: boolean): number {
  const started = performance.now();
  const candidate = running.duplicate(); // discard-changes: candidate := running
  const work = candidate.duplicate(); // edit-config works on a copy and swaps it in when valid
  const at = `/milli-osu:osu/connections/connection[name='bench-${run}']`;
  work.newPath(`${at}/client-port`, 'client-1');
  work.newPath(`${at}/vlan`, '4000');
  work.newPath(`${at}/bandwidth-kbps`, '2000');
  work.newPath(`${at}/odu`, 'osu-odu-0');
  work.newPath(`${at}/osu-id`, '999');
  // The old way validated the whole copy; now the edited copy is checked against the valid datastore it came from:
  // the modules whose data differs (milli-osu here) and those depending on them.
  if (force) work.validate('config', { force });
  else work.validateAgainst(candidate, 'config');
  candidate.dispose();
  const checked = work.duplicate(); // <validate><source><candidate/>
  checked.validate('config', { force });
  checked.dispose();
  const committed = work.duplicate(); // <commit><confirmed/>: running := a validated copy of the candidate
  committed.validate('config', { force });
  const confirmed = work.duplicate(); // the confirming <commit>: validated again before it replaces running
  confirmed.validate('config', { force });
  const took = performance.now() - started;
  for (const tree of [work, committed, confirmed]) tree.dispose();
  return took;
}

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

export function measureBusyDatastore(connections: number, runs: number): void {
  const ctx = new YangContext({ searchDirs: [MILLI_YANG_DIR] });
  try {
    ctx.loadModule('ietf-netconf');
    for (const name of MILLI_MODULES) ctx.loadModule(name);
    const odus = Math.round(connections / 2);
    const running = ctx.parseData(JSON.stringify(busyOsuDevice(odus, connections)), { format: 'json', mode: 'config' });
    const before: number[] = [];
    const after: number[] = [];
    for (let run = 0; run < runs; run++) {
      before.push(transaction(running, run, true));
      after.push(transaction(running, run, false));
    }
    const a = median(before);
    const b = median(after);
    console.log(
      `\nbusy switch as a lab device (${connections} OSU connections, ${odus} ODUs), one line's candidate transaction, ${runs} runs each, medians (min-max):`,
    );
    console.log(
      `  every step validates the whole datastore: ${a.toFixed(1)} ms (${Math.min(...before).toFixed(1)}-${Math.max(...before).toFixed(1)})`,
    );
    console.log(
      `  changed modules once, copies after:       ${b.toFixed(1)} ms (${Math.min(...after).toFixed(1)}-${Math.max(...after).toFixed(1)})`,
    );
    console.log(`  ratio new / old ${(b / a).toFixed(2)}`);

    // Memory: the lab holds running, candidate and startup per device. Copies of the busy running tree, held at once.
    const held: DataTree[] = [];
    global.gc?.();
    const base = rssMb();
    const copies = 8;
    for (let i = 0; i < copies; i++) held.push(running.duplicate());
    const grown = rssMb() - base;
    for (const tree of held) tree.dispose();
    console.log(
      `  resident memory: ${copies} copies of this datastore held at once add ${grown.toFixed(0)} MB, ${(grown / copies).toFixed(1)} MB per tree ` +
        `(${running.find('//*').length} nodes)`,
    );
    running.dispose();
  } finally {
    ctx.dispose();
  }
}
