// The shapes the console reads from the HTTP API (its OpenAPI document at /openapi.json), as far as it uses them.
import type { Geometry } from 'geojson';

export type LiveState = 'up' | 'down' | 'unknown';
export type Role = 'operator' | 'viewer';

export interface Site {
  id: string;
  kind: string;
  name?: string;
  lat: number;
  lon: number;
}

export interface Device {
  id: string;
  site: string;
  kind: string;
  model?: string;
  state: LiveState;
}

export interface Fibre {
  id: string;
  a: { device: string; port: string };
  b: { device: string; port: string };
  lengthKm: number;
  state: LiveState;
}

export interface TopologyView {
  name?: string;
  sites: Site[];
  devices: Device[];
  fibres: Fibre[];
}

export interface Transition {
  seq: number;
  intent: string;
  line: string;
  from: string | null;
  to: string;
  reason: string;
  at: number;
}

export interface PathView {
  layer: string;
  devices: string[];
  fibres: string[];
  latencyUs: number;
  breakdown: { fibres: { fibre: string; us: number }[]; nodes: { device: string; us: number }[] };
  resources: { kind: string; link?: string; device?: string; value: string | number }[];
}

export interface IntentRecord {
  id: string;
  kind: string;
  line: string;
  state: string;
  input: unknown;
  checked?: { from?: { site: string }; to?: { site: string } } & Record<string, unknown>;
  explain?: string[];
  path?: { working: PathView; protection?: PathView };
  history: Transition[];
  error?: { kind?: string; code: string; message: string } & Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface Problem {
  code: string;
  status: number;
  detail?: string;
  problems?: { path: string; at: number | string; message: string }[];
}

export interface Indicator {
  id: string;
  number: number;
  kind: 'must' | 'optional';
  value: number | null;
  unit: 'ratio' | 'us' | 'count';
  target: { op: '<' | '>='; value: number; unit: string };
  pass: boolean | null;
  computed: boolean;
  summary: string;
}

export interface IndicatorReport {
  indicators: Indicator[];
  circles: { dc: string; count: number }[];
}

/** A GeoJSON feature of the report's `geojson` format; the console draws the `circle` layer. */
export interface ReportFeature {
  type: 'Feature';
  properties: { layer: string; dc?: string; accessPoint?: string };
  geometry: Geometry;
}

/** An alarm as an assurance route may list it; the console reads these fields when they are there. */
export interface Alarm {
  id: string;
  severity?: string;
  state?: string;
  active?: boolean;
  site?: string;
  device?: string;
  fibre?: string;
  lines?: string[];
  line?: string;
  text?: string;
  message?: string;
  raisedAt?: number;
  clearedAt?: number;
}
