/**
 * RFC 9457 problem details, as every error answer of the API carries them (`application/problem+json`), extended
 * with the project's stable error code and, for intents, every problem with its location.
 */
export const ProblemSchema = {
  $id: 'Problem',
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', description: 'a URI naming the error code: urn:milli:error:CODE' },
    title: { type: 'string', description: "the code's summary" },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'what went wrong here, and how to fix it' },
    instance: { type: 'string', description: 'the request path' },
    code: { type: 'string', description: 'the stable error code (packages/core/src/codes.ts)' },
    retryable: { type: 'boolean' },
    problems: {
      type: 'array',
      description: 'every problem found, each with its location: a text offset or a JSON pointer (as `milli intent check` shows them)',
      items: {
        type: 'object',
        required: ['message'],
        properties: {
          path: { type: 'string' },
          at: { type: ['string', 'integer'] },
          message: { type: 'string' },
        },
      },
    },
    context: { type: 'object', additionalProperties: true, description: "the error's structured facts" },
  },
} as const;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
