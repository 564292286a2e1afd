// What bench:yang's busy-device comparisons of a module's index against the module before it share: the module before
// put among today's others, the running config printed as a device holds it, and the alternated, CPU-timed runs.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeSet, type EntryValue, MILLI_MODULES, MILLI_YANG_DIR, YangDeviceSchema } from '@milli/drivers';
import { loadAverage, median, runningXml } from './busyDevice';

/**
 * A yang/ directory of today's modules with `module` as it was before its index (`beforeFile`), for `run`; removed
 * after. With `beforeDir` (a yang/ directory holding the module before), that directory instead.
 */
export function withModuleBefore(module: string, beforeFile: string, beforeDir: string | undefined, run: (dir: string) => void): void {
  if (beforeDir !== undefined) {
    run(beforeDir);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), `${module}-before-`));
  try {
    for (const file of readdirSync(MILLI_YANG_DIR).filter((f) => f.endsWith('.yang')))
      copyFileSync(join(MILLI_YANG_DIR, file), join(dir, file));
    copyFileSync(beforeFile, join(dir, `${module}.yang`));
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One way of writing the new item: the modules, the device at a size, and the edit. */
export interface Way {
  label: string;
  /** A yang/ directory: today's modules, or the module before among them. */
  dir: string;
  device: (size: number) => EntryValue;
  /** Adds the one new item to a change set on the device. */
  add: (cs: ChangeSet) => void;
}

/**
 * The new item added on the busy device at each size, validated locally on the kept tree (the controller's change
 * set), CPU time, `runs` runs of each way alternated, medians (min-max), the second way's ratio to the first, and the
 * doubling exponent of each between sizes.
 */
export function compareWays(title: string, unit: string, sizes: readonly number[], runs: number, ways: readonly Way[]): void {
  console.log(`\n${title}, kept tree, CPU ms, ${runs} runs each way alternated, medians (min-max):`);
  const schemas = ways.map((w) =>
    w.dir === MILLI_YANG_DIR ? YangDeviceSchema.forModules() : YangDeviceSchema.forModules(MILLI_MODULES, w.dir),
  );
  const medians = ways.map((): number[] => []);
  try {
    for (const size of sizes) {
      const bases = ways.map((w, i) => schemas[i]!.readConfig(runningXml(w.device(size), w.dir), 'busy'));
      const cpu = ways.map((): number[] => []);
      for (let run = 0; run < runs; run++) {
        ways.forEach((w, i) => {
          const schema = schemas[i]!;
          const cs = new ChangeSet({ device: 'busy', base: bases[i]!, namespaces: schema.namespaces, schema });
          const started = process.cpuUsage();
          w.add(cs);
          const used = process.cpuUsage(started);
          cpu[i]!.push((used.user + used.system) / 1000);
        });
      }
      const shown = ways.map((w, i) => {
        const m = median(cpu[i]!);
        medians[i]!.push(m);
        return `${w.label} ${m.toFixed(3)} (${Math.min(...cpu[i]!).toFixed(3)}-${Math.max(...cpu[i]!).toFixed(3)})`;
      });
      const ratio = ways.length === 2 ? `; ${ways[1]!.label}/${ways[0]!.label} ${(median(cpu[1]!) / median(cpu[0]!)).toFixed(2)}` : '';
      console.log(`  ${String(size).padStart(5)} ${unit}: ${shown.join(', ')}${ratio}`);
    }
    ways.forEach((w, i) => {
      const m = medians[i]!;
      const steps = sizes.slice(1).map((size, k) => {
        const exponent = Math.log2(m[k + 1]! / m[k]!) / Math.log2(size / sizes[k]!);
        return `${exponent.toFixed(2)} (${sizes[k]} → ${size})`;
      });
      console.log(`  ${w.label}: growth exponent ${steps.join(', ')} (1 linear, 2 quadratic)`);
    });
    console.log(`  load ${loadAverage()}`);
  } finally {
    for (const s of schemas) s.dispose();
  }
}
