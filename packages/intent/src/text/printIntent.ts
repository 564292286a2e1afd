import type { EndpointDocument, IntentDocument, ScheduleDocument } from '../document';
import { IntentSchemaError } from '../errors';
import { CHINESE_FOR } from './chineseLexicon';

export type PrintLanguage = 'en' | 'zh';

/**
 * An intent document as text in either language, which parses back to the same document: the inverse of the
 * grammar, clause for clause. Values are written as the document holds them (a quantity with a space inside,
 * such as "2.5 Gbit/s", reads back without it). A DC interconnect whose first end is not marked `dc` and which
 * has no rate has no text form (text would read it as an access line): that is refused.
 */
export function printIntent(document: IntentDocument, lang: PrintLanguage = 'en'): string {
  const say = lang === 'en' ? ENGLISH : CHINESE;
  const d = document;
  switch (d.kind) {
    case 'access-line':
    case 'dc-interconnect': {
      if (d.kind === 'dc-interconnect' && d.from.role !== 'dc' && d.rate === undefined) {
        throw new IntentSchemaError([
          {
            path: '/from/role',
            at: '/from/role',
            message: 'a DC interconnect has a text form only when its first end is marked dc or it has a rate: add "role": "dc" or "rate"',
          },
        ]);
      }
      const clauses = [
        d.maxLatency !== undefined ? say.under(d.maxLatency) : '',
        d.kind === 'access-line' ? say.with(d.bandwidth) : '',
        d.kind === 'dc-interconnect' && d.rate !== undefined ? say.rate(d.rate) : '',
        d.protection !== undefined ? say.protection(d.protection) : '',
        d.tier !== undefined ? say.tier(d.tier) : '',
        d.kind === 'access-line' && d.industry !== undefined ? say.industry(d.industry) : '',
        d.revertive ? say.revertive('') : '',
        ...(d.schedule ? scheduleClauses(d.schedule, say) : []),
      ];
      return say.sentence(`${say.connect(say.end(d.from), say.end(d.to))}`, clauses);
    }
    case 'data-express': {
      const window =
        d.start !== undefined && d.end !== undefined
          ? [say.between(d.start, d.end)]
          : [d.start !== undefined ? say.starting(d.start) : '', d.end !== undefined ? say.by(d.end) : ''];
      const clauses = [
        ...window,
        d.within !== undefined ? say.within(d.within) : '',
        d.maxLatency !== undefined ? say.under(d.maxLatency) : '',
        d.protection !== undefined ? say.protection(d.protection) : '',
        d.tier !== undefined ? say.tier(d.tier) : '',
        d.industry !== undefined ? say.industry(d.industry) : '',
      ];
      return say.sentence(say.move(d.volume, say.end(d.from), say.end(d.to)), clauses);
    }
    case 'elastic':
      return say.sentence(say.scale(d.line, d.bandwidth), [
        d.start !== undefined ? say.scaleFrom(d.start) : '',
        d.end !== undefined ? say.until(d.end) : '',
        d.within !== undefined ? say.lasting(d.within) : '',
      ]);
    case 'release':
      return say.sentence(say.release(d.line), [d.at !== undefined ? say.at(d.at) : '']);
  }
}

function scheduleClauses(s: ScheduleDocument, say: Phrases): string[] {
  return [
    s.on !== undefined ? say.on(s.on) : '',
    // `on weekdays` is the natural form, but a date takes `on` already: then `every weekday`.
    s.every !== undefined ? (s.every === 'weekday' && s.on !== undefined ? say.everyWeekday('') : say.every(s.every)) : '',
    s.start !== undefined && s.end !== undefined ? say.fromTo(s.start, s.end) : '',
    s.until !== undefined ? say.until(s.until) : '',
    s.zone !== undefined ? say.zone(s.zone) : '',
  ];
}

type Phrases = Record<
  | 'under'
  | 'with'
  | 'rate'
  | 'protection'
  | 'revertive'
  | 'tier'
  | 'industry'
  | 'starting'
  | 'by'
  | 'within'
  | 'scaleFrom'
  | 'until'
  | 'lasting'
  | 'at'
  | 'on'
  | 'every'
  | 'everyWeekday'
  | 'zone'
  | 'release',
  (value: string) => string
> & {
  end(e: EndpointDocument): string;
  connect(from: string, to: string): string;
  move(volume: string, from: string, to: string): string;
  scale(line: string, bandwidth: string): string;
  between(start: string, end: string): string;
  fromTo(start: string, end: string): string;
  sentence(head: string, clauses: string[]): string;
};

const ROLE_EN = { park: 'park', access: 'access point', dc: 'dc' } as const;
const PROTECTION_EN: Record<string, string> = {
  srlg: 'protected',
  link: 'protected by link',
  node: 'protected by node',
  none: 'unprotected',
};
const PROTECTION_ZH: Record<string, string> = { srlg: '1+1保护', link: '链路保护', node: '节点保护', none: '无保护' };
const EVERY_ZH: Record<string, string> = {
  day: '每天',
  weekday: '工作日',
  monday: '每周一',
  tuesday: '每周二',
  wednesday: '每周三',
  thursday: '每周四',
  friday: '每周五',
  saturday: '每周六',
  sunday: '每周日',
};

const ENGLISH: Phrases = {
  end: (e) => (e.role ? `${ROLE_EN[e.role]} ${e.site}` : e.site),
  connect: (from, to) => `connect ${from} to ${to}`,
  move: (volume, from, to) => `move ${volume} from ${from} to ${to}`,
  scale: (line, bandwidth) => `scale line ${line} to ${bandwidth}`,
  release: (line) => `release line ${line}`,
  under: (v) => `under ${v}`,
  with: (v) => `with ${v}`,
  rate: (v) => `at ${v}`,
  protection: (v) => PROTECTION_EN[v]!,
  revertive: () => 'revertive',
  tier: (v) => `tier ${v}`,
  industry: (v) => `for ${v}`,
  between: (s, e) => `between ${s} and ${e}`,
  starting: (v) => `starting ${v}`,
  by: (v) => `by ${v}`,
  within: (v) => `within ${v}`,
  scaleFrom: (v) => `from ${v}`,
  until: (v) => `until ${v}`,
  lasting: (v) => `for ${v}`,
  at: (v) => `at ${v}`,
  on: (v) => `on ${v}`,
  every: (v) => (v === 'weekday' ? 'on weekdays' : `every ${v}`),
  everyWeekday: () => 'every weekday',
  fromTo: (s, e) => `from ${s} to ${e}`,
  zone: (v) => `zone ${v}`,
  sentence: (head, clauses) => [head, ...clauses.filter(Boolean)].join(' '),
};

const CHINESE: Phrases = {
  end: (e) => `${e.role ? CHINESE_FOR[e.role] : ''}${e.site}`,
  connect: (from, to) => `连接${from}到${to}`,
  move: (volume, from, to) => `迁移${volume}从${from}到${to}`,
  scale: (line, bandwidth) => `扩容线路${line}到${bandwidth}`,
  release: (line) => `释放线路${line}`,
  under: (v) => `时延小于${v}`,
  with: (v) => `带宽${v}`,
  rate: (v) => (v.toLowerCase() === 'wavelength' ? '单波长' : `速率${v}`),
  protection: (v) => PROTECTION_ZH[v]!,
  revertive: () => '回切',
  tier: (v) => `等级${v}`,
  industry: (v) => CHINESE_FOR[v]!,
  between: (s, e) => `时段${time(s)}至${time(e)}`,
  starting: (v) => `开始于${time(v)}`,
  by: (v) => `截止${time(v)}`,
  within: (v) => `限时${v}`,
  scaleFrom: (v) => `从${time(v)}`,
  until: (v) => `直到${time(v)}`,
  lasting: (v) => `持续${v}`,
  at: (v) => `于${time(v)}`,
  on: (v) => `在${v}`,
  every: (v) => EVERY_ZH[v]!,
  everyWeekday: () => '每个工作日',
  fromTo: (s, e) => `从${s}到${e}`,
  zone: (v) => `时区${v}`,
  sentence: (head, clauses) => [head, ...clauses.filter(Boolean)].join('，'),
};

function time(v: string): string {
  return v === 'now' ? '现在' : v;
}
