import type { Indicator } from '../model';
import { NEEDS_LIVE } from '../indicators/catalog';
import type { Lang } from './labels';

const ms = (us: number | null) => (us === null ? '—' : `${(us / 1000).toFixed(3)} 毫秒`);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** An indicator's one-line result in the report's language (the builders write it in English). */
export function summaryIn(i: Indicator, lang: Lang): string {
  if (lang === 'en') return i.summary;
  if (!i.computed)
    return `未计算：${i.reason === NEEDS_LIVE ? '需要在网控制器的专线与意图数据，本次只提供了拓扑（请使用 --api URL --token-env VAR）' : i.reason}`;
  // biome-ignore lint/suspicious/noExplicitAny: evidence is per-indicator data; each case reads the fields its builder wrote
  const e = i.evidence as Record<string, any>;
  const sum = (o: Record<string, number>) => Object.values(o).reduce((s, n) => s + n, 0);
  switch (i.id) {
    case 'dc-interconnect-latency': {
      const matrix = e.matrix as { pass: boolean; latencyUs: number | null }[];
      const noPath = matrix.filter((m) => m.latencyUs === null).length;
      return noPath > 0
        ? `${matrix.length} 对算力中心中 ${noPath} 对无光层路径`
        : `${matrix.length} 对算力中心中最差 ${ms(i.value)}，${matrix.filter((m) => m.pass).length} 对小于 ${ms(i.target.value)}`;
    }
    case 'important-site-oxc-ratio':
      return `${e.numerator}/${e.denominator} 个重要站点部署了 OXC/ROADM（${pct(i.value)}）`;
    case 'dc-egress-400g-ratio':
      return `${e.numerator}/${e.denominator} 个中型及以上算力中心具备 400Gbps 及以上出口（${pct(i.value)}）`;
    case 'access-point-100g-otn-ratio':
      return `${e.numerator}/${e.denominator} 个综合接入点具备 100Gbps OTN（${pct(i.value)}）`;
    case 'latency-circle-coverage':
      return `覆盖 ${(e.coveredKm2 as number).toFixed(1)} 平方公里，占城域 ${(e.metroKm2 as number).toFixed(1)} 平方公里的 ${pct(i.value)}；综合接入点 ${e.coveredCount}/${e.accessPointCount}（${pct(e.countRatio)}）`;
    case 'one-hop-access-ratio':
      return `${e.numerator}/${e.denominator} 个综合接入点可经一条端到端 OSU 业务在 1 毫秒内接入算力中心`;
    case 'dc-interconnect-technique':
      return `${(e.ran as unknown[]).length}/${e.tasks} 个数据快递任务按计划调度并已执行（任务式调度）`;
    case 'all-optical-access':
      return `在网 OSU 专线 ${i.value} 条`;
    case 'sla-tier-4a':
      return `满足 4A 及以上的专线类型 ${i.value} 类（${(e.qualifying as unknown[]).length} 条专线），在网专线共 ${sum(e.byKind)} 条`;
    case 'terminal-to-dc-latency':
      return (e.lines as unknown[]).length === 0
        ? '没有在网专线终结于算力中心'
        : `终结于算力中心的 ${(e.lines as unknown[]).length} 条专线中最差 ${ms(i.value)}（路径时延 + ${e.accessBudgetUs} 微秒接入预算）`;
    case 'service-packages':
      return `弹性带宽与数据快递业务服务 ${i.value} 类行业（共 ${e.services} 项业务）`;
  }
}
