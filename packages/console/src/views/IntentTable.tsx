import { memo } from 'preact/compat';
import { useState } from 'preact/hooks';
import type { IntentRecord } from '../api/types';
import { type Lang, translate } from '../i18n';
import type { ConsoleStore } from '../state/ConsoleStore';
import { useStoreVersion } from '../state/useStore';
import { clock, inputText, sitesOf } from './format';

/** Rows drawn at once: a metro can hold thousands of intents; the filters narrow them, the newest come first. */
const MAX_ROWS = 300;

interface Filters {
  state: string;
  kind: string;
  line: string;
  site: string;
}

const matches = (record: IntentRecord, f: Filters) =>
  (f.state === '' || record.state === f.state) &&
  (f.kind === '' || record.kind === f.kind) &&
  (f.line === '' || record.line.toLowerCase().includes(f.line.toLowerCase())) &&
  (f.site === '' || sitesOf(record.checked).includes(f.site));

/** Every intent, newest first, filtered by state, kind, line and site; rows change as transitions arrive. */
export function IntentTable({ store, lang, onOpen }: { store: ConsoleStore; lang: Lang; onOpen: (id: string) => void }) {
  useStoreVersion(store, 'intents');
  const [filters, setFilters] = useState<Filters>({ state: '', kind: '', line: '', site: '' });
  const all = [...store.intents.values()];
  const options = (pick: (r: IntentRecord) => string[]) => [...new Set(all.flatMap(pick))].sort();
  const rows = all.filter((r) => matches(r, filters)).sort((a, b) => b.createdAt - a.createdAt);
  const set = (key: keyof Filters) => (e: { currentTarget: { value: string } }) => setFilters({ ...filters, [key]: e.currentTarget.value });
  const select = (key: 'state' | 'kind' | 'site', values: string[]) => (
    <label>
      {translate(lang, key)}
      <select name={`filter-${key}`} value={filters[key]} onChange={set(key)}>
        <option value="">{translate(lang, 'all')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section class="intents">
      <div class="filters">
        {select(
          'state',
          options((r) => [r.state]),
        )}
        {select(
          'kind',
          options((r) => [r.kind]),
        )}
        <label>
          {translate(lang, 'line')}
          <input name="filter-line" value={filters.line} onInput={set('line')} size={6} />
        </label>
        {select(
          'site',
          options((r) => sitesOf(r.checked)),
        )}
      </div>
      <table class="intent-table">
        <thead>
          <tr>
            <th>{translate(lang, 'id')}</th>
            <th>{translate(lang, 'line')}</th>
            <th>{translate(lang, 'kind')}</th>
            <th>{translate(lang, 'state')}</th>
            <th>{translate(lang, 'text')}</th>
            <th>{translate(lang, 'updated')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_ROWS).map((r) => (
            <Row key={r.id} record={r} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p class="empty">{translate(lang, 'noIntents')}</p> : null}
      {rows.length > MAX_ROWS ? (
        <p class="hint">
          {MAX_ROWS} / {rows.length} {translate(lang, 'total')}
        </p>
      ) : null}
    </section>
  );
}

/** One intent's row: a transition replaces its record, so only that row is drawn again. */
const Row = memo(({ record: r, onOpen }: { record: IntentRecord; onOpen: (id: string) => void }) => (
  <tr data-intent={r.id} data-state={r.state} onClick={() => onOpen(r.id)}>
    <td>
      <a href={`#/intents/${r.id}`}>{r.id}</a>
    </td>
    <td>{r.line}</td>
    <td>{r.kind}</td>
    <td>
      <span class={`state ${r.state}`}>{r.state}</span>
    </td>
    <td class="text">{inputText(r.input)}</td>
    <td>{clock(r.updatedAt)}</td>
  </tr>
));
