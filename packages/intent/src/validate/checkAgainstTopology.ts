import { formatBandwidth } from '@milli/core';
import { RATE_CAPACITY_KBPS, type Site, type SiteKind } from '@milli/topology';
import { volumeToBandwidth } from '../compile/volumeToBandwidth';
import type { EndpointRole } from '../document';
import { closest, nearest, orList } from '../editDistance';
import type { DataExpressIntent, Endpoint, Intent } from '../intent';
import { type ServiceClass, serviceClassOf } from '../serviceClass';
import type { ProblemList } from './ProblemList';
import type { SiteLookup } from './siteLookup';

export interface NetworkFacts {
  sites: SiteLookup;
  /** Ids of the lines that exist now; when given, elastic and release intents must name one of them. */
  existingLines?: ReadonlySet<string>;
}

const NOUN: Record<SiteKind, string> = { dc: 'data centre', park: 'park', access: 'access point', important: 'important site' };
const NOUN_ZH: Record<SiteKind, string> = { dc: '数据中心', park: '园区', access: '接入点', important: '重要站点' };
const ROLE_KIND: Record<EndpointRole, SiteKind> = { dc: 'dc', park: 'park', access: 'access' };
const orZh = (words: string[]) => words.map((w) => `'${w}'`).join(' 或 ');

/**
 * The intent against the network: sites exist (with a suggestion when one is misspelt), each end is the kind
 * of site the intent needs and the caller said, and each end can carry the service class the bandwidth needs.
 * Records every problem it finds.
 */
export function checkAgainstTopology(intent: Intent, problems: ProblemList, facts: NetworkFacts): void {
  if (intent.kind === 'elastic' || intent.kind === 'release') {
    checkLine(intent.line, problems, facts);
    return;
  }
  const [from, to] = checkEnds(intent.kind, intent.from, intent.to, problems, facts);
  if (!from || !to) return;
  const bandwidth = bandwidthOf(intent);
  if (bandwidth === undefined) return;
  const serviceClass = serviceClassOf(bandwidth.kbps);
  canCarry(from, '/from/site', serviceClass, bandwidth, problems, facts);
  canCarry(to, '/to/site', serviceClass, bandwidth, problems, facts);
  if (intent.kind === 'dc-interconnect') {
    for (const [site, pointer] of [
      [from, '/from/site'],
      [to, '/to/site'],
    ] as const) {
      if (site.egressGbps !== undefined && site.egressGbps * 1_000_000 < intent.bandwidthKbps) {
        problems.add(
          pointer,
          `data centre ${site.id}`,
          `: its egress is ${site.egressGbps} Gbit/s, below ${formatBandwidth(intent.bandwidthKbps)}; ` +
            (site.egressGbps >= 100 ? "ask for 'at 100G'" : 'it cannot take a wavelength interconnect'),
          (w) =>
            `数据中心 ${site.id}${w}的出口为 ${site.egressGbps} Gbit/s，低于 ${formatBandwidth(intent.bandwidthKbps)}；` +
            ((site.egressGbps ?? 0) >= 100 ? "请改为 '速率100G'" : '它无法承载波长互联'),
        );
      }
    }
  }
}

export function checkLine(line: string, problems: ProblemList, facts: NetworkFacts): void {
  if (!facts.existingLines || facts.existingLines.has(line)) return;
  const guess = closest(line, facts.existingLines);
  problems.add('/line', `unknown line '${line}'`, guess ? `, did you mean '${guess}'?` : ': no line with that id exists', (w) =>
    guess ? `未知的线路 '${line}'${w}，您是不是想说 '${guess}'？` : `未知的线路 '${line}'${w}：没有这个编号的线路`,
  );
}

/** Both ends exist, are what the caller said, and are the kinds of site the intent kind joins. */
export function checkEnds(
  kind: 'access-line' | 'dc-interconnect' | 'data-express',
  fromEnd: Endpoint,
  toEnd: Endpoint,
  problems: ProblemList,
  facts: NetworkFacts,
): [Site | undefined, Site | undefined] {
  const ends: Wanted =
    kind === 'access-line'
      ? {
          kinds: ['park', 'access'],
          what: 'a park or access point: an access line starts at one',
          whatZh: '园区或接入点：接入专线从它们开始',
        }
      : kind === 'dc-interconnect'
        ? { kinds: ['dc'], what: 'a data centre: a DC interconnect joins two', whatZh: '数据中心：数据中心互联连接两个数据中心' }
        : {
            kinds: ['dc', 'park', 'access'],
            what: 'a data centre, park or access point: a data express runs between them',
            whatZh: '数据中心、园区或接入点：数据快递在它们之间进行',
          };
  const toKinds: Wanted =
    kind === 'access-line'
      ? { kinds: ['dc'], what: 'a data centre: an access line ends at one', whatZh: '数据中心：接入专线终结于数据中心' }
      : ends;
  return [endpoint(fromEnd, '/from', ends, problems, facts), endpoint(toEnd, '/to', toKinds, problems, facts)];
}

interface Wanted {
  kinds: SiteKind[];
  what: string;
  whatZh: string;
}

function endpoint(end: Endpoint, pointer: string, wanted: Wanted, problems: ProblemList, facts: NetworkFacts): Site | undefined {
  const site = facts.sites.site(end.site);
  if (!site) {
    const fitting = facts.sites
      .sites()
      .filter((s) => wanted.kinds.includes(s.kind))
      .map((s) => s.id);
    const guesses = nearest(end.site, fitting);
    const guess = guesses.length > 0 ? guesses : nearest(end.site, facts.sites.siteIds());
    problems.add(
      `${pointer}/site`,
      `unknown site '${end.site}'`,
      guess.length > 0 ? `, did you mean ${orList(guess)}?` : ': no site with that id in the topology',
      (w) =>
        guess.length > 0
          ? `未知站点 '${end.site}'${w}，您是不是想说 ${orZh(guess)}？`
          : `未知站点 '${end.site}'${w}：拓扑中没有这个编号或名称的站点`,
    );
    return undefined;
  }
  if (end.role && ROLE_KIND[end.role] !== site.kind) {
    const role = ROLE_KIND[end.role];
    problems.add(
      `${pointer}/site`,
      `${NOUN[site.kind]} ${site.id}`,
      ` is not a ${NOUN[role]}`,
      (w) => `${NOUN_ZH[site.kind]} ${site.id}${w}不是${NOUN_ZH[role]}`,
    );
    return undefined;
  }
  if (!wanted.kinds.includes(site.kind)) {
    problems.add(
      `${pointer}/site`,
      `${NOUN[site.kind]} ${site.id}`,
      ` is not ${wanted.what}`,
      (w) => `${NOUN_ZH[site.kind]} ${site.id}${w}不是${wanted.whatZh}`,
    );
    return undefined;
  }
  return site;
}

function bandwidthOf(
  intent: Exclude<Intent, { kind: 'elastic' | 'release' }>,
): { kbps: number; text: string; pointer: string } | undefined {
  if (intent.kind === 'data-express') return expressBandwidth(intent);
  const pointer = intent.kind === 'access-line' ? '/bandwidth' : '/rate';
  return { kbps: intent.bandwidthKbps, text: formatBandwidth(intent.bandwidthKbps), pointer };
}

function expressBandwidth(intent: DataExpressIntent): { kbps: number; text: string; pointer: string } | undefined {
  const result = volumeToBandwidth(intent.volumeBytes, intent.end - intent.start);
  if (!result.ok) return undefined; // the compiler reports it, with the window it would need
  return {
    kbps: result.plan.bandwidthKbps,
    text: `${formatBandwidth(result.plan.bandwidthKbps)} (the volume over its window)`,
    pointer: '/volume',
  };
}

/** Whether both ends of an existing line can carry a new bandwidth (elastic changes); unknown sites are skipped. */
export function checkLineEnds(siteIds: string[], kbps: number, problems: ProblemList, facts: NetworkFacts): void {
  const bandwidth = { kbps, text: formatBandwidth(kbps), pointer: '/bandwidth' };
  for (const id of new Set(siteIds)) {
    const site = facts.sites.site(id);
    if (site) canCarry(site, '/line', serviceClassOf(kbps), bandwidth, problems, facts);
  }
}

/** Whether a site has the equipment for a service class, and enough port capacity at a park. */
function canCarry(
  site: Site,
  pointer: string,
  serviceClass: ServiceClass,
  bandwidth: { kbps: number; text: string; pointer: string },
  problems: ProblemList,
  facts: NetworkFacts,
): void {
  const devices = facts.sites.devicesAt(site.id);
  const noun = `${NOUN[site.kind]} ${site.id}`;
  const nounZh = `${NOUN_ZH[site.kind]} ${site.id}`;
  if (site.kind === 'park') {
    const cpe = devices.find((d) => d.kind === 'osu');
    if (!cpe) {
      problems.add(
        pointer,
        noun,
        ' has no OSU CPE, so no line can start there yet',
        (w) => `${nounZh}${w}没有 OSU 客户端设备，暂时无法从这里开通线路`,
      );
      return;
    }
    const fastest = (kind: 'line' | 'client') =>
      Math.max(0, ...cpe.ports.filter((p) => p.kind === kind && p.rate).map((p) => RATE_CAPACITY_KBPS[p.rate!]));
    const capacity = Math.min(fastest('line'), fastest('client'));
    if (bandwidth.kbps > capacity) {
      problems.add(
        bandwidth.pointer,
        `bandwidth ${bandwidth.text}`,
        `: park ${site.id}'s CPE carries at most ${formatBandwidth(capacity)}`,
        (w) => `带宽 ${bandwidth.text}${w}：园区 ${site.id} 的客户端设备最多承载 ${formatBandwidth(capacity)}`,
      );
    }
    return;
  }
  if (serviceClass === 'wavelength') {
    if (!devices.some((d) => d.kind === 'roadm' || d.kind === 'oxc')) {
      const fix = bandwidth.pointer === '/volume' ? 'allow a longer window, so that it needs less' : 'ask for less';
      const fixZh = bandwidth.pointer === '/volume' ? '放宽时间窗口，使所需带宽' : '请求的带宽';
      problems.add(
        pointer,
        noun,
        ` has no ROADM/OXC, so a ${bandwidth.text} wavelength cannot end there: ${fix} than 100 Gbit/s`,
        (w) => `${nounZh}${w}没有 ROADM/OXC，${bandwidth.text} 的波长无法在此终结：${fixZh}低于 100 Gbit/s`,
      );
    }
    return;
  }
  const otn = devices.filter((d) => d.kind === 'otn');
  if (otn.length === 0) {
    problems.add(
      pointer,
      noun,
      ` has no OTN switch, so a ${serviceClass.toUpperCase()} line cannot end there`,
      (w) => `${nounZh}${w}没有 OTN 交换机，${serviceClass.toUpperCase()} 线路无法在此终结`,
    );
    return;
  }
  if (serviceClass === 'osu' && !otn.some((d) => d.ports.some((p) => p.osu))) {
    const fix =
      bandwidth.pointer === '/volume'
        ? 'a shorter window, needing 1 Gbit/s or more, would use an ODU'
        : 'ask for 1Gbps or more (an ODU line)';
    const fixZh = bandwidth.pointer === '/volume' ? '缩短时间窗口（需要 1 Gbit/s 以上）即可使用 ODU' : '请求 1Gbps 以上（ODU 线路）';
    problems.add(
      pointer,
      noun,
      ` has no OSU-capable OTN port for a ${bandwidth.text} OSU line: ${fix}`,
      (w) => `${nounZh}${w}没有支持 OSU 的 OTN 端口来承载 ${bandwidth.text} 的 OSU 线路：${fixZh}`,
    );
  }
}
