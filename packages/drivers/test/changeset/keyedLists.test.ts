import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, editSession, findEntry } from '../../src/changeset/applyEdits';
import type { Edit, EntryValue } from '../../src/changeset/Edit';
import { DriverError } from '../../src/contract/DriverError';

// applyEdits finds entries through layered key indexes (keyedLists.ts): each config's copy of a list gets a layer
// over its parent's, flattened every few layers. These tests hold it to the plain definition (a list scanned entry by
// entry), over random edit sequences long enough to flatten several times, and check that configs made earlier
// still answer as they did once later ones were made from them (a layer is never changed once its list is a value).

const PATH = ['milli-osu:osu', 'shared-osus', 'shared-osu'];
const ODUS = ['odu-a', 'odu-b', 'odu-c'];

type Op = { op: Edit['op']; odu: string; id: number; user: string; swapKeys: boolean };

const opArb: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom<Edit['op']>('create', 'create', 'delete', 'merge', 'replace'),
  odu: fc.constantFrom(...ODUS),
  id: fc.integer({ min: 1, max: 12 }),
  user: fc.constantFrom('xc-1', 'xc-2', 'group-1'),
  // A key written with its leaves in another order: the index is keyed by names in order, so it must not be used.
  swapKeys: fc.boolean(),
});

function editOf(o: Op): Edit {
  const key = o.swapKeys ? { 'osu-id': o.id, odu: o.odu } : { odu: o.odu, 'osu-id': o.id };
  if (o.op === 'delete') return { op: 'delete', path: PATH, key };
  return { op: o.op, path: PATH, key, value: { odu: o.odu, 'osu-id': o.id, user: o.user } };
}

function configOf(entries: EntryValue[]): EntryValue {
  return { 'milli-osu:osu': { 'shared-osus': { 'shared-osu': entries } } };
}

const listOf = (config: EntryValue) =>
  (((config['milli-osu:osu'] as EntryValue)['shared-osus'] as EntryValue | undefined)?.['shared-osu'] ?? []) as EntryValue[];

/** The definition: the list scanned, keys compared as text. */
function referenceApply(list: EntryValue[], o: Op): EntryValue[] | 'data-exists' | 'data-missing' {
  const at = list.findIndex((e) => String(e.odu) === o.odu && String(e['osu-id']) === String(o.id));
  const value = { odu: o.odu, 'osu-id': o.id, user: o.user };
  if (o.op === 'create') return at >= 0 ? 'data-exists' : [...list, value];
  if (at < 0) return 'data-missing';
  if (o.op === 'delete') return list.filter((_, i) => i !== at);
  return list.map((e, i) => (i === at ? (o.op === 'merge' ? { ...e, ...value } : value) : e));
}

const startArb = fc
  .integer({ min: 0, max: 30 })
  .map((n) => Array.from({ length: n }, (_, i): EntryValue => ({ odu: ODUS[i % 3]!, 'osu-id': 1 + Math.floor(i / 3), user: 'xc-0' })));

/** The RFC 6241 error tag of the DRIVER_CONFLICT `run` throws (undefined when it throws none). */
function conflictTag(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof DriverError && error.code === 'DRIVER_CONFLICT') return error.context.errorTag;
    throw error;
  }
  return undefined;
}

const probe = (config: EntryValue, odu: string, id: number) => findEntry(config, { path: PATH, key: { odu, 'osu-id': id } });

describe('keyed lists: entries found by key without a scan', () => {
  it('edit by edit (a new config each, as ChangeSet.add makes them), every config answers as the scanned list does, earlier ones too', () => {
    fc.assert(
      fc.property(startArb, fc.array(opArb, { minLength: 1, maxLength: 60 }), (start, ops) => {
        let config = configOf(start);
        let reference = start;
        const history: { config: EntryValue; reference: EntryValue[] }[] = [{ config, reference }];
        for (const o of ops) {
          const expected = referenceApply(reference, o);
          if (typeof expected === 'string') {
            expect(conflictTag(() => applyEdits(config, [editOf(o)]))).toBe(expected);
            continue;
          }
          config = applyEdits(config, [editOf(o)]);
          reference = expected;
          history.push({ config, reference });
        }
        for (const { config: c, reference: r } of history) {
          expect(listOf(c)).toEqual(r);
          for (const odu of ODUS) {
            for (let id = 1; id <= 12; id++) {
              expect(probe(c, odu, id)).toEqual(r.find((e) => e.odu === odu && e['osu-id'] === id));
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('in one edit session (as invertEdits takes a change set), lookups between edits see every edit before them', () => {
    fc.assert(
      fc.property(startArb, fc.array(opArb, { minLength: 1, maxLength: 60 }), (start, ops) => {
        const base = configOf(start);
        // The base's list indexed first (a lookup in it), so the session's copy starts layered over it.
        probe(base, 'odu-a', 1);
        const session = editSession(base);
        let reference = start;
        for (const o of ops) {
          const expected = referenceApply(reference, o);
          if (typeof expected === 'string') continue;
          session.apply(editOf(o));
          reference = expected;
          expect(probe(session.root, o.odu, o.id)).toEqual(reference.find((e) => e.odu === o.odu && e['osu-id'] === o.id));
        }
        expect(listOf(session.root)).toEqual(reference);
        expect(listOf(base)).toEqual(start);
      }),
      { numRuns: 150 },
    );
  });

  it('a number key and its canonical text name the same entry; other spellings do not', () => {
    const config = configOf(Array.from({ length: 40 }, (_, i) => ({ odu: 'odu-a', 'osu-id': i + 1, user: 'xc-0' })));
    expect(findEntry(config, { path: PATH, key: { odu: 'odu-a', 'osu-id': '7' } })?.['osu-id']).toBe(7);
    expect(findEntry(config, { path: PATH, key: { odu: 'odu-a', 'osu-id': '07' } })).toBeUndefined();
    expect(() => applyEdits(config, [{ op: 'create', path: PATH, key: { odu: 'odu-a', 'osu-id': '7' }, value: {} }])).toThrow(
      /already exists/,
    );
  });
});
