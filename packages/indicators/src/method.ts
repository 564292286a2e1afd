import type { ReportSettings } from './inputs';
import type { MetroArea } from './model';

/** How each figure is computed, stated in the report itself, in both languages. */
export function describeMethod(o: ReportSettings, metro: MetroArea): { en: string[]; zh: string[] } {
  return { en: english(o, metro), zh: chinese(o, metro) };
}

function english(o: ReportSettings, metro: MetroArea): string[] {
  return [
    `Latency: every figure is @milli/pce computePath (the engine that provisions) on the topology with no reservations, one-way, fibre (4.897 µs/km unless measured) plus each device's role latency; "under" means strictly below ${o.boundUs} µs.`,
    'DC interconnect (1): medium-and-above DCs (>= 1000 racks); wavelength layer ROADM to ROADM for every pair, unbounded, each figure with its path.',
    `1 ms circle (5): per medium-and-above DC, the integrated access points whose ODU-layer path from the DC's egress transport device (its OTN switch) is under ${o.boundUs} µs. Pairs whose PCE lower bound (reverse Dijkstra, every node at its cheapest role) already reaches the bound are out without a search; access points are taken nearest first, and one whose path over the tail of an earlier computed path (directly, or over one fixed OTU link onto it) has exactly that lower bound has it as its proven optimum, without a search of its own.`,
    "Service areas: Voronoi cells of all access points (@turf/voronoi) in a local equirectangular plane, clipped to the metro (@turf/intersect), areas on the sphere (@turf/area); a circle's area is the union (sum, cells being disjoint) of its members' cells; coverage is the union of all circles over the metro area, and also the count of covered access points over all.",
    metro.source === 'topology'
      ? "Metro area: the topology's boundary polygon."
      : `Metro area: the topology has no boundary; the convex hull of its sites (@turf/convex) buffered by ${metro.marginKm} km (@turf/buffer).`,
    `One-hop access (9): an access point counts when the PCE finds an OSU-layer path (one end-to-end OSU service) from its OTN switch to some DC's OTN switch under ${o.boundUs} µs.`,
    'Ratios (2, 4, 8): important sites with an OXC/ROADM; medium-and-above DCs with a 400GE egress client port (or egressGbps >= 400); access points whose OTN switch has an OTU4 or faster line. With an inventory, only devices listed in it count.',
    `Live lines (3, 6, 7, 10, 11): lines in service are active, degraded, restoring or modifying. Terminal to DC adds ${o.accessBudgetUs} µs (last mile and DC internal network) to each line's path latency, target under ${o.terminalBoundUs} µs.`,
  ];
}

function chinese(o: ReportSettings, metro: MetroArea): string[] {
  return [
    `时延：所有数值均由 @milli/pce 的 computePath（即开通业务所用的同一算路引擎）在无预占资源的拓扑上算出，为单向时延，含光纤（未实测时按 4.897 微秒/公里）与沿途各设备按角色计的处理时延；“小于”指严格小于 ${o.boundUs} 微秒。`,
    '算力中心互连（1）：中型及以上算力中心（≥ 1000 标准机架）两两之间在波长层 ROADM 到 ROADM 算路，不设上限，每个数值附其路径。',
    `1毫秒时延圈（5）：对每个中型及以上算力中心，从其出口传输设备（OTN 交换机）到各综合接入点的 ODU 层路径时延小于 ${o.boundUs} 微秒者入圈；算路引擎的下界（反向 Dijkstra，各节点取最小角色时延）已达上限的点对不再搜索；综合接入点按由近及远处理，若经已算路径的后段（直接或经一条固定 OTU 链路接入该后段）所得时延恰等于其下界，即以此为已证明的最优值，不再单独搜索。`,
    '服务区：全部综合接入点的 Voronoi 单元（@turf/voronoi，在局部等距圆柱平面中构建），裁剪到城域范围（@turf/intersect），在球面上计算面积（@turf/area）；时延圈面积为其成员单元之并（单元互不重叠，即面积之和）；覆盖率为所有时延圈之并占城域面积之比，并同时给出入圈综合接入点数之比。',
    metro.source === 'topology'
      ? '城域范围：拓扑文件给出的边界多边形。'
      : `城域范围：拓扑未给出边界，取全部站点的凸包（@turf/convex）外扩 ${metro.marginKm} 公里（@turf/buffer）。`,
    `一跳入算（9）：算路引擎能从综合接入点的 OTN 交换机到任一算力中心 OTN 交换机找到一条时延小于 ${o.boundUs} 微秒的 OSU 层路径（一条端到端 OSU 业务）即计入。`,
    '比例（2、4、8）：具备 OXC/ROADM 的重要站点；具备 400GE 出口客户侧端口（或 egressGbps ≥ 400）的中型及以上算力中心；OTN 交换机具备 OTU4 及以上线路口的综合接入点。给出清单（inventory）时只计其中列出的设备。',
    `在网专线（3、6、7、10、11）：在网指 active、degraded、restoring、modifying 状态。终端到算力中心在每条专线路径时延上加 ${o.accessBudgetUs} 微秒（最后一公里与算力中心内部网络），目标小于 ${o.terminalBoundUs} 微秒。`,
  ];
}
