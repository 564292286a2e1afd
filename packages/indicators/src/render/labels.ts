import type { Indicator } from '../model';
import { CATALOG } from '../indicators/catalog';

export type Lang = 'zh' | 'en';

/** Every fixed word of the Markdown and HTML reports, in both languages (the notice's summary table, 附件3). */
export const LABELS = {
  en: {
    title: 'Millisecond compute access: indicators report',
    network: 'Network',
    generated: 'Generated',
    overall: '1. Overall situation',
    details: '2. Implementation by indicator, with evidence',
    problems: '3. Problems found',
    method: 'Method',
    assumptions: 'Assumptions',
    map: 'Map: DCs, access points, fibres and 1 ms circles',
    number: '#',
    indicator: 'Indicator',
    type: 'Type',
    target: 'Target',
    value: 'Value',
    result: 'Result',
    must: 'must',
    optional: 'optional',
    pass: 'met',
    fail: 'not met',
    notComputed: 'not computed',
    evidence: 'Evidence',
    noProblems: 'None.',
    mustMet: (met: number, total: number) => `${met} of ${total} mandatory indicators met`,
    optionalMet: (met: number, total: number) => `${met} of ${total} optional indicators met`,
    notComputedCount: (n: number) => `${n} not computed (they need the live controller)`,
    legendDc: 'DC',
    legendAp: 'access point',
    legendUncovered: 'access point outside every circle',
    legendFibre: 'fibre',
    legendCircle: "DC's 1 ms circle",
  },
  zh: {
    title: '城域“毫秒用算”专项行动指标报告',
    network: '网络',
    generated: '生成时间',
    overall: '一、总体实施情况',
    details: '二、具体实施情况（逐项指标及证明材料）',
    problems: '三、存在问题',
    method: '计算方法',
    assumptions: '假设',
    map: '地图：算力中心、综合接入点、光纤与1毫秒时延圈',
    number: '序号',
    indicator: '工作指引',
    type: '类型',
    target: '目标',
    value: '实测值',
    result: '结论',
    must: '必选',
    optional: '可选',
    pass: '达标',
    fail: '未达标',
    notComputed: '未计算',
    evidence: '证明材料',
    noProblems: '无。',
    mustMet: (met: number, total: number) => `必选指标 ${total} 项中达标 ${met} 项`,
    optionalMet: (met: number, total: number) => `可选指标 ${total} 项中达标 ${met} 项`,
    notComputedCount: (n: number) => `${n} 项未计算（需接入在网控制器数据）`,
    legendDc: '算力中心',
    legendAp: '综合接入点',
    legendUncovered: '不在任何时延圈内的综合接入点',
    legendFibre: '光纤',
    legendCircle: '算力中心1毫秒时延圈',
  },
} as const;

export function titleOf(indicator: Indicator, lang: Lang): string {
  return CATALOG[indicator.id].title[lang];
}

export function formatValue(value: number | null, unit: Indicator['unit']): string {
  if (value === null) return '—';
  if (unit === 'ratio') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'us') return `${(value / 1000).toFixed(3)} ms`;
  return String(value);
}

export function formatTarget(indicator: Indicator): string {
  const op = indicator.target.op === '>=' ? '≥' : '<';
  return `${op} ${formatValue(indicator.target.value, indicator.target.unit)}`;
}

export function resultOf(indicator: Indicator, lang: Lang): string {
  const l = LABELS[lang];
  return indicator.pass === null ? l.notComputed : indicator.pass ? l.pass : l.fail;
}

/** The overall lines: musts and optionals met, and how many could not be computed. */
export function overallLines(indicators: Indicator[], lang: Lang): string[] {
  const l = LABELS[lang];
  const musts = indicators.filter((i) => i.kind === 'must');
  const optionals = indicators.filter((i) => i.kind === 'optional');
  const open = indicators.filter((i) => !i.computed).length;
  return [
    l.mustMet(musts.filter((i) => i.pass === true).length, musts.length),
    l.optionalMet(optionals.filter((i) => i.pass === true).length, optionals.length),
    ...(open > 0 ? [l.notComputedCount(open)] : []),
  ];
}
