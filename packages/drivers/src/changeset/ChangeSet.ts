import { DriverError } from '../contract/DriverError';
import { applyEdits } from './applyEdits';
import type { DeviceSchema } from './DeviceSchema';
import { type Edit, type EntryValue, moduleOf } from './Edit';
import { invertEdits } from './invertEdits';
import { type NamespaceMap, renderEditConfig } from './renderEditConfig';

export interface ChangeSetOptions {
  device: string;
  /**
   * The device's running config as last read (RFC 7951 JSON), against which edits are checked and inverted. Configs
   * are values: neither the base nor any `result()` is ever changed (edits make new ones), and callers must not
   * change them either; the schema's parsed trees are held per config object.
   */
  base: EntryValue;
  namespaces: NamespaceMap;
  /** With a schema, every added edit is YANG-validated: the edit parses, and the config it produces validates. */
  schema?: DeviceSchema;
  /**
   * Edits are still checked against the config at once (duplicates, missing entries), but YANG validation waits for
   * `validate()`: a group commit validates each device's joined change set once per round instead of once per line.
   */
  deferValidation?: boolean;
}

/**
 * The edits one device will receive in one transaction. Verbs add to it; nothing is sent until an applier takes it.
 * `add` checks each edit at once: against the config it will meet (base plus earlier edits: no duplicate, nothing
 * missing) and, with a schema, against the device's modules (the edit parses; base + edits validates as a whole,
 * so references, must rules and slot/channel uniqueness hold). A failed add leaves the change set as it was.
 */
export class ChangeSet {
  readonly device: string;
  readonly base: EntryValue;
  private readonly namespaces: NamespaceMap;
  private readonly schema: DeviceSchema | undefined;
  private readonly deferValidation: boolean;
  private readonly list: Edit[] = [];
  private projected: EntryValue;
  /** How many edits the last successful `validate()` covered: edits are only ever appended or cut back, never changed. */
  private validatedEdits = -1;
  /** Inside `batch`: edits are checked against the config at once but YANG-validated together at the end. */
  private batching = false;
  private validatingMs = 0;

  constructor(options: ChangeSetOptions) {
    this.device = options.device;
    this.base = options.base;
    this.namespaces = options.namespaces;
    this.schema = options.schema;
    this.deferValidation = options.deferValidation ?? false;
    this.projected = options.base;
  }

  get edits(): readonly Edit[] {
    return this.list;
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** Whether `validate()` can run (the change set has the device's schema). */
  get hasSchema(): boolean {
    return this.schema !== undefined;
  }
  add(edit: Edit): this {
    const next = applyEdits(this.projected, [edit], this.device);
    if (!this.deferValidation && !this.batching) this.validateStep(this.projected, [edit], next);
    this.list.push(edit);
    this.projected = next;
    return this;
  }

  /**
   * Adds `edits` in order as one step, as `add` each would (each checked against the config the ones before it
   * leave), with one copy of the lists they touch instead of one per edit, and one YANG validation: an item's edit
   * with its index entries' edits, on lists of hundreds of entries.
   */
  addAll(edits: readonly Edit[]): this {
    if (edits.length === 0) return this;
    const next = applyEdits(this.projected, edits, this.device);
    if (!this.deferValidation && !this.batching) this.validateStep(this.projected, edits, next);
    this.list.push(...edits);
    this.projected = next;
    return this;
  }

  /**
   * Adds what `build` adds as one step: each edit is checked against the config at once (duplicates, missing
   * entries), and the YANG validation of the whole datastore runs once at the end instead of once per edit. If
   * anything fails, the change set is left as it was before the batch. Returns what `build` returned.
   */
  batch<T>(build: () => T): T {
    if (this.batching) return build();
    const mark = { length: this.list.length, projected: this.projected };
    this.batching = true;
    try {
      const out = build();
      if (!this.deferValidation && this.list.length > mark.length) {
        this.validateStep(mark.projected, this.list.slice(mark.length), this.projected);
      }
      return out;
    } catch (error) {
      this.list.length = mark.length;
      this.projected = mark.projected;
      throw error;
    } finally {
      this.batching = false;
    }
  }

  /** The config the device will hold once the change set is applied (base plus every edit). */
  result(): EntryValue {
    return this.projected;
  }

  /**
   * Validates the resulting config against the device's modules before anything is sent: the data of every module
   * the edits changed and of the modules depending on them (the base is the device's running config, valid there).
   * Validating again with no edit added since is free (a group round's joined set, then a running-only applier).
   */
  validate(): void {
    if (!this.schema)
      throw new DriverError('DRIVER_STATE', `change set for ${this.device} has no schema to validate with`, { device: this.device });
    if (this.validatedEdits === this.list.length) return;
    this.validateStep(this.base, this.list, this.projected);
    this.validatedEdits = this.list.length;
  }

  /**
   * Milliseconds this change set has spent in its schema's YANG validation so far (the edit parsed, the resulting
   * config validated): only that, not applying the edits to the config nor the verbs that built them.
   */
  get validationMs(): number {
    return this.validatingMs;
  }

  /** YANG-validates `edits`, which take `base` to `config`, when the change set has a schema; timed. */
  private validateStep(base: EntryValue, edits: readonly Edit[], config: EntryValue): void {
    if (!this.schema) return;
    const started = performance.now();
    try {
      if (!this.schema.parsesEditedEntries) this.schema.validateEdit(parseableEdit(edits, this.namespaces), this.device);
      this.schema.validateConfig(config, this.device, modulesOf(edits), { base, edits });
    } finally {
      this.validatingMs += performance.now() - started;
    }
  }

  /** The content of the edit-config `<config>` that applies this change set (what NetconfWriter.editConfig takes). */
  payload(): string {
    return renderEditConfig(this.list, this.namespaces);
  }

  /** For the installer's journal: the edits and their inverse, as plain data (no config, no secrets). */
  toJSON(): { device: string; edits: Edit[]; inverse: Edit[] } {
    return { device: this.device, edits: structuredClone([...this.list]), inverse: invertEdits(this.base, this.list, this.device) };
  }

  /**
   * An empty change set that starts where this one ends (its base is this one's result): the next line's edits in a
   * group commit, checked against everything the lines before it will have written. With `deferValidation`, its
   * edits are YANG-validated only by `validate()` (of the change set the round's sets are joined into).
   */
  continued(options: { deferValidation?: boolean } = {}): ChangeSet {
    return new ChangeSet({
      device: this.device,
      base: this.projected,
      namespaces: this.namespaces,
      ...(this.schema ? { schema: this.schema } : {}),
      ...(options.deferValidation ? { deferValidation: true } : {}),
    });
  }

  /**
   * Like `continued`, for the next transaction on the device while this one is still on its way there: the device
   * will hold this change set's result once this one commits, and the schema takes it as if read back (see
   * DeviceSchema.adopt), so change sets chained round after round do not carry every edit since the last read.
   * Only for a change set that was validated (the result the schema adopts is the one it validated last).
   */
  rebased(options: { deferValidation?: boolean } = {}): ChangeSet {
    this.schema?.adopt?.(this.projected, this.device);
    return this.continued(options);
  }

  /**
   * One change set applying `sets` in order, each of which starts where the one before ends (made by `continued`).
   * Its base is the first one's, its edits all of theirs; they were each checked against the config when made, so
   * nothing is checked again (sets made with `deferValidation` still need the joined set's `validate()`).
   */
  static joined(sets: readonly ChangeSet[]): ChangeSet {
    const [first, ...rest] = sets;
    if (!first) throw new DriverError('DRIVER_STATE', 'no change sets to join', {});
    let previous = first;
    for (const next of rest) {
      if (next.device !== first.device || next.base !== previous.projected) {
        throw new DriverError('DRIVER_STATE', `change set for ${next.device} does not start where the one before it ends`, {
          device: next.device,
        });
      }
      previous = next;
    }
    const joined = new ChangeSet({
      device: first.device,
      base: first.base,
      namespaces: first.namespaces,
      ...(first.schema ? { schema: first.schema } : {}),
    });
    joined.list.push(...sets.flatMap((s) => s.list));
    joined.projected = previous.projected;
    return joined;
  }

  /** A change set that undoes this one: based on the config this one produces, leading back to `base`. */
  inverse(): ChangeSet {
    const inverse = new ChangeSet({
      device: this.device,
      base: this.projected,
      namespaces: this.namespaces,
      ...(this.schema ? { schema: this.schema } : {}),
    });
    inverse.list.push(...invertEdits(this.base, this.list, this.device));
    inverse.projected = this.base;
    return inverse;
  }
}

/** Every module an edit writes into: the first segment of its path, any augment prefix after it, prefixed names in its value. */
function modulesOf(edits: readonly Edit[]): string[] {
  const out = new Set<string>();
  const addNames = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) addNames(item);
    else if (value !== null && typeof value === 'object') {
      for (const [name, inner] of Object.entries(value)) {
        const module = moduleOf(name);
        if (module) out.add(module);
        addNames(inner);
      }
    }
  };
  for (const edit of edits) {
    for (const segment of edit.path) {
      const module = moduleOf(segment);
      if (module) out.add(module);
    }
    addNames(edit.value);
  }
  return [...out];
}

/**
 * The edit as libyang can parse it on its own: a leaf removal is a value-less element, which a parser checking leaf
 * types refuses, so removals are left out (what they leave behind is validated with the resulting config).
 */
function parseableEdit(edits: readonly Edit[], namespaces: NamespaceMap): string {
  return renderEditConfig(
    edits.map(({ remove: _remove, ...edit }) => edit),
    namespaces,
  );
}
