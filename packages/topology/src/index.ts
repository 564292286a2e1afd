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
