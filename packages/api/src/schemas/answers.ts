/** JSON Schemas of the API's own answers that are not controller records: checks, what-if paths, topology, health. */

const openObject = { type: 'object', additionalProperties: true } as const;

export const CheckResultSchema = {
  $id: 'CheckResult',
  type: 'object',
  description: 'the same answer as `milli intent check --json`: the parsed document, the checked intent and its compilation',
  required: ['parsed', 'intent', 'compilation'],
  properties: { parsed: openObject, intent: openObject, compilation: openObject },
} as const;

const computedPath = {
  type: 'object',
  required: ['layer', 'devices', 'fibres', 'srlgs', 'latencyUs', 'latency', 'reservation'],
  properties: {
    layer: { type: 'string', enum: ['osu', 'odu', 'wavelength'] },
    devices: { type: 'array', items: { type: 'string' } },
    fibres: { type: 'array', items: { type: 'string' } },
    srlgs: { type: 'array', items: { type: 'string' } },
    latencyUs: { type: 'number' },
    latency: { ...openObject, description: 'fibre µs per span and node µs per hop' },
    hops: { type: 'array', items: openObject },
    reservation: { type: 'array', items: openObject, description: 'what holding this path would reserve' },
  },
} as const;

export const PathAnswerSchema = {
  $id: 'PathAnswer',
  type: 'object',
  required: ['feasible'],
  properties: {
    feasible: { type: 'boolean' },
    working: computedPath,
    protection: computedPath,
    alternatives: { type: 'array', items: computedPath },
    pairGuarantee: { type: 'string' },
    failure: {
      type: 'object',
      required: ['code', 'message', 'evidence'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, evidence: openObject },
    },
  },
} as const;

export const TopologyViewSchema = {
  $id: 'TopologyView',
  type: 'object',
  required: ['sites', 'devices', 'fibres'],
  properties: {
    name: { type: 'string' },
    sites: { type: 'array', items: openObject },
    devices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'site', 'kind'],
        properties: {
          id: { type: 'string' },
          site: { type: 'string' },
          kind: { type: 'string' },
          model: { type: 'string' },
          ports: { type: 'array', items: openObject },
          state: { type: 'string', enum: ['up', 'down', 'unknown'], description: 'live state where known' },
        },
      },
    },
    fibres: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'a', 'b', 'lengthKm', 'srlgs'],
        properties: {
          id: { type: 'string' },
          a: openObject,
          b: openObject,
          lengthKm: { type: 'number' },
          srlgs: { type: 'array', items: { type: 'string' } },
          latencyUs: { type: 'number' },
          state: { type: 'string', enum: ['up', 'down', 'unknown'], description: 'live state where known' },
        },
      },
    },
  },
} as const;

export const HealthSchema = {
  $id: 'Health',
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok', 'ready', 'recovering'] } },
} as const;
