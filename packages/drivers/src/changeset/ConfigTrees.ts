import type { DataTree } from '@milli/yang-ts';
import type { EntryValue } from './Edit';
import type { EntryAddresses } from './putEntries';

/**
 * A device's running config as last read and its parsed libyang tree. The tree shows `config` except in `edited`:
 * the entries of the config last validated on it, which stay in until the next validation puts its own in (putting
 * the read entries back after each validation cost as much again, for a tree the next read usually replaces).
 */
export interface HeldConfig {
  readonly config: EntryValue;
  readonly tree: DataTree;
  edited: EntryAddresses;
}

/**
 * One parsed libyang tree per device, of its running config as last read, and for every config a change set built
 * from it since, the entries by which it differs from that one. A config is a value (nobody changes one after it
 * is made: `applyEdits` returns new ones), so the tree and the entries describe it for as long as both live. A
 * config read again from the device is a new object held with a tree of its own, and configs built from the one
 * before no longer find theirs: a commit the controller did not make, or a device that came back with another
 * config, is never answered with an old tree. One tree per device, freed as soon as it is replaced (a busy switch's
 * tree holds several MB outside the JS heap, which the garbage collector does not see).
 */
export class ConfigTrees {
  private readonly held = new Map<string, HeldConfig>();
  private readonly lineage = new WeakMap<EntryValue, { from: HeldConfig; entries: EntryAddresses }>();

  /** Holds `tree` (the cache's from now on) as the parse of `config`, the device's running config as read. */
  hold(device: string, config: EntryValue, tree: DataTree): void {
    this.drop(device);
    const held: HeldConfig = { config, tree, edited: new Map() };
    this.held.set(device, held);
    this.lineage.set(config, { from: held, entries: new Map() });
  }

  /** Whether the device's held tree is the one of `config`. */
  holds(device: string, config: EntryValue): boolean {
    return this.held.get(device)?.config === config;
  }

  /** The device's held config `config` was built from and the entries by which the two differ, if it was. */
  origin(device: string, config: EntryValue): { from: HeldConfig; entries: EntryAddresses } | undefined {
    const known = this.lineage.get(config);
    return known && this.held.get(device) === known.from ? known : undefined;
  }

  /** Records that `config` differs from the held `from` in `entries` (it was validated on `from`'s tree). */
  record(config: EntryValue, from: HeldConfig, entries: EntryAddresses): void {
    this.lineage.set(config, { from, entries });
  }

  /**
   * Makes `config` the device's held config, its tree kept, when the tree shows exactly `config` now (the last
   * validation on it was `config`'s): configs built from it then differ from the held one only by their own entries.
   * Configs built from the held config before no longer find it (their entries were relative to it) and are
   * validated from their JSON. Returns whether `config` is held now.
   */
  adopt(device: string, config: EntryValue): boolean {
    const held = this.held.get(device);
    if (held?.config === config) return true;
    const known = this.lineage.get(config);
    if (!held || !known || known.from !== held || held.edited !== known.entries) return false;
    const adopted: HeldConfig = { config, tree: held.tree, edited: new Map() };
    this.held.set(device, adopted);
    this.lineage.set(config, { from: adopted, entries: new Map() });
    return true;
  }

  /** Frees the device's tree: configs built from it are validated from their JSON again until the next read. */
  drop(device: string): void {
    this.held.get(device)?.tree.dispose();
    this.held.delete(device);
  }

  clear(): void {
    for (const device of [...this.held.keys()]) this.drop(device);
  }
}
