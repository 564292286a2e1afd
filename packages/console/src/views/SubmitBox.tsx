import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiClient, ApiProblem } from '../api/ApiClient';
import { type Lang, translate } from '../i18n';
import { type LocatedProblem, problemSpans, replaceWordAt, suggestionOf } from './problemSpans';

type Verdict =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'valid'; explain: string[] }
  | { kind: 'invalid'; problems: LocatedProblem[] };

const CHECK_DELAY_MS = 300;

/** Checks the intent as it is typed (POST /v1/intents/check), underlines problems, offers the API's suggestions, submits. */
export function SubmitBox({ api, lang, onSubmitted }: { api: ApiClient; lang: Lang; onSubmitted: (id: string) => void }) {
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<Verdict>({ kind: 'idle' });
  const [sending, setSending] = useState(false);
  const latest = useRef('');

  useEffect(() => {
    latest.current = text;
    if (text.trim() === '') {
      setVerdict({ kind: 'idle' });
      return;
    }
    setVerdict({ kind: 'checking' });
    const timer = setTimeout(async () => {
      const answer = await checkText(api, text);
      if (latest.current === text) setVerdict(answer);
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const submit = async () => {
    setSending(true);
    try {
      const { id } = await api.submit(text);
      setText('');
      onSubmitted(id);
    } catch (error) {
      setVerdict(verdictOf(error));
    } finally {
      setSending(false);
    }
  };

  const problems = verdict.kind === 'invalid' ? verdict.problems : [];
  return (
    <section class="submit-box" data-verdict={verdict.kind}>
      <h3>{translate(lang, 'submit')}</h3>
      <textarea
        name="intent"
        rows={2}
        spellcheck={false}
        placeholder="connect park P-1 to DC dc-north under 1ms with 100Mbps protected"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="checked-text" aria-live="polite">
        {problemSpans(text, problems).map((span, i) =>
          span.problem ? (
            <mark key={i} class="problem" title={span.problem.message}>
              {span.text}
            </mark>
          ) : (
            <span key={i}>{span.text}</span>
          ),
        )}
      </div>
      <ul class="problems">
        {problems.map((p) => {
          const suggestion = suggestionOf(p.message);
          return (
            <li key={`${p.at}-${p.message}`} class="problem-text">
              {p.message}
              {suggestion && typeof p.at === 'number' ? (
                <button type="button" class="suggestion" onClick={() => setText(replaceWordAt(text, p.at as number, suggestion))}>
                  {translate(lang, 'didYouMean')} {suggestion}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {verdict.kind === 'checking' ? <p class="hint">{translate(lang, 'check')}</p> : null}
      {verdict.kind === 'valid' ? (
        <div class="valid">
          <p>{translate(lang, 'valid')}</p>
          <ul>
            {verdict.explain.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" name="submit" disabled={verdict.kind !== 'valid' || sending} onClick={submit}>
        {translate(lang, 'send')}
      </button>
    </section>
  );
}

async function checkText(api: ApiClient, text: string): Promise<Verdict> {
  try {
    const answer = (await api.check(text)) as { compilation?: { explain?: string[] } };
    return { kind: 'valid', explain: answer.compilation?.explain ?? [] };
  } catch (error) {
    return verdictOf(error);
  }
}

function verdictOf(error: unknown): Verdict {
  if (error instanceof ApiProblem) {
    const { problem } = error;
    return { kind: 'invalid', problems: problem.problems ?? [{ at: '', message: problem.detail ?? problem.code }] };
  }
  return { kind: 'invalid', problems: [{ at: '', message: String(error) }] };
}
