import { useState } from 'preact/hooks';
import { type Lang, translate } from '../i18n';

/** Asks for the token once per browser session; the App checks it against the API. */
export function TokenGate({ lang, refused, onToken }: { lang: Lang; refused: boolean; onToken: (token: string) => void }) {
  const [token, setToken] = useState('');
  return (
    <form
      class="token-gate"
      onSubmit={(e) => {
        e.preventDefault();
        if (token.trim() !== '') onToken(token.trim());
      }}
    >
      <label>
        {translate(lang, 'token')}
        <input type="password" name="token" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
      </label>
      <button type="submit">{translate(lang, 'signIn')}</button>
      <p class="hint">{translate(lang, 'tokenHint')}</p>
      {refused ? <p class="problem-text">{translate(lang, 'badToken')}</p> : null}
    </form>
  );
}
