import { type Edit, localName, moduleOf } from './Edit';

/**
 * Where a module's constraints read the data of a module it imports only to find an entry of a list by its key (a
 * `must` that is true when the entry exists; a leafref with `require-instance false`, which reads nothing), per
 * importing module, per imported module, the lists read so: RFC 7951 paths as edits name them. An edit that
 * removes no entry of those lists cannot make such a constraint false (adding entries or changing their other
 * leaves leaves every entry found where it was), so after such an edit of the imported module's data the
 * importer's data, valid before, is valid still and need not be validated again.
 *
 * milli-osu reads milli-otn only through `/motn:otn/motn:odus/motn:odu[motn:name = current()]` (an OSU's carrying
 * ODU) and leafrefs to the same list without require-instance: a new ODU, as a new OSU line on a full ODU brings,
 * validates milli-otn's data alone (milli-osu's was 30 to 35 ms of CPU of a busy switch's 75 to 80). Deleting an
 * ODU validates milli-osu again. test/yang-importerReads.test.ts holds milli-osu.yang to this: every XPath in it
 * that names milli-otn is one of those lookups.
 */
export const ENTRY_EXISTENCE_READS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'milli-osu': { 'milli-otn': ['milli-otn:otn/odus/odu'] },
};

/**
 * Whether `importer`'s data, valid before `edits`, needs no validation after them: it is not among the modules
 * they changed, every changed module it can read is one it reads only for entries' existence, and no edit removes
 * an entry of the lists it reads. `readable(module)` says whether the importer's constraints can read a module's
 * data at all (it depends on it, directly or not).
 */
export function unaffectedImporter(
  importer: string,
  changed: readonly string[],
  edits: readonly Edit[],
  readable: (module: string) => boolean,
): boolean {
  if (changed.includes(importer)) return false;
  const reads = ENTRY_EXISTENCE_READS[importer];
  if (!reads) return false;
  const readLists = new Set<string>();
  for (const module of changed) {
    if (!readable(module)) continue;
    const lists = reads[module];
    if (!lists) return false;
    for (const list of lists) readLists.add(list);
  }
  return !edits.some((edit) => edit.op === 'delete' && readLists.has(listPath(edit)));
}

/** The list an edit addresses as ENTRY_EXISTENCE_READS names it: `module:a/b/list`, whatever prefixes later segments carry. */
function listPath(edit: Edit): string {
  const [first = '', ...rest] = edit.path;
  return [`${moduleOf(first) ?? ''}:${localName(first)}`, ...rest.map(localName)].join('/');
}
