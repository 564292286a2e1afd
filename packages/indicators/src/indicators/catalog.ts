import type { Indicator, IndicatorGroup, IndicatorId } from '../model';

/** The notice's table (附件1), one row per indicator: number, group, must/optional, target and titles. */
export interface CatalogEntry {
  id: IndicatorId;
  number: number;
  group: IndicatorGroup;
  kind: 'must' | 'optional';
  target: Indicator['target'];
  unit: Indicator['unit'];
  title: { en: string; zh: string };
}

export const CATALOG: Record<IndicatorId, CatalogEntry> = {
  'dc-interconnect-latency': {
    id: 'dc-interconnect-latency',
    number: 1,
    group: 'interconnect',
    kind: 'must',
    target: { op: '<', value: 1000, unit: 'us' },
    unit: 'us',
    title: {
      en: 'Optical one-way latency between medium-and-above DCs < 1 ms',
      zh: '城域中型及以上算力中心间光层单向互连时延 < 1 毫秒',
    },
  },
  'important-site-oxc-ratio': {
    id: 'important-site-oxc-ratio',
    number: 2,
    group: 'interconnect',
    kind: 'must',
    target: { op: '>=', value: 0.5, unit: 'ratio' },
    unit: 'ratio',
    title: { en: 'All-optical cross-connect (OXC/ROADM) at important sites >= 50%', zh: '城域重要站点全光交叉 (OXC/ROADM) 部署率 ≥ 50%' },
  },
  'dc-interconnect-technique': {
    id: 'dc-interconnect-technique',
    number: 3,
    group: 'interconnect',
    kind: 'must',
    target: { op: '>=', value: 1, unit: 'count' },
    unit: 'count',
    title: {
      en: 'At least one DC interconnect technique validated (task-based scheduling)',
      zh: '开展不少于1种算力中心间网络创新技术验证（任务式调度）',
    },
  },
  'dc-egress-400g-ratio': {
    id: 'dc-egress-400g-ratio',
    number: 4,
    group: 'interconnect',
    kind: 'optional',
    target: { op: '>=', value: 0.5, unit: 'ratio' },
    unit: 'ratio',
    title: {
      en: 'Medium-and-above DCs with >= 400 Gbit/s egress ports >= 50%',
      zh: '部署 400Gbps 及以上出口端口的城域中型及以上算力中心占比 ≥ 50%',
    },
  },
  'latency-circle-coverage': {
    id: 'latency-circle-coverage',
    number: 5,
    group: 'access',
    kind: 'must',
    target: { op: '>=', value: 0.7, unit: 'ratio' },
    unit: 'ratio',
    title: { en: '1 ms latency circle coverage >= 70% of the metro', zh: '城域算力1毫秒时延圈覆盖率 ≥ 70%' },
  },
  'all-optical-access': {
    id: 'all-optical-access',
    number: 6,
    group: 'access',
    kind: 'must',
    target: { op: '>=', value: 1, unit: 'count' },
    unit: 'count',
    title: {
      en: 'At least one all-optical access technique validated (small-granularity OTN: OSU)',
      zh: '开展不少于1种全光入算新技术验证（小颗粒OTN：OSU）',
    },
  },
  'sla-tier-4a': {
    id: 'sla-tier-4a',
    number: 7,
    group: 'access',
    kind: 'must',
    target: { op: '>=', value: 1, unit: 'count' },
    unit: 'count',
    title: {
      en: 'At least one kind of compute-access private line at experience level >= 4A',
      zh: '不少于1类入算专线服务体验等级满足 ≥ 4A',
    },
  },
  'access-point-100g-otn-ratio': {
    id: 'access-point-100g-otn-ratio',
    number: 8,
    group: 'access',
    kind: 'optional',
    target: { op: '>=', value: 0.2, unit: 'ratio' },
    unit: 'ratio',
    title: { en: '100G OTN at integrated access points >= 20%', zh: '综合接入点 100Gbps OTN 覆盖率 ≥ 20%' },
  },
  'one-hop-access-ratio': {
    id: 'one-hop-access-ratio',
    number: 9,
    group: 'access',
    kind: 'optional',
    target: { op: '>=', value: 0.75, unit: 'ratio' },
    unit: 'ratio',
    title: { en: 'Integrated access points with one-hop compute access >= 75%', zh: '具备一跳入算能力的综合接入点比例 ≥ 75%' },
  },
  'terminal-to-dc-latency': {
    id: 'terminal-to-dc-latency',
    number: 10,
    group: 'reach',
    kind: 'must',
    target: { op: '<', value: 10_000, unit: 'us' },
    unit: 'us',
    title: {
      en: 'One-way network latency from application terminal to DC server < 10 ms',
      zh: '算力应用终端到算力中心服务器的单向网络时延 < 10 毫秒',
    },
  },
  'service-packages': {
    id: 'service-packages',
    number: 11,
    group: 'reach',
    kind: 'must',
    target: { op: '>=', value: 4, unit: 'count' },
    unit: 'count',
    title: {
      en: 'At least one compute-network service package (elastic, data express) serving >= 4 industries',
      zh: '开通不少于1种算网融合业务套餐（算网弹性、数据快递），服务不少于4类行业应用',
    },
  },
};

/** Whether a value meets a target. */
export function meets(value: number, target: Indicator['target']): boolean {
  return target.op === '<' ? value < target.value : value >= target.value;
}

/** An indicator entry from its catalogue row: the builders give value, evidence and problems. */
export function indicator(
  id: IndicatorId,
  fields: { value: number | null; summary: string; evidence: Record<string, unknown>; problems?: string[]; target?: Indicator['target'] },
): Indicator {
  const row = CATALOG[id];
  const target = fields.target ?? row.target;
  return {
    id,
    number: row.number,
    group: row.group,
    kind: row.kind,
    value: fields.value,
    unit: row.unit,
    target,
    pass: fields.value === null ? false : meets(fields.value, target),
    computed: true,
    summary: fields.summary,
    evidence: fields.evidence,
    problems: fields.problems ?? [],
  };
}

/** An indicator that could not be computed from what was given, and why. */
export function notComputed(id: IndicatorId, reason: string, target?: Indicator['target']): Indicator {
  const row = CATALOG[id];
  return {
    id,
    number: row.number,
    group: row.group,
    kind: row.kind,
    value: null,
    unit: row.unit,
    target: target ?? row.target,
    pass: null,
    computed: false,
    reason,
    summary: `not computed: ${reason}`,
    evidence: {},
    problems: [],
  };
}

export const NEEDS_LIVE = 'needs the live controller (its lines and intents); only a topology was given (pass --api URL --token-env VAR)';
