import type { IndicatorReport } from '../api/types';
import { type Lang, translate } from '../i18n';

const figure = (value: number | null, unit: string) =>
  value === null ? '—' : unit === 'ratio' ? `${(value * 100).toFixed(1)}%` : unit === 'us' ? `${value.toFixed(1)} µs` : String(value);

/** The indicators report: each indicator's figure against its target, pass or fail. */
export function IndicatorsPanel({ report, lang }: { report: IndicatorReport | undefined; lang: Lang }) {
  if (report === undefined) return <p class="hint">…</p>;
  const verdict = (pass: boolean | null) => (pass === null ? 'notComputed' : pass ? 'pass' : 'fail');
  return (
    <section class="indicators">
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{translate(lang, 'indicator')}</th>
            <th>{translate(lang, 'value')}</th>
            <th>{translate(lang, 'target')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {report.indicators.map((i) => (
            <tr key={i.id} data-indicator={i.id} data-pass={verdict(i.pass)}>
              <td>{i.number}</td>
              <td title={i.summary}>{i.id}</td>
              <td class="num">{figure(i.value, i.unit)}</td>
              <td class="num">
                {i.target.op} {figure(i.target.value, i.target.unit)}
              </td>
              <td>
                <span class={`verdict ${verdict(i.pass)}`}>{translate(lang, verdict(i.pass))}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">
        {translate(lang, 'circles')}: {report.circles.map((c) => `${c.dc} ${c.count}`).join(', ')}
      </p>
    </section>
  );
}
