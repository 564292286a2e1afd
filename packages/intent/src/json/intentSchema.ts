import { INDUSTRIES, INTENT_KINDS, PROTECTION_KINDS, SCHEDULE_DAYS, SLA_TIER_NAMES } from '../document';

/**
 * The published JSON Schema (draft-07) of the intent document; `schema/intent.schema.json` is this object,
 * written out (a test keeps the two equal). Structure only: units, times and the network are checked after,
 * in the same code that checks the text form, so both forms give the same answers and messages.
 */
const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' } as const;
const quantity = (description: string) => ({ type: 'string', minLength: 1, maxLength: 64, description }) as const;
const time = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: "'now', an ISO 8601 date-time with a zone (2026-12-01T06:00Z), or a time of day HH:MM[zone] (its next occurrence)",
} as const;

const endpoint = {
  type: 'object',
  additionalProperties: false,
  required: ['site'],
  properties: { site: id, role: { enum: ['park', 'access', 'dc'] } },
} as const;

const connection = {
  from: endpoint,
  to: endpoint,
  maxLatency: quantity("one-way latency bound, e.g. '1ms', '850us'"),
  protection: { enum: PROTECTION_KINDS, description: '1+1 protection disjoint in srlg, link or node; default none' },
  tier: { enum: SLA_TIER_NAMES, description: 'SLA tier; default 3A' },
} as const;

const industry = { enum: INDUSTRIES } as const;

const revertive = {
  type: 'boolean',
  description:
    'after a restoration re-routed the line, move it back onto its original path once the failed fibres return (if still feasible); default false',
} as const;

const clock = (description: string) => ({ type: 'string', minLength: 1, maxLength: 16, description }) as const;
const date = (description: string) => ({ type: 'string', minLength: 1, maxLength: 16, description }) as const;
const schedule = {
  type: 'object',
  additionalProperties: false,
  description: 'when the connection is up, if not from now on: a one-shot window or a recurrence',
  properties: {
    start: clock('local time of day HH:MM each window opens'),
    end: clock('local time of day HH:MM each window closes (at or before the start: the next day)'),
    on: date('YYYY-MM-DD: the day of a one-shot window'),
    every: { enum: SCHEDULE_DAYS, description: 'recurs every day, every weekday (Monday to Friday) or on one weekday' },
    until: date('YYYY-MM-DD: the last day a recurrence starts'),
    zone: { type: 'string', minLength: 1, maxLength: 16, description: "'Z' or an offset such as '+08:00'; default the network's zone" },
  },
} as const;

function kind<K extends string>(name: K, required: string[], properties: Record<string, unknown>) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['kind', ...required],
    properties: { kind: { const: name }, ...properties },
  } as const;
}

export const intentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://milli.dev/schema/intent.schema.json',
  title: 'milli intent',
  description: `One intent: ${INTENT_KINDS.join(', ')}. The text form parses to this same document.`,
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', description: INTENT_KINDS.join(' | ') } },
  discriminator: { propertyName: 'kind' },
  oneOf: [
    kind('access-line', ['from', 'to', 'bandwidth'], {
      ...connection,
      bandwidth: quantity("e.g. '100Mbps', '2.5 Gbit/s'"),
      industry,
      schedule,
      revertive,
    }),
    kind('dc-interconnect', ['from', 'to'], {
      ...connection,
      rate: { type: 'string', maxLength: 64, description: "'wavelength' (one 100G wavelength, the default), '100G' or '400G'" },
      schedule,
      revertive,
    }),
    kind('data-express', ['from', 'to', 'volume'], {
      ...connection,
      volume: quantity("e.g. '50TB', '2TiB'"),
      start: time,
      end: { ...time, description: 'the deadline; give end or within' },
      within: quantity("a duration from the start, e.g. '6h'; give end or within"),
      industry,
    }),
    kind('elastic', ['line', 'bandwidth'], {
      line: id,
      bandwidth: quantity("the new bandwidth, e.g. '1Gbps'"),
      start: time,
      end: { ...time, description: 'when the change reverts; absent (and no within) means permanent' },
      within: quantity("how long the change lasts, e.g. '3h'"),
    }),
    kind('release', ['line'], { line: id, at: time }),
  ],
} as const;
