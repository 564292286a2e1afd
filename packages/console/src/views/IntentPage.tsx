import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/ApiClient';
import type { IntentRecord, PathView, Role } from '../api/types';
import { type Key, type Lang, translate } from '../i18n';
import type { ConsoleStore } from '../state/ConsoleStore';
import { useStoreVersion } from '../state/useStore';
import { clock, inputText, micros } from './format';

interface Props {
  store: ConsoleStore;
  api: ApiClient;
  lang: Lang;
  role: Role;
  id: string;
  onBack: () => void;
}

/** One intent: its text, state history, paths with their latency span by span, reserved resources, error, controls. */
export function IntentPage({ store, api, lang, role, id, onBack }: Props) {
  useStoreVersion(store, 'intents');
  const record = store.intents.get(id);
  const t = (key: Key) => translate(lang, key);
  return (
    <section class="intent-page" data-intent={id} data-state={record?.state ?? 'unknown'}>
      <p>
        <button type="button" class="link" onClick={onBack}>
          ← {t('back')}
        </button>
      </p>
      {record === undefined ? (
        <p class="hint">{id} …</p>
      ) : (
        <>
          <h3>
            {record.id} · {record.line} · <span class={`state ${record.state}`}>{record.state}</span>
          </h3>
          <p class="intent-text">{inputText(record.input)}</p>
          <Timeline record={record} lang={lang} />
          {record.error ? <ErrorPanel error={record.error} lang={lang} /> : null}
          {record.path ? <PathTable path={record.path.working} which="working" lang={lang} /> : null}
          {record.path?.protection ? <PathTable path={record.path.protection} which="protection" lang={lang} /> : null}
          {record.path ? <Resources path={record.path} lang={lang} /> : null}
          {role === 'operator' && ['active', 'degraded'].includes(record.state) ? (
            <LineControls api={api} record={record} lang={lang} />
          ) : null}
        </>
      )}
    </section>
  );
}

function Timeline({ record, lang }: { record: IntentRecord; lang: Lang }) {
  return (
    <div class="timeline-block">
      <h4>{translate(lang, 'history')}</h4>
      <ol class="timeline">
        {record.history.map((t) => (
          <li key={t.seq} data-to={t.to}>
            <span class={`state ${t.to}`}>{t.to}</span> <time>{clock(t.at)}</time> <span class="reason">{t.reason}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ErrorPanel({ error, lang }: { error: NonNullable<IntentRecord['error']>; lang: Lang }) {
  const { code, message, kind: _kind, ...evidence } = error;
  return (
    <div class="error-panel" data-code={code}>
      <h4>
        {translate(lang, 'error')}: {code}
      </h4>
      <p>{message}</p>
      {Object.keys(evidence).length > 0 ? (
        <details open>
          <summary>{translate(lang, 'evidence')}</summary>
          <pre>{JSON.stringify(evidence, null, 1)}</pre>
        </details>
      ) : null}
    </div>
  );
}

/** Span by span: each device's own latency, then the fibre to the next device. */
function PathTable({ path, which: role, lang }: { path: PathView; which: 'working' | 'protection'; lang: Lang }) {
  const fibres = path.breakdown.fibres;
  return (
    <div class={`path-table ${role}`} data-path={role}>
      <h4>
        {translate(lang, role)} ({path.layer}) · {translate(lang, 'latency')} {micros(path.latencyUs)}
      </h4>
      <table>
        <tbody>
          {path.breakdown.nodes.map((node, i) => (
            <>
              <tr key={node.device} class="node">
                <td>{translate(lang, 'device')}</td>
                <td>{node.device}</td>
                <td class="num">{micros(node.us)}</td>
              </tr>
              {fibres[i] ? (
                <tr key={fibres[i].fibre} class="span" data-fibre={fibres[i].fibre}>
                  <td>{translate(lang, 'span')}</td>
                  <td>{fibres[i].fibre}</td>
                  <td class="num">{micros(fibres[i].us)}</td>
                </tr>
              ) : null}
            </>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Resources({ path, lang }: { path: NonNullable<IntentRecord['path']>; lang: Lang }) {
  const all = [...path.working.resources, ...(path.protection?.resources ?? [])];
  return (
    <details class="resources">
      <summary>
        {translate(lang, 'resources')} ({all.length})
      </summary>
      <ul>
        {all.map((r, i) => (
          <li key={i}>
            {r.kind} {r.link ?? r.device} = {String(r.value)}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Release and elastic change: drawn for operators only (the API refuses them to viewers anyway). */
function LineControls({ api, record, lang }: { api: ApiClient; record: IntentRecord; lang: Lang }) {
  const [bandwidth, setBandwidth] = useState('');
  const [problem, setProblem] = useState('');
  const act = (action: () => Promise<unknown>) =>
    action().then(
      () => setProblem(''),
      (e: Error) => setProblem(e.message),
    );
  return (
    <div class="line-controls">
      <label>
        {translate(lang, 'bandwidth')}
        <input name="bandwidth" placeholder="1Gbps" value={bandwidth} onInput={(e) => setBandwidth(e.currentTarget.value)} size={8} />
      </label>
      <button type="button" name="change" disabled={bandwidth === ''} onClick={() => act(() => api.change(record.id, bandwidth))}>
        {translate(lang, 'change')}
      </button>
      <button type="button" name="release" class="danger" onClick={() => act(() => api.release(record.id))}>
        {translate(lang, 'release')}
      </button>
      {problem ? <p class="problem-text">{problem}</p> : null}
    </div>
  );
}
