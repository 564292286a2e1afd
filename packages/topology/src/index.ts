export type {
  SiteKind,
  ImportantRole,
  Site,
  DeviceKind,
  PortKind,
  PortRate,
  Port,
  Management,
  Device,
  FibreEnd,
  Fibre,
  BoundaryPolygon,
  Topology,
} from './model';
export { RATE_CAPACITY_KBPS } from './model';
export {
  FIBRE_US_PER_KM,
  NODE_LATENCY_DEFAULTS,
  ROLES_BY_KIND,
  fibreLatencyUs,
  nodeLatencyUs,
  type NodeRole,
  type NodeLatencyDefault,
  type NodeLatencyOverrides,
} from './latency';
export {
  parseInventory,
  loadInventory,
  resolveCredentials,
  type Inventory,
  type InventoryEntry,
  type DeviceCredentials,
} from './inventory';
export {
  TopologyError,
  TopologyNotFoundError,
  TopologyImportError,
  formatProblem,
  firstProblems,
  PROBLEMS_SHOWN,
  type TopologyProblem,
} from './TopologyError';
export { TOPOLOGY_SCHEMA, TOPOLOGY_SCHEMA_ID } from './format/topologySchema';
export { validateTopology, isValidTopology } from './format/validateTopology';
export { parseTopology, loadTopology, formatOf, MAX_ALIAS_COUNT, type TopologyFormat } from './format/parseTopology';
export { serialiseTopology, writeTopology, canonicalTopology } from './format/serialiseTopology';
export {
  TopologyIndex,
  portRef,
  parsePortRef,
  type PortRef,
  type Neighbour,
  type TopologyLookup,
  type TopologyAdjacency,
} from './TopologyIndex';
export { fibreLayer, type FibreLayer } from './fibreLayer';
export {
  greatCircleKm,
  bearingDeg,
  destination,
  discPolygon,
  hullPolygon,
  ROUTE_FACTOR,
  EARTH_RADIUS_KM,
  type LatLon,
} from './geo';
export { ductSrlgs, CORRIDOR_DEG, type SiteLink } from './generate/ductSrlgs';
export { createPrng, seedOf, type Prng } from './generate/prng';
export { DEFAULT_CENTRE, DEFAULT_RING_SIZE, type MetroOptions } from './generate/planMetro';
export { generateMetro, routeKm, MIN_SITE_FIBRE_KM, DEVICE_MODELS } from './generate/generateMetro';
export { PATCH_KM } from './generate/equipSite';
export {
  importTopology,
  importTopologyFile,
  IMPORT_FORMATS,
  type ImportFormat,
} from './importers/importTopology';
export { importGnpy } from './importers/importGnpy';
export { importGraphml } from './importers/importGraphml';
export { importSndlib } from './importers/importSndlib';
export { siteIdFrom, type ImportOptions, type ImportResult } from './importers/buildImportedTopology';
