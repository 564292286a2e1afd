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
    if (old !== undefined && configuration(old) === configuration(item)) kept.push(item);
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

/** What the device holds for an entry: every field but the planner's traces (line, path, sharing), keys sorted. */
function configuration(item: PlannedItem): string {
  const { line: _line, path: _path, shared: _shared, ...config } = item;
  return stableJson(config);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // Code-unit order: any fixed order will do for a comparison, and localeCompare cost a tenth of a move round's render.
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
