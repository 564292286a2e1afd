import type { IndicatorReport } from '../model';
import { evidenceLines } from './evidenceLines';
import { summaryIn } from './summaryIn';
import { formatTarget, formatValue, LABELS, type Lang, overallLines, resultOf, titleOf } from './labels';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report in the shape of the programme's summary table: overall situation, each indicator with evidence, problems. */
export function renderMarkdown(report: IndicatorReport, lang: Lang): string {
  const l = LABELS[lang];
  const out: string[] = [`# ${l.title}`, '', `${l.network}: ${report.network}`];
  if (report.generatedAt !== null) out.push(`${l.generated}: ${new Date(report.generatedAt).toISOString()}`);
  out.push('', `## ${l.overall}`, '', ...overallLines(report.indicators, lang).map((s) => `- ${s}`), '');
  out.push(`| ${l.number} | ${l.indicator} | ${l.type} | ${l.target} | ${l.value} | ${l.result} |`, '|---|---|---|---|---|---|');
  for (const i of report.indicators) {
    out.push(
      `| ${i.number} | ${cell(titleOf(i, lang))} | ${i.kind === 'must' ? l.must : l.optional} | ${formatTarget(i)} | ${formatValue(i.value, i.unit)} | ${resultOf(i, lang)} |`,
    );
  }
  out.push('', `## ${l.details}`, '');
  for (const i of report.indicators) {
    out.push(`### ${i.number}. ${titleOf(i, lang)} (\`${i.id}\`)`, '', `${l.result}: **${resultOf(i, lang)}**; ${summaryIn(i, lang)}`, '');
    out.push(`${l.evidence}:`, '', ...evidenceLines(i).map((s) => `- ${s}`), '');
  }
  out.push(`## ${l.problems}`, '', ...(report.problems.length > 0 ? report.problems.map((p) => `- ${p}`) : [l.noProblems]), '');
  out.push(`## ${l.method}`, '', ...report.method[lang].map((m) => `- ${m}`), '');
  out.push(`## ${l.assumptions}`, '', ...report.assumptions.map((a) => `- ${a}`), '');
  return out.join('\n');
}
