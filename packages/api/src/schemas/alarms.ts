/** An alarm as the controller keeps it (AlarmRecord of @milli/controller). */
export const AlarmRecordSchema = {
  $id: 'AlarmRecord',
  type: 'object',
  required: ['key', 'device', 'id', 'resource', 'type', 'severity', 'text', 'root', 'lines', 'raisedAt'],
  properties: {
    key: { type: 'string', description: '`<device>/<alarm id>@<raised at ms>`' },
    device: { type: 'string' },
    id: { type: 'string', description: "the device's alarm id" },
    resource: { type: 'string' },
    type: { type: 'string', examples: ['loss-of-signal', 'loss-of-frame', 'service-down'] },
    severity: { type: 'string' },
    text: { type: 'string' },
    probableCause: { type: 'string', description: "the device's word on where the fault is, when elsewhere" },
    root: {
      type: 'object',
      required: ['kind', 'id'],
      properties: { kind: { type: 'string', enum: ['fibre', 'device', 'port'] }, id: { type: 'string' } },
    },
    lines: { type: 'array', items: { type: 'string' }, description: 'the lines whose path crosses the root cause' },
    raisedAt: { type: 'integer', description: 'ms since the epoch' },
    clearedAt: { type: 'integer', description: 'ms since the epoch; absent while active' },
  },
} as const;
