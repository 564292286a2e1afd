/**
 * The JSON Schema (draft-07) of a topology file, YAML or JSON. This constant is the source; the published copy
 * is packages/topology/schema/topology.schema.json (a test keeps the two identical; `milli topo schema` prints it).
 * The schema checks shapes; cross-references and invariants (unique ids, ports used once, joinable port kinds)
 * are checked in code, where the message can name both ends.
 */

const ID = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$', maxLength: 128 } as const;
const LAT = { type: 'number', minimum: -90, maximum: 90 } as const;
const LON = { type: 'number', minimum: -180, maximum: 180 } as const;

export const TOPOLOGY_SCHEMA_ID = 'https://milli.invalid/schema/topology.schema.json';

export const TOPOLOGY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: TOPOLOGY_SCHEMA_ID,
  title: 'milli metro topology',
  description:
    'Sites with coordinates, devices with ports and a management address, fibres between device ports (km, SRLGs), and the metro boundary.',
  type: 'object',
  required: ['sites', 'devices', 'fibres'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    utcOffset: {
      type: 'string',
      pattern: '^(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])$',
      description: "default zone of the network's times of day, e.g. '+08:00'",
    },
    sites: { type: 'array', items: { $ref: '#/definitions/site' } },
    devices: { type: 'array', items: { $ref: '#/definitions/device' } },
    fibres: { type: 'array', items: { $ref: '#/definitions/fibre' } },
    boundary: { $ref: '#/definitions/polygon' },
  },
  definitions: {
    id: ID,
    site: {
      type: 'object',
      required: ['id', 'kind', 'name', 'lat', 'lon'],
      additionalProperties: false,
      properties: {
        id: { $ref: '#/definitions/id' },
        kind: { enum: ['dc', 'important', 'access', 'park'] },
        name: { type: 'string', minLength: 1 },
        nameZh: { type: 'string', minLength: 1, maxLength: 64, description: 'the Chinese name, for intents written in Chinese' },
        lat: LAT,
        lon: LON,
        role: { enum: ['core', 'aggregation'], description: 'important sites only (required there)' },
        racks: { type: 'integer', minimum: 0, description: 'data centres only: standard racks' },
        egressGbps: { type: 'number', exclusiveMinimum: 0, description: 'data centres only: fastest egress port, Gbit/s' },
      },
    },
    port: {
      type: 'object',
      required: ['id', 'kind'],
      additionalProperties: false,
      properties: {
        id: { $ref: '#/definitions/id' },
        kind: { enum: ['degree', 'add-drop', 'line', 'client'] },
        rate: { enum: ['OTU2', 'OTU4', 'OTUC4', '1GE', '10GE', '100GE', '400GE'] },
        group: { type: 'string', minLength: 1, description: 'add-drop ports: their add/drop group (required there)' },
        osu: { type: 'boolean', description: 'the port hosts an OSU card' },
      },
    },
    device: {
      type: 'object',
      required: ['id', 'site', 'kind', 'ports', 'management'],
      additionalProperties: false,
      properties: {
        id: { $ref: '#/definitions/id' },
        site: { $ref: '#/definitions/id' },
        kind: { enum: ['roadm', 'oxc', 'otn', 'osu'] },
        model: { type: 'string', minLength: 1 },
        ports: { type: 'array', items: { $ref: '#/definitions/port' } },
        management: {
          type: 'object',
          required: ['address'],
          additionalProperties: false,
          properties: {
            address: { type: 'string', minLength: 1 },
            port: { type: 'integer', minimum: 1, maximum: 65535 },
          },
        },
      },
    },
    fibreEnd: {
      type: 'object',
      required: ['device', 'port'],
      additionalProperties: false,
      properties: { device: { $ref: '#/definitions/id' }, port: { $ref: '#/definitions/id' } },
    },
    fibre: {
      type: 'object',
      required: ['id', 'a', 'b', 'lengthKm', 'srlgs'],
      additionalProperties: false,
      properties: {
        id: { $ref: '#/definitions/id' },
        a: { $ref: '#/definitions/fibreEnd' },
        b: { $ref: '#/definitions/fibreEnd' },
        lengthKm: { type: 'number', exclusiveMinimum: 0 },
        srlgs: { type: 'array', items: { $ref: '#/definitions/id' }, uniqueItems: true },
        latencyUs: { type: 'number', exclusiveMinimum: 0, description: 'measured one-way latency; overrides the length estimate' },
        amplifiers: { type: 'integer', minimum: 0, description: 'in-line amplifiers on the span; each adds amplifier latency' },
      },
    },
    polygon: {
      type: 'object',
      required: ['type', 'coordinates'],
      additionalProperties: false,
      description: 'GeoJSON Polygon (RFC 7946): closed rings of [longitude, latitude], the first ring outer',
      properties: {
        type: { const: 'Polygon' },
        coordinates: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'array',
            minItems: 4,
            items: { type: 'array', minItems: 2, maxItems: 2, items: [LON, LAT] },
          },
        },
      },
    },
  },
} as const;
