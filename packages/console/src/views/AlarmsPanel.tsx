import type { Alarm } from '../api/types';
import { type Lang, translate } from '../i18n';

const isActive = (a: Alarm) => a.active ?? (a.state === undefined ? a.clearedAt === undefined : a.state !== 'cleared');

/** Alarms, active first, each with the lines it touches (links to their intents are in the table). */
export function AlarmsPanel({ alarms, lang, onLine }: { alarms: Alarm[]; lang: Lang; onLine: (line: string) => void }) {
  const sorted = [...alarms].sort((a, b) => Number(isActive(b)) - Number(isActive(a)));
  return (
    <section class="alarms">
      <ul>
        {sorted.map((a) => (
          <li key={a.id} data-alarm={a.id} class={isActive(a) ? 'active' : 'cleared'}>
            <span class="verdict">{translate(lang, isActive(a) ? 'active' : 'cleared')}</span> {a.severity ?? ''}{' '}
            {a.site ?? a.device ?? a.fibre ?? ''} {a.text ?? a.message ?? ''}{' '}
            {[...(a.lines ?? []), ...(a.line ? [a.line] : [])].map((line) => (
              <button type="button" key={line} class="link" onClick={() => onLine(line)}>
                {line}
              </button>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
