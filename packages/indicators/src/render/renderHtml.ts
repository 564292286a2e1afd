import type { Topology } from '@milli/topology';
import type { IndicatorReport } from '../model';
import { escapeXml } from './escapeXml';
import { evidenceLines } from './evidenceLines';
import { summaryIn } from './summaryIn';
import { formatTarget, formatValue, LABELS, type Lang, overallLines, resultOf, titleOf } from './labels';
import { legend, svgMap } from './svgMap';

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #bbb;padding:4px 8px;vertical-align:top}th{background:#eee}
.pass{color:#17692d;font-weight:600}.fail{color:#b3261e;font-weight:600}.na{color:#777}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:12px}.sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
.sw.dot{border-radius:50%}.sw.line{height:2px;background:#555}details{margin:6px 0}li{margin:2px 0}`;

/** One self-contained page (inline CSS and SVG, no scripts, no network): the summary table, the map, evidence, problems. */
export function renderHtml(report: IndicatorReport, topology: Topology, lang: Lang): string {
  const l = LABELS[lang];
  const e = escapeXml;
  const cls = (pass: boolean | null) => (pass === null ? 'na' : pass ? 'pass' : 'fail');
  const rows = report.indicators
    .map(
      (i) =>
        `<tr data-id="${i.id}"><td>${i.number}</td><td>${e(titleOf(i, lang))}</td><td>${i.kind === 'must' ? l.must : l.optional}</td><td>${e(formatTarget(i))}</td><td>${e(formatValue(i.value, i.unit))}</td><td class="${cls(i.pass)}">${resultOf(i, lang)}</td></tr>`,
    )
    .join('\n');
  const details = report.indicators
    .map(
      (i) =>
        `<section class="indicator" id="${i.id}"><h3>${i.number}. ${e(titleOf(i, lang))}</h3><p><span class="${cls(i.pass)}">${resultOf(i, lang)}</span> — ${e(summaryIn(i, lang))}</p><details><summary>${l.evidence}</summary><ul>${evidenceLines(
          i,
        )
          .map((s) => `<li>${e(s)}</li>`)
          .join('')}</ul></details></section>`,
    )
    .join('\n');
  const list = (items: string[]) =>
    items.length === 0 ? `<p>${l.noProblems}</p>` : `<ul>${items.map((s) => `<li>${e(s)}</li>`).join('')}</ul>`;
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${e(`${l.title}: ${report.network}`)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(l.title)}</h1>
<p>${l.network}: ${e(report.network)}${report.generatedAt !== null ? ` · ${l.generated}: ${new Date(report.generatedAt).toISOString()}` : ''}</p>
<h2>${l.overall}</h2>
<ul class="overall">${overallLines(report.indicators, lang)
    .map((s) => `<li>${e(s)}</li>`)
    .join('')}</ul>
<table class="summary"><thead><tr><th>${l.number}</th><th>${l.indicator}</th><th>${l.type}</th><th>${l.target}</th><th>${l.value}</th><th>${l.result}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>${e(l.map)}</h2>
${legend(report, lang)}
${svgMap(report, topology, lang)}
<h2>${l.details}</h2>
${details}
<h2>${l.problems}</h2>
<div class="problems">${list(report.problems)}</div>
<h2>${l.method}</h2>
${list(report.method[lang])}
<h2>${l.assumptions}</h2>
${list(report.assumptions)}
</body></html>
`;
}
