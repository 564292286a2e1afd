import type { DataTree } from '@milli/yang-ts';
import type { EntryValue } from './Edit';

/**
 * The parsed libyang trees of a few recent configs of each device, keyed by the config object itself. A config is
 * a value (nobody mutates one after it is made: `applyEdits` returns new ones), so a tree stays true to its key
 * for as long as both live, and a config read again from the device is a new object with a tree of its own: a
 * commit the controller did not make, or a device that came back with another config, can never be answered with
 * an old tree. Each device keeps its `perDevice` most recently used trees; older ones are freed at once (a busy
 * switch's tree holds several MB outside the JS heap, which the garbage collector does not see).
 */
export class ConfigTrees {
  private readonly byDevice = new Map<string, { config: EntryValue; tree: DataTree }[]>();

  constructor(private readonly perDevice = 3) {}

  /** The tree parsed for exactly this config object, if still held (and marks it recently used). */
  get(device: string, config: EntryValue): DataTree | undefined {
    const held = this.byDevice.get(device);
    const at = held?.findIndex((h) => h.config === config) ?? -1;
    if (!held || at < 0) return undefined;
    const [hit] = held.splice(at, 1);
    held.push(hit!);
    return hit!.tree;
  }

  /** Holds `tree` as the parse of `config` (the tree is the cache's from now on), freeing the least recently used. */
  put(device: string, config: EntryValue, tree: DataTree): void {
    let held = this.byDevice.get(device);
    if (!held) {
      held = [];
      this.byDevice.set(device, held);
    }
    const at = held.findIndex((h) => h.config === config);
    if (at >= 0) {
      const [old] = held.splice(at, 1);
      if (old!.tree !== tree) old!.tree.dispose();
    }
    held.push({ config, tree });
    while (held.length > this.perDevice) held.shift()!.tree.dispose();
  }

  /** Frees every tree held for `device` (or for every device). */
  clear(device?: string): void {
    for (const [name, held] of this.byDevice) {
      if (device !== undefined && name !== device) continue;
      for (const h of held) h.tree.dispose();
      this.byDevice.delete(name);
    }
  }
}
