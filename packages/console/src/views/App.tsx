import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient, ApiProblem } from '../api/ApiClient';
import type { Alarm, IndicatorReport, ReportFeature, Role } from '../api/types';
import { type Key, type Lang, translate } from '../i18n';
import { MetroMap } from '../map/MetroMap';
import { ConsoleStore } from '../state/ConsoleStore';
import { connectStore } from '../state/connectStore';
import { useStoreVersion } from '../state/useStore';
import { AlarmsPanel } from './AlarmsPanel';
import { IndicatorsPanel } from './IndicatorsPanel';
import { IntentPage } from './IntentPage';
import { IntentTable } from './IntentTable';
import { SubmitBox } from './SubmitBox';
import { TokenGate } from './TokenGate';

const TOKEN_KEY = 'milli.token';
const LANG_KEY = 'milli.lang';

type Tab = 'intents' | 'alarms' | 'indicators';

const intentInHash = () => /^#\/intents\/(.+)$/.exec(location.hash)?.[1];

export function App() {
  const [lang, setLang] = useState<Lang>(sessionStorage.getItem(LANG_KEY) === 'zh' ? 'zh' : 'en');
  const [token, setToken] = useState(sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [role, setRole] = useState<Role | undefined>();
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(lang, 'title');
    sessionStorage.setItem(LANG_KEY, lang);
  }, [lang]);
  useEffect(() => {
    if (token === '') return;
    new ApiClient(token).role().then(
      (r) => {
        sessionStorage.setItem(TOKEN_KEY, token);
        setRefused(false);
        setRole(r);
      },
      (error) => {
        sessionStorage.removeItem(TOKEN_KEY);
        setRefused(error instanceof ApiProblem && error.problem.status === 401);
        setToken('');
      },
    );
  }, [token]);
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setRole(undefined);
    setToken('');
  };
  const languageSwitch = (
    <button type="button" class="lang" data-lang={lang} onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
      {lang === 'en' ? '中文' : 'English'}
    </button>
  );
  if (role === undefined || token === '') {
    return (
      <div class="gate">
        <header>
          <h1>{translate(lang, 'title')}</h1>
          {languageSwitch}
        </header>
        {token === '' ? <TokenGate lang={lang} refused={refused} onToken={setToken} /> : <p class="hint">…</p>}
      </div>
    );
  }
  return <Console key={token} token={token} role={role} lang={lang} languageSwitch={languageSwitch} onSignOut={signOut} />;
}

interface ConsoleProps {
  token: string;
  role: Role;
  lang: Lang;
  languageSwitch: preact.JSX.Element;
  onSignOut: () => void;
}

function Console({ token, role, lang, languageSwitch, onSignOut }: ConsoleProps) {
  const api = useMemo(() => new ApiClient(token), [token]);
  const store = useMemo(() => new ConsoleStore(), []);
  const [linked, setLinked] = useState(false);
  const [selected, setSelected] = useState(intentInHash());
  const [tab, setTab] = useState<Tab>('intents');
  const [showCircles, setShowCircles] = useState(false);
  const [circles, setCircles] = useState<ReportFeature[] | undefined>();
  const [report, setReport] = useState<IndicatorReport | undefined>();
  const [alarms, setAlarms] = useState<Alarm[] | undefined>();
  const t = (key: Key) => translate(lang, key);
  useStoreVersion(store, 'intents');

  useEffect(() => connectStore(api, store, { onLink: setLinked, onAlarms: setAlarms }), [api, store]);
  useEffect(() => {
    api.indicators().then(setReport, () => undefined);
    api.circles().then(
      (c) => setCircles(c.features.filter((f) => f.properties.layer === 'circle')),
      () => undefined,
    );
  }, [api]);
  useEffect(() => {
    const onHash = () => setSelected(intentInHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const open = useCallback((id: string | undefined) => {
    location.hash = id === undefined ? '#/' : `#/intents/${id}`;
    setSelected(id);
  }, []);
  const record = selected === undefined ? undefined : store.intents.get(selected);
  useEffect(() => {
    if (selected !== undefined && record === undefined)
      api.intent(selected).then(
        (r) => store.upsertIntent(r),
        () => undefined,
      );
  }, [selected, record === undefined]);

  const tabs: Tab[] = alarms === undefined ? ['intents', 'indicators'] : ['intents', 'alarms', 'indicators'];
  return (
    <div class="console" data-role={role}>
      <header>
        <h1>{t('title')}</h1>
        <span class={`link ${linked ? 'up' : 'down'}`} data-linked={String(linked)}>
          {t(linked ? 'live' : 'offline')}
        </span>
        <label class="toggle">
          <input type="checkbox" name="circles" checked={showCircles} onChange={(e) => setShowCircles(e.currentTarget.checked)} />
          {t('circles')}
        </label>
        <span class="role" data-role={role}>
          {t(role)}
        </span>
        {languageSwitch}
        <button type="button" class="link-button" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <main>
        <div class="map-pane">
          <MetroMap store={store} lang={lang} circles={circles} showCircles={showCircles} paths={record?.path ?? {}} />
          <Summary store={store} lang={lang} />
        </div>
        <div class="side-pane">
          {selected !== undefined ? (
            <IntentPage store={store} api={api} lang={lang} role={role} id={selected} onBack={() => open(undefined)} />
          ) : (
            <>
              {role === 'operator' ? <SubmitBox api={api} lang={lang} onSubmitted={open} /> : null}
              <nav class="tabs">
                {tabs.map((name) => (
                  <button type="button" key={name} data-tab={name} class={tab === name ? 'on' : ''} onClick={() => setTab(name)}>
                    {t(name)}
                  </button>
                ))}
              </nav>
              {tab === 'intents' ? <IntentTable store={store} lang={lang} onOpen={open} /> : null}
              {tab === 'indicators' ? <IndicatorsPanel report={report} lang={lang} /> : null}
              {tab === 'alarms' && alarms ? (
                <AlarmsPanel
                  alarms={alarms}
                  lang={lang}
                  onLine={(line) => open([...store.intents.values()].find((i) => i.line === line)?.id)}
                />
              ) : null}
            </>
          )}
        </div>
      </main>
    </div>
  );
}

function Summary({ store, lang }: { store: ConsoleStore; lang: Lang }) {
  useStoreVersion(store, 'topology');
  useStoreVersion(store, 'reads');
  const down = [...store.fibres.values()].filter((f) => f.state === 'down').length;
  const devicesDown = [...store.devices.values()].filter((d) => d.state === 'down').length;
  return (
    <p class="summary" data-topology-reads={store.topologyReads}>
      {store.sites.size} {translate(lang, 'sites')} · {store.devices.size} {translate(lang, 'devices')}
      {devicesDown > 0 ? ` (${devicesDown} ${translate(lang, 'down')})` : ''} · {store.fibres.size} {translate(lang, 'fibres')}
      {down > 0 ? ` (${down} ${translate(lang, 'down')})` : ''}
    </p>
  );
}
