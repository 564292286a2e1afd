import type { IntentState, Transition } from '../facade/types';
import type { IntentPatch, LineOutline, LinePatch, StoredIntent, StoredLine, StoredTransaction, TransactionState } from './ControllerStore';

/** Row shapes of the SQLite tables and their conversion to the store's plain records. */
export interface IntentRow {
  id: string;
  kind: string;
  line: string | null;
  state: IntentState;
  input: string;
  idempotency_key: string | null;
  checked: string | null;
  compilation: string | null;
  explain: string;
  path: string | null;
  error: string | null;
  snapshot: string;
  created_at: number;
  updated_at: number;
}

export interface LineRow {
  id: string;
  from_site: string;
  to_site: string;
  bandwidth_kbps: number;
  intents: string;
  current: string;
  installed: string | null;
  path: string | null;
}

export interface TransitionRow {
  seq: number;
  intent: string;
  line: string | null;
  from_state: IntentState | null;
  to_state: IntentState;
  reason: string;
  at: number;
}

export function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** The number of an id like `I-12`, by which ids sort in creation order. */
export function numberOf(id: string): number {
  const n = Number(id.slice(id.lastIndexOf('-') + 1));
  return Number.isFinite(n) ? n : 0;
}

export function fromIntentRow(r: IntentRow): StoredIntent {
  return {
    id: r.id,
    kind: r.kind,
    line: r.line,
    state: r.state,
    input: JSON.parse(r.input),
    ...(r.idempotency_key ? { idempotencyKey: r.idempotency_key } : {}),
    ...(r.checked ? { checked: JSON.parse(r.checked) } : {}),
    ...(r.compilation ? { compilation: JSON.parse(r.compilation) } : {}),
    explain: JSON.parse(r.explain),
    ...(r.path ? { path: JSON.parse(r.path) } : {}),
    ...(r.error ? { error: JSON.parse(r.error) } : {}),
    snapshot: JSON.parse(r.snapshot),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function fromLineRow(r: LineRow): StoredLine {
  return {
    id: r.id,
    from: r.from_site,
    to: r.to_site,
    bandwidthKbps: r.bandwidth_kbps,
    intents: JSON.parse(r.intents),
    current: r.current,
    ...(r.installed ? { installed: JSON.parse(r.installed) } : {}),
    ...(r.path ? { path: JSON.parse(r.path) } : {}),
  };
}

export function fromTransitionRow(r: TransitionRow): Transition {
  return { seq: r.seq, intent: r.intent, line: r.line, from: r.from_state, to: r.to_state, reason: r.reason, at: r.at };
}

export interface TransactionRow {
  id: string;
  intent: string;
  line: string;
  purpose: string;
  state: TransactionState;
  changes: string;
  persist_id: string;
  plan: string | null;
  started_at: number;
  ended_at: number | null;
}

export function transactionOf(r: TransactionRow): StoredTransaction {
  return {
    id: r.id,
    intent: r.intent,
    line: r.line,
    purpose: r.purpose,
    state: r.state,
    changes: JSON.parse(r.changes),
    persistId: r.persist_id,
    ...(r.plan ? { plan: JSON.parse(r.plan) } : {}),
    startedAt: r.started_at,
    ...(r.ended_at !== null ? { endedAt: r.ended_at } : {}),
  };
}

/** A line's columns but its installed configuration, of which only its presence is read. */
export const OUTLINE_SELECT =
  'SELECT id, from_site, to_site, bandwidth_kbps, intents, current, NULL AS installed, path, installed IS NOT NULL AS has_installed FROM lines';
export type OutlineRow = LineRow & { has_installed: number };
export const fromOutlineRow = (row: OutlineRow): LineOutline => ({ ...fromLineRow(row), installed: row.has_installed === 1 });

/** Columns of a patch as `, column = ?` each (in a fixed order, so the statements repeat) and their values. */
export interface PatchColumns {
  sets: string;
  values: unknown[];
}

/** The columns of `intents` a patch may change. */
const INTENT_COLUMNS: [keyof IntentPatch, string][] = [
  ['line', 'line'],
  ['checked', 'checked'],
  ['explain', 'explain'],
  ['error', 'error'],
];
/** The columns of `intent_plans` (migration 5: the large ones, out of the row every transition rewrites). */
const PLAN_COLUMNS: [keyof IntentPatch, string][] = [
  ['compilation', 'compilation'],
  ['path', 'path'],
];

function columnsOf(patch: IntentPatch, columns: [keyof IntentPatch, string][]): PatchColumns {
  let sets = '';
  const values: unknown[] = [];
  for (const [key, column] of columns) {
    if (!(key in patch)) continue;
    sets += `, ${column} = ?`;
    values.push(key === 'line' ? (patch.line ?? null) : json(patch[key]));
  }
  return { sets, values };
}

export const intentColumns = (patch: IntentPatch): PatchColumns => columnsOf(patch, INTENT_COLUMNS);
export const planColumns = (patch: IntentPatch): PatchColumns => columnsOf(patch, PLAN_COLUMNS);

/** An intent's row with its plan's (`intents` as `i`, `intent_plans` as `p`). */
export const INTENT_SELECT = 'SELECT i.*, p.compilation, p.path FROM intents i LEFT JOIN intent_plans p ON p.id = i.id';

const LINE_COLUMNS: [keyof LinePatch, string][] = [
  ['bandwidthKbps', 'bandwidth_kbps'],
  ['intents', 'intents'],
  ['current', 'current'],
  ['installed', 'installed'],
  ['path', 'path'],
];

export function lineColumns(patch: LinePatch): PatchColumns {
  let sets = '';
  const values: unknown[] = [];
  for (const [key, column] of LINE_COLUMNS) {
    if (!(key in patch)) continue;
    sets += `, ${column} = ?`;
    values.push(key === 'bandwidthKbps' || key === 'current' ? patch[key] : json(patch[key]));
  }
  return { sets, values };
}
