import type { EntryValue, LeafValue } from './Edit';

/**
 * Entries of a config list found by key without scanning the list. A transit switch's milli-osu holds hundreds of
 * cross-connects and twice as many index entries (shared-osus), and a round's change set edits them hundreds of
 * times; each edit looked its entry up entry by entry, and each added edit copies the list (configs are values,
 * see applyEdits), so a plain map per list would be rebuilt or copied at every edit.
 *
 * So a list's index is layered: a copied list gets a new, empty layer over the index of the list it was copied
 * from, and records there only what its own edits changed. A lookup reads the layers from the newest down. After
 * a few layers the chain is flattened into one map, so lookups stay a handful of map reads. A list nobody indexed
 * (small, or made elsewhere: parsed, cloned) is indexed on its first lookup, or scanned when it is short.
 *
 * Layers belong to the list they were made for: only that list's owner, while it edits the list (applyEdits' own
 * copies, an edit session), changes its layer, and a list's index is never changed once that list is a value.
 */

/** An entry, or null where a layer records that the key's entry was deleted. */
type Slot = EntryValue | null;

/** Lists shorter than this are scanned: building a map costs more than the few comparisons. */
const INDEX_FROM = 16;
/** Layers kept before the chain is flattened into one map. */
const MAX_DEPTH = 16;
let indexing = true;

/**
 * @internal For benchmarks only: with `false`, lists are scanned entry by entry as before the indexes (a baseline in
 * the same run): no index is read, made or carried to a copy.
 */
export function setListIndexing(enabled: boolean): void {
  indexing = enabled;
}

class KeyIndex {
  private constructor(
    /** The key leaves' names, in the order the ids join their values. */
    readonly names: readonly string[],
    private layer: Map<string, Slot>,
    private parent: KeyIndex | undefined,
    private depth: number,
  ) {}

  static build(list: readonly EntryValue[], names: readonly string[]): KeyIndex {
    const layer = new Map<string, Slot>();
    for (const entry of list) layer.set(entryId(entry, names), entry);
    return new KeyIndex(names, layer, undefined, 0);
  }

  get(id: string): EntryValue | undefined {
    for (let index: KeyIndex | undefined = this; index; index = index.parent) {
      const slot = index.layer.get(id);
      if (slot !== undefined) return slot ?? undefined;
    }
    return undefined;
  }

  set(id: string, entry: EntryValue | undefined): void {
    // The bottom layer holds every entry: a deletion there is a removal, above it a tombstone over older layers.
    if (entry === undefined && this.parent === undefined) this.layer.delete(id);
    else this.layer.set(id, entry ?? null);
  }

  /** The index of a copy of this index's list: an empty layer over this one (flattened first when deep). */
  derive(): KeyIndex {
    if (this.depth >= MAX_DEPTH) this.flatten();
    return new KeyIndex(this.names, new Map(), this, this.depth + 1);
  }

  /**
   * Folds the layers below into this one's map. What the index answers does not change (its list is a value by
   * now), so every copy derived from this list later shares the one flattened map.
   */
  private flatten(): void {
    const layers: Map<string, Slot>[] = [];
    for (let index: KeyIndex | undefined = this; index; index = index.parent) layers.push(index.layer);
    const map = new Map(layers.pop());
    for (let i = layers.length - 1; i >= 0; i--) {
      for (const [id, slot] of layers[i]!) {
        if (slot === null) map.delete(id);
        else map.set(id, slot);
      }
    }
    this.layer = map;
    this.parent = undefined;
    this.depth = 0;
  }
}

const indexes = new WeakMap<readonly EntryValue[], KeyIndex>();

/** The id of a key: its leaves' values as text, in `names` order (as keyMatcher compares them). */
function entryId(entry: Record<string, unknown>, names: readonly string[]): string {
  if (names.length === 1) return String(entry[names[0]!]);
  let id = String(entry[names[0]!]);
  for (let i = 1; i < names.length; i++) id += `\u0000${String(entry[names[i]!])}`;
  return id;
}

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/** The list's index for keys with these leaf names: its own, or one built now; undefined for a short list. */
function indexFor(list: readonly EntryValue[], names: readonly string[]): KeyIndex | undefined {
  if (!indexing) return undefined;
  const index = indexes.get(list);
  if (index !== undefined) return sameNames(index.names, names) ? index : undefined;
  if (list.length < INDEX_FROM) return undefined;
  const built = KeyIndex.build(list, names);
  indexes.set(list, built);
  return built;
}

/**
 * The entry `key` names in `list`, and its position there (-1 when absent). A list without an index (a short one)
 * is scanned with the matcher `matcherOf` makes for the key (the caller's, since it decides what equal keys are),
 * made only then: most lookups go through an index.
 */
export function locateEntry<K extends Record<string, LeafValue>>(
  list: readonly EntryValue[],
  key: K,
  matcherOf: (key: K) => (entry: EntryValue) => boolean,
): { entry: EntryValue | undefined; position: number } {
  const index = indexFor(list, Object.keys(key));
  if (index === undefined) {
    const position = list.findIndex(matcherOf(key));
    return { entry: list[position], position };
  }
  const entry = index.get(entryId(key, index.names));
  // A pointer comparison per entry, done natively: far cheaper than matching keys.
  return { entry, position: entry === undefined ? -1 : list.indexOf(entry) };
}

/** A copy of `list` for its new owner to edit, with an index layered over the list's own, when it has one. */
export function copyList(list: readonly EntryValue[]): EntryValue[] {
  const copy = [...list];
  const index = indexing ? indexes.get(list) : undefined;
  if (index !== undefined) indexes.set(copy, index.derive());
  return copy;
}

/**
 * Records in `list`'s index that the entry `key` names is now `entry` (undefined: deleted), after its owner changed
 * the list. A list without an index has nothing to keep up.
 */
export function noteEntry(list: readonly EntryValue[], key: Record<string, LeafValue>, entry: EntryValue | undefined): void {
  const index = indexes.get(list);
  if (index === undefined) return;
  if (!sameNames(index.names, Object.keys(key))) {
    indexes.delete(list);
    return;
  }
  index.set(entryId(key, index.names), entry);
}
