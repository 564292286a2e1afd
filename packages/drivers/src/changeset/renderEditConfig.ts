import { MilliError } from '@milli/core';
import { coalesceEdits, type WireEdit } from './coalesceEdits';
import { type Edit, type EntryValue, type LeafValue, localName, moduleOf } from './Edit';

const NC = 'urn:ietf:params:xml:ns:netconf:base:1.0';

/** Module name → XML namespace, for the modules a change set touches. */
export type NamespaceMap = Record<string, string>;

interface Branch {
  children: Map<string, Branch>;
  entries: WireEdit[];
}

/**
 * Pure: the content of `<config>` for an edit-config carrying `edits`. Edits are first reduced to one net operation
 * per entry, then laid out as one tree so that every container appears once (a device must not see a container
 * twice), with `nc:operation` on each list entry. Keys come first inside an entry, in key order (RFC 7950 7.8.5).
 */
export function renderEditConfig(edits: readonly Edit[], namespaces: NamespaceMap): string {
  const root: Branch = { children: new Map(), entries: [] };
  for (const edit of coalesceEdits(edits)) {
    let branch = root;
    for (const segment of edit.path.slice(0, -1)) {
      let child = branch.children.get(segment);
      if (!child) {
        child = { children: new Map(), entries: [] };
        branch.children.set(segment, child);
      }
      branch = child;
    }
    branch.entries.push(edit);
  }
  return renderBranch(root, undefined, namespaces);
}

/** The complete `<config>` element (with the nc namespace) for `edits`. */
export function renderConfigElement(edits: readonly Edit[], namespaces: NamespaceMap): string {
  return `<config xmlns="${NC}">${renderEditConfig(edits, namespaces)}</config>`;
}

function renderBranch(branch: Branch, module: string | undefined, namespaces: NamespaceMap): string {
  let out = '';
  for (const [segment, child] of branch.children) {
    const { attrs, module: inner } = nsAttr(segment, module, namespaces);
    const name = localName(segment);
    out += `<${name}${attrs}>${renderBranch(child, inner, namespaces)}</${name}>`;
  }
  for (const edit of branch.entries) {
    const segment = edit.path[edit.path.length - 1] as string;
    const { attrs, module: inner } = nsAttr(segment, module, namespaces);
    const name = localName(segment);
    const removed = (edit.remove ?? []).map((leaf) => `<${localName(leaf)} nc:operation="remove"/>`).join('');
    const body =
      (edit.op !== 'delete' && edit.value ? renderEntry(edit.value, Object.keys(edit.key), inner, namespaces) : renderKeys(edit.key)) +
      removed;
    out += `<${name}${attrs} xmlns:nc="${NC}" nc:operation="${edit.op}">${body}</${name}>`;
  }
  return out;
}

function nsAttr(segment: string, current: string | undefined, namespaces: NamespaceMap): { attrs: string; module: string | undefined } {
  const module = moduleOf(segment);
  if (module === undefined || module === current) return { attrs: '', module: current };
  const ns = namespaces[module];
  if (ns === undefined) throw new MilliError('INTERNAL', `no namespace known for module ${module}`, { module });
  return { attrs: ` xmlns="${ns}"`, module };
}

function renderKeys(key: Record<string, LeafValue>): string {
  return Object.entries(key)
    .map(([k, v]) => leaf(k, v))
    .join('');
}

function renderEntry(value: EntryValue, keyOrder: string[], module: string | undefined, namespaces: NamespaceMap): string {
  const names = [...keyOrder.filter((k) => k in value), ...Object.keys(value).filter((k) => !keyOrder.includes(k))];
  return names.map((name) => renderMember(name, value[name] as EntryValue[string], module, namespaces)).join('');
}

function renderMember(name: string, member: EntryValue[string], module: string | undefined, namespaces: NamespaceMap): string {
  const { attrs, module: inner } = nsAttr(name, module, namespaces);
  const local = localName(name);
  if (Array.isArray(member)) {
    return (member as (LeafValue | EntryValue)[])
      .map((item) =>
        typeof item === 'object' ? `<${local}${attrs}>${renderEntry(item, [], inner, namespaces)}</${local}>` : leaf(local, item, attrs),
      )
      .join('');
  }
  if (typeof member === 'object') return `<${local}${attrs}>${renderEntry(member, [], inner, namespaces)}</${local}>`;
  return leaf(local, member, attrs);
}

function leaf(name: string, value: LeafValue, attrs = ''): string {
  return `<${name}${attrs}>${escapeXml(String(value))}</${name}>`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
