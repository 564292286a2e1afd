import { inCreateOrder, type PlannedItem } from './PlannedItem';

/** What moving a line from one plan to another does on the devices. */
export interface ItemDiff {
  /** In both plans with the same configuration: left as they are on the devices (the new plan's copies). */
  kept: PlannedItem[];
  /** Only in the old plan (or configured otherwise in the new one): torn down, in the reverse of creation order. */
  removed: PlannedItem[];
  /** Only in the new plan (or configured otherwise in the old one): created, in creation order. */
  added: PlannedItem[];
}

/**
 * The difference between what a line holds on the devices and what a new plan wants, entry by entry. An entry is
 * the same when it sits on the same device, in the same list, under the same name, with the same configuration;
 * which line or path planned it does not count (a surviving leg that becomes the working one keeps its entries).
 * An entry whose configuration changed is removed and added: one change set deletes and creates it, which the
 * device receives as one replace. Pure.
 */
export function diffItems(installed: readonly PlannedItem[], planned: readonly PlannedItem[]): ItemDiff {
  const before = new Map(installed.map((item) => [identity(item), item]));
  const after = new Map(planned.map((item) => [identity(item), item]));
  const kept: PlannedItem[] = [];
  const added: PlannedItem[] = [];
  for (const [key, item] of after) {
    const old = before.get(key);
    if (old !== undefined && sameConfiguration(old, item)) kept.push(item);
    else added.push(item);
  }
  const keptKeys = new Set(kept.map(identity));
  const removed = [...before].filter(([key]) => !keptKeys.has(key)).map(([, item]) => item);
  return { kept: inCreateOrder(kept), removed: inCreateOrder(removed).reverse(), added: inCreateOrder(added) };
}

/** Where an entry lives: device, list and name (the key the device knows it by). */
export function identity(item: PlannedItem): string {
  return `${item.device}|${item.layer}|${item.name}`;
}

/** The planner's traces on an item: not what the device holds. */
const TRACES: ReadonlySet<string> = new Set(['line', 'path', 'shared']);

/**
 * Whether two items configure their entry alike: every field but the planner's traces (line, path, sharing) equal,
 * compared in place (a round of 198 moves compares thousands of items; printing each to sorted JSON cost a tenth
 * of the round's render). A field set to undefined counts as absent, as in JSON.
 */
function sameConfiguration(a: PlannedItem, b: PlannedItem): boolean {
  return equalValues(a, b, TRACES);
}

function equalValues(a: unknown, b: unknown, skip?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equalValues(x, b[i]));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const fields = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined && !skip?.has(k));
  const keys = fields(x);
  if (keys.length !== fields(y).length) return false;
  return keys.every((k) => y[k] !== undefined && equalValues(x[k], y[k]));
}
