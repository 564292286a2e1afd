import type { IntentDocument } from '@milli/intent';

/**
 * Every text form the README documents, each with the JSON document it means. Tests parse both forms and
 * require the same compilation; the README lists the same sentences.
 */
export interface FormExample {
  name: string;
  text: string;
  /** The same intent as Chinese writes it; it parses to the same document. */
  zh: string;
  json: IntentDocument;
}

export const FORMS: FormExample[] = [
  {
    name: 'access line from a park, protected, for an industry',
    text: 'connect park P-17 to DC dc-north under 1ms with 100Mbps protected for manufacturing',
    zh: '连接园区P-17到数据中心dc-north，时延小于1毫秒，带宽100兆，1+1保护，制造业',
    json: {
      kind: 'access-line',
      from: { site: 'P-17', role: 'park' },
      to: { site: 'dc-north', role: 'dc' },
      maxLatency: '1ms',
      bandwidth: '100Mbps',
      protection: 'srlg',
      industry: 'manufacturing',
    },
  },
  {
    name: 'access line from an access point, ODU class, tier 4A protected by node',
    text: 'connect access point AP-1 to dc-south with 2.5 Gbit/s protected by node tier 4A for finance',
    zh: '连接接入点AP-1到dc-south，带宽2.5Gbit/s，节点保护，等级4A，金融行业',
    json: {
      kind: 'access-line',
      from: { site: 'AP-1', role: 'access' },
      to: { site: 'dc-south' },
      bandwidth: '2.5Gbit/s',
      protection: 'node',
      tier: '4A',
      industry: 'finance',
    },
  },
  {
    name: 'access line, tier 5A',
    text: 'connect ap AP-1 to dc dc-north with 10Mbps under 800us protected tier 5A for medical',
    zh: '连接接入点 AP-1 到数据中心 dc-north，带宽10Mbps，时延小于800微秒，1+1保护，等级5A，医疗',
    json: {
      kind: 'access-line',
      from: { site: 'AP-1', role: 'access' },
      to: { site: 'dc-north', role: 'dc' },
      bandwidth: '10Mbps',
      maxLatency: '800us',
      protection: 'srlg',
      tier: '5A',
      industry: 'medical',
    },
  },
  {
    name: 'access line, unmarked ends, unprotected',
    text: 'connect P-18 to dc-north with 500Mbps unprotected for education',
    zh: '连接P-18到dc-north，带宽500兆，无保护，用于教育',
    json: {
      kind: 'access-line',
      from: { site: 'P-18' },
      to: { site: 'dc-north' },
      bandwidth: '500Mbps',
      protection: 'none',
      industry: 'education',
    },
  },
  {
    name: 'access line, unprotected, back on its original path after a restoration',
    text: 'connect P-18 to dc-north with 500Mbps unprotected revertive',
    zh: '连接P-18到dc-north，带宽500兆，无保护，回切',
    json: {
      kind: 'access-line',
      from: { site: 'P-18' },
      to: { site: 'dc-north' },
      bandwidth: '500Mbps',
      protection: 'none',
      revertive: true,
    },
  },
  {
    name: 'DC interconnect at 400G, revertive',
    text: 'connect dc-north to dc-south at 400G revertive',
    zh: '连接dc-north到dc-south，速率400G，恢复后回切',
    json: { kind: 'dc-interconnect', from: { site: 'dc-north' }, to: { site: 'dc-south' }, rate: '400G', revertive: true },
  },
  {
    name: 'DC interconnect at 400G',
    text: 'connect dc-north to dc-south under 1 ms at 400G',
    zh: '连接dc-north到dc-south，时延小于1毫秒，速率400G',
    json: { kind: 'dc-interconnect', from: { site: 'dc-north' }, to: { site: 'dc-south' }, maxLatency: '1ms', rate: '400G' },
  },
  {
    name: 'DC interconnect, one wavelength by default, protected',
    text: 'connect dc dc-north to dc dc-east protected',
    zh: '连接数据中心dc-north到数据中心dc-east，1+1保护',
    json: { kind: 'dc-interconnect', from: { site: 'dc-north', role: 'dc' }, to: { site: 'dc-east', role: 'dc' }, protection: 'srlg' },
  },
  {
    name: 'DC interconnect at wavelength, tier 4A',
    text: 'connect dc-south to dc-east at wavelength protected by link tier 4A',
    zh: '连接dc-south到dc-east，单波长，链路保护，等级4A',
    json: {
      kind: 'dc-interconnect',
      from: { site: 'dc-south' },
      to: { site: 'dc-east' },
      rate: 'wavelength',
      protection: 'link',
      tier: '4A',
    },
  },
  {
    name: 'data express by a deadline',
    text: 'move 50TB from dc-north to dc-south by 2026-12-01T06:00Z',
    zh: '迁移50TB从dc-north到dc-south，截止2026-12-01T06:00Z',
    json: { kind: 'data-express', volume: '50TB', from: { site: 'dc-north' }, to: { site: 'dc-south' }, end: '2026-12-01T06:00Z' },
  },
  {
    name: 'data express in a nightly window, for media',
    text: 'move 2 TB from park P-17 to dc dc-north between 01:00 and 05:00 for media',
    zh: '传送2TB从园区P-17到数据中心dc-north，时段01:00至05:00，媒体行业',
    json: {
      kind: 'data-express',
      volume: '2TB',
      from: { site: 'P-17', role: 'park' },
      to: { site: 'dc-north', role: 'dc' },
      start: '01:00',
      end: '05:00',
      industry: 'media',
    },
  },
  {
    name: 'data express within a duration from a start',
    text: 'move 800GB from dc-south to dc-north starting 2026-11-27T22:00+08:00 within 6h under 2ms protected for transport',
    zh: '迁移800GB从dc-south到dc-north，开始于2026-11-27T22:00+08:00，限时6小时，时延小于2毫秒，1+1保护，交通',
    json: {
      kind: 'data-express',
      volume: '800GB',
      from: { site: 'dc-south' },
      to: { site: 'dc-north' },
      start: '2026-11-27T22:00+08:00',
      within: '6h',
      maxLatency: '2ms',
      protection: 'srlg',
      industry: 'transport',
    },
  },
  {
    name: 'elastic for a window',
    text: 'scale line L-42 to 1Gbps from 20:00 to 23:00',
    zh: '扩容线路L-42到1千兆，从今晚20:00到23:00',
    json: { kind: 'elastic', line: 'L-42', bandwidth: '1Gbps', start: '20:00', end: '23:00' },
  },
  {
    name: 'elastic now, for a duration',
    text: 'scale line L-42 to 300Mbps for 2h',
    zh: '缩容线路L-42到300兆，持续2小时',
    json: { kind: 'elastic', line: 'L-42', bandwidth: '300Mbps', within: '2h' },
  },
  {
    name: 'elastic, permanent',
    text: 'scale line L-42 to 200Mbps',
    zh: '调整专线L-42到200Mbps',
    json: { kind: 'elastic', line: 'L-42', bandwidth: '200Mbps' },
  },
  {
    name: 'elastic until a time',
    text: 'scale line L-42 to 1Gbps until 18:30',
    zh: '扩容线路L-42到1Gbps，直到18:30',
    json: { kind: 'elastic', line: 'L-42', bandwidth: '1Gbps', end: '18:30' },
  },
  { name: 'release now', text: 'release line L-42', zh: '释放线路L-42', json: { kind: 'release', line: 'L-42' } },
  {
    name: 'release at a time',
    text: 'release line L-42 at 2026-11-30T00:00Z',
    zh: '拆除线路L-42，于2026-11-30T00:00Z',
    json: { kind: 'release', line: 'L-42', at: '2026-11-30T00:00Z' },
  },
  {
    name: 'access line for one night',
    text: 'connect park P-17 to dc dc-north with 100Mbps protected for manufacturing from 20:00 to 06:00',
    zh: '连接园区P-17到数据中心dc-north，带宽100Mbps，1+1保护，制造，从今晚20:00到明天06:00',
    json: {
      kind: 'access-line',
      from: { site: 'P-17', role: 'park' },
      to: { site: 'dc-north', role: 'dc' },
      bandwidth: '100Mbps',
      protection: 'srlg',
      industry: 'manufacturing',
      schedule: { start: '20:00', end: '06:00' },
    },
  },
  {
    name: 'DC interconnect on one date',
    text: 'connect dc-north to dc-south at 400G on 2027-01-15 from 09:00 to 18:00',
    zh: '连接dc-north到dc-south，速率400G，在2027-01-15从09:00到18:00',
    json: {
      kind: 'dc-interconnect',
      from: { site: 'dc-north' },
      to: { site: 'dc-south' },
      rate: '400G',
      schedule: { on: '2027-01-15', start: '09:00', end: '18:00' },
    },
  },
  {
    name: 'nightly DC interconnect until a date, in Beijing time',
    text: 'connect dc dc-north to dc dc-south every day from 01:00 to 05:00 until 2027-06-30 zone +08:00',
    zh: '连接数据中心dc-north到数据中心dc-south，每天从01:00到05:00，直到2027-06-30，北京时间',
    json: {
      kind: 'dc-interconnect',
      from: { site: 'dc-north', role: 'dc' },
      to: { site: 'dc-south', role: 'dc' },
      schedule: { every: 'day', start: '01:00', end: '05:00', until: '2027-06-30', zone: '+08:00' },
    },
  },
  {
    name: 'park line on weekdays',
    text: 'connect park P-17 to dc dc-north with 50Mbps on weekdays from 08:00 to 20:00',
    zh: '连接园区P-17到数据中心dc-north，带宽50兆，工作日从08:00到20:00',
    json: {
      kind: 'access-line',
      from: { site: 'P-17', role: 'park' },
      to: { site: 'dc-north', role: 'dc' },
      bandwidth: '50Mbps',
      schedule: { every: 'weekday', start: '08:00', end: '20:00' },
    },
  },
  {
    name: 'DC interconnect every Monday, all day',
    text: 'connect dc dc-north to dc dc-east every monday',
    zh: '连接数据中心dc-north到数据中心dc-east，每周一',
    json: {
      kind: 'dc-interconnect',
      from: { site: 'dc-north', role: 'dc' },
      to: { site: 'dc-east', role: 'dc' },
      schedule: { every: 'monday' },
    },
  },
];
