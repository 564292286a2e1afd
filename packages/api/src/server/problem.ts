import { type ErrorCode, ErrorCodes, httpStatusOf, isMilliError, isRetryableCode } from '@milli/core';

/** One RFC 9457 problem, with the project's error code. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  retryable: boolean;
  problems?: { path?: string; at?: string | number; message: string }[];
  context?: Record<string, unknown>;
}

export function problem(code: ErrorCode, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `urn:milli:error:${code}`,
    title: ErrorCodes[code].summary,
    status: httpStatusOf(code),
    detail,
    code,
    retryable: isRetryableCode(code),
    ...extra,
  };
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
  validationContext?: string;
}

/**
 * Whatever a request ran into → the problem its caller sees. A MilliError keeps its code (status from the one
 * error policy); fastify's own 4xx errors (bad JSON, wrong content type, a body over the limit, a schema mismatch)
 * become API codes; anything else is a bug: INTERNAL, with no detail that could leak internals.
 */
export function problemOf(error: unknown, instance: string): Problem {
  if (isMilliError(error)) {
    const { problems, ...context } = error.context;
    const located = locatedProblems(error.code, error.message, error.context.at, problems);
    return problem(error.code, error.message, {
      instance,
      ...(located ? { problems: located } : {}),
      ...(Object.keys(context).length > 0 ? { context: jsonSafe(context) } : {}),
    });
  }
  const e = (error ?? {}) as FastifyLikeError;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem('API_TOO_LARGE', e.message ?? 'request body is too large', { instance });
  if (Array.isArray(e.validation)) {
    const part = e.validationContext ?? 'request';
    const problems = e.validation.map((v) => {
      const at = `${part}${v.instancePath ?? ''}`;
      const field = v.params?.additionalProperty ?? v.params?.missingProperty;
      return {
        path: v.instancePath ?? '',
        at,
        message: `${at} ${v.message ?? 'is invalid'}${field !== undefined ? ` ('${String(field)}')` : ''}`,
      };
    });
    return problem('API_BAD_REQUEST', `the ${part} does not match the API schema: ${problems.map((p) => p.message).join('; ')}`, {
      instance,
      problems,
    });
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413) return problem('API_TOO_LARGE', e.message ?? 'request is too large', { instance });
    if (e.statusCode === 404) return problem('API_NOT_FOUND', e.message ?? 'not found', { instance });
    return problem('API_BAD_REQUEST', e.message ?? 'bad request', { instance });
  }
  return problem('INTERNAL', 'an internal error occurred; it has been logged', { instance });
}

function locatedProblems(code: ErrorCode, message: string, at: unknown, problems: unknown): Problem['problems'] {
  if (Array.isArray(problems)) {
    return problems
      .filter((p): p is { message: string } => typeof (p as { message?: unknown })?.message === 'string')
      .map((p) => {
        const { path, at, message } = p as { path?: unknown; at?: unknown; message: string };
        return {
          message,
          ...(typeof path === 'string' ? { path } : {}),
          ...(typeof at === 'string' || typeof at === 'number' ? { at } : {}),
        };
      });
  }
  // A syntax error stops at its first problem: one, at a text offset.
  if (code === 'INTENT_SYNTAX' && typeof at === 'number') return [{ path: '', at, message }];
  return undefined;
}

/** The context as plain JSON: cycles, functions and bigints would break the answer, so they are dropped or stringified. */
function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
  const seen = new WeakSet<object>();
  try {
    return JSON.parse(
      JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === 'bigint') return v.toString();
        if (typeof v === 'object' && v !== null) {
          if (seen.has(v)) return undefined;
          seen.add(v);
        }
        return v;
      }),
    ) as Record<string, unknown>;
  } catch {
    return {};
  }
}
