import { INTENT_STATES } from '@milli/controller';
import { intentSchema } from '@milli/intent';

/** JSON Schemas of what the API takes: bodies, queries and path parameters. */

const { $schema: _draft, $id: _id, ...intentDocument } = intentSchema as Record<string, unknown>;

/** The published intent schema (packages/intent/schema), the one the intent package validates JSON intents against. */
export const IntentDocumentSchema = { $id: 'IntentDocument', ...intentDocument } as const;

export const IntentTextSchema = {
  $id: 'IntentText',
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: {
      type: 'string',
      minLength: 1,
      maxLength: 2000,
      examples: ['connect park P-7 to DC dc-north under 1ms with 100Mbps protected'],
    },
  },
} as const;

/** Either form of an intent. The route's validator runs the intent package's parser, so problems come located. */
export const IntentInputSchema = {
  $id: 'IntentInput',
  description: 'an intent in text (`{"text": "..."}`) or the structured JSON form of the published intent schema',
  oneOf: [{ $ref: 'IntentText#' }, { $ref: 'IntentDocument#' }],
} as const;

export const IdParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' } },
} as const;

export const IntentListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: [...INTENT_STATES] },
    kind: { type: 'string', maxLength: 64 },
    line: { type: 'string', maxLength: 128 },
    site: { type: 'string', maxLength: 128 },
    after: { type: 'string', maxLength: 256, description: 'the `next` cursor of the previous page' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

const elementSet = {
  type: 'object',
  additionalProperties: false,
  properties: {
    nodes: { type: 'array', maxItems: 256, items: { type: 'string', maxLength: 128 } },
    links: { type: 'array', maxItems: 256, items: { type: 'string', maxLength: 128 } },
    srlgs: { type: 'array', maxItems: 256, items: { type: 'string', maxLength: 128 } },
  },
} as const;

export const PathQuerySchema = {
  $id: 'PathQuery',
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'bandwidth'],
  description: 'a what-if path request, computed against the current reservations; nothing is reserved',
  properties: {
    from: { type: 'string', minLength: 1, maxLength: 260, description: 'site, device or device/port' },
    to: { type: 'string', minLength: 1, maxLength: 260 },
    bandwidth: { type: 'string', minLength: 1, maxLength: 64, examples: ['100Mbps', '10G'] },
    maxLatency: { type: 'string', minLength: 1, maxLength: 64, examples: ['1ms', '850us'] },
    layer: { type: 'string', enum: ['auto', 'osu', 'odu', 'wavelength'], default: 'auto' },
    protection: { type: 'string', enum: ['none', 'link', 'node', 'srlg'], default: 'none' },
    objective: { type: 'string', enum: ['latency', 'hops', 'resources'], default: 'latency' },
    alternatives: { type: 'integer', minimum: 0, maximum: 8, default: 0 },
    include: elementSet,
    exclude: elementSet,
  },
} as const;

export const ElasticChangeSchema = {
  $id: 'ElasticChange',
  type: 'object',
  additionalProperties: false,
  required: ['bandwidth'],
  description: "an elastic change of the intent's line: the new bandwidth, for good or for a window",
  properties: {
    bandwidth: { type: 'string', minLength: 1, maxLength: 64, examples: ['1Gbps'] },
    start: { type: 'string', minLength: 1, maxLength: 64, description: "'now', a date-time with a zone, or HH:MM" },
    end: { type: 'string', minLength: 1, maxLength: 64 },
    within: { type: 'string', minLength: 1, maxLength: 64, description: "a duration, e.g. '2h'" },
  },
} as const;
