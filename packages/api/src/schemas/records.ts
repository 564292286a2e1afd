import { INTENT_STATES } from '@milli/controller';

/**
 * JSON Schemas of what the API answers, one per record of the controller facade (facade/types.ts). Fastify registers
 * them by `$id`; routes refer to them as `Name#`, and the OpenAPI document lists them under components.schemas.
 */

const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' } as const;
const state = { type: 'string', enum: [...INTENT_STATES] } as const;
const openObject = { type: 'object', additionalProperties: true } as const;

export const IntentStateSchema = {
  $id: 'IntentState',
  description: 'a lifecycle state, named as the lifecycle names it',
  ...state,
} as const;

export const TransitionSchema = {
  $id: 'Transition',
  type: 'object',
  required: ['seq', 'intent', 'line', 'from', 'to', 'reason', 'at'],
  properties: {
    seq: { type: 'integer', minimum: 0, description: 'monotonic per store; the SSE event id' },
    intent: { type: 'string' },
    line: { type: ['string', 'null'] },
    from: { anyOf: [state, { type: 'null' }] },
    to: state,
    reason: { type: 'string' },
    at: { type: 'number', description: 'epoch ms' },
  },
} as const;

export const PathViewSchema = {
  $id: 'PathView',
  type: 'object',
  required: ['layer', 'devices', 'fibres', 'latencyUs', 'breakdown', 'resources'],
  properties: {
    layer: { type: 'string', enum: ['osu', 'odu', 'wavelength'] },
    devices: { type: 'array', items: { type: 'string' } },
    fibres: { type: 'array', items: { type: 'string' } },
    latencyUs: { type: 'number', description: 'one-way latency in µs' },
    breakdown: {
      type: 'object',
      required: ['fibres', 'nodes'],
      properties: {
        fibres: {
          type: 'array',
          items: { type: 'object', required: ['fibre', 'us'], properties: { fibre: { type: 'string' }, us: { type: 'number' } } },
        },
        nodes: {
          type: 'array',
          items: { type: 'object', required: ['device', 'us'], properties: { device: { type: 'string' }, us: { type: 'number' } } },
        },
      },
    },
    resources: {
      type: 'array',
      description: 'the concrete numbers held: channels, tributary slots, OSU ids, add/drop ports',
      items: {
        type: 'object',
        required: ['kind', 'value'],
        properties: {
          kind: { type: 'string' },
          device: { type: 'string' },
          link: { type: 'string' },
          value: { type: ['string', 'number'] },
        },
      },
    },
  },
} as const;

const problemItem = {
  type: 'object',
  required: ['message'],
  properties: { message: { type: 'string' }, at: { type: 'string' }, suggestion: { type: 'string' } },
} as const;

export const FailureReasonSchema = {
  $id: 'FailureReason',
  type: 'object',
  description: 'why an intent failed: a typed reason with its stable code and the evidence to act on',
  required: ['kind', 'code', 'message'],
  properties: {
    kind: { type: 'string', enum: ['invalid', 'no-path', 'resource-conflict', 'transaction', 'window-missed', 'internal'] },
    code: { type: 'string' },
    message: { type: 'string' },
    problems: { type: 'array', items: problemItem },
    evidence: openObject,
    phase: { type: 'string' },
    devices: { type: 'array', items: { type: 'string' } },
  },
} as const;

const pathPair = {
  type: 'object',
  required: ['working'],
  properties: { working: { $ref: 'PathView#' }, protection: { $ref: 'PathView#' } },
} as const;

export const IntentRecordSchema = {
  $id: 'IntentRecord',
  type: 'object',
  required: ['id', 'kind', 'line', 'state', 'input', 'explain', 'history', 'createdAt', 'updatedAt'],
  properties: {
    id,
    kind: { type: 'string' },
    line: { type: ['string', 'null'] },
    state: { $ref: 'IntentState#' },
    input: { description: 'the intent as written: text, or the JSON document', anyOf: [{ type: 'string' }, openObject] },
    checked: { ...openObject, description: 'the checked, normalised intent' },
    explain: { type: 'array', items: { type: 'string' }, description: "the compilation's explanation" },
    path: pathPair,
    history: { type: 'array', items: { $ref: 'Transition#' } },
    error: { $ref: 'FailureReason#' },
    occurrences: {
      type: 'array',
      description: 'a connection on a calendar: its occurrences in the horizon reserved at admission, past and coming',
      items: {
        type: 'object',
        required: ['start', 'end', 'outcome'],
        properties: {
          start: { type: 'number' },
          end: { type: ['number', 'null'] },
          outcome: { type: 'string', enum: ['served', 'missed', 'running', 'coming', 'cancelled', 'unreserved'] },
          message: { type: 'string', description: 'why an unreserved occurrence could not be reserved' },
        },
      },
    },
    createdAt: { type: 'number' },
    updatedAt: { type: 'number' },
  },
} as const;

export const IntentPageSchema = {
  $id: 'IntentPage',
  type: 'object',
  required: ['items'],
  properties: {
    items: { type: 'array', items: { $ref: 'IntentRecord#' } },
    next: { type: 'string', description: 'cursor of the next page: pass it as `after`' },
  },
} as const;

export const LineRecordSchema = {
  $id: 'LineRecord',
  type: 'object',
  required: ['id', 'state', 'bandwidthKbps', 'from', 'to', 'intents'],
  properties: {
    id,
    state: { $ref: 'IntentState#' },
    bandwidthKbps: { type: 'number' },
    from: { type: 'string' },
    to: { type: 'string' },
    intents: { type: 'array', items: { type: 'string' }, description: 'the intents that shaped the line, oldest first' },
    path: pathPair,
  },
} as const;

export const SubmitResultSchema = {
  $id: 'SubmitResult',
  type: 'object',
  required: ['id', 'line', 'state'],
  properties: { id, line: { type: ['string', 'null'] }, state: { $ref: 'IntentState#' } },
} as const;
