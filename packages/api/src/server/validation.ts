import { type IntentProblem, IntentSchemaError, parseIntent } from '@milli/intent';
import { Ajv } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { intentInputOf } from '../network/intentInput';
import { SHARED_SCHEMAS } from '../schemas';

/**
 * The schema compiler of every route: the same JSON Schemas the OpenAPI document shows validate what comes in.
 * Bodies are strict (no type coercion, unknown fields refused, every error reported); query strings, path parameters
 * and headers are text, so their numbers are coerced. An intent body is read by the intent package's own parser,
 * which checks it against the published intent schema and locates every problem as `milli intent check` does.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const options = { allErrors: true, removeAdditional: false, useDefaults: true, discriminator: true, strict: false } as const;
  const bodies = new Ajv({ ...options, coerceTypes: false });
  const text = new Ajv({ ...options, coerceTypes: 'array' });
  for (const schema of SHARED_SCHEMAS) {
    bodies.addSchema(schema);
    text.addSchema(schema);
  }
  return ({ schema, httpPart }) => {
    if ((schema as { $ref?: string }).$ref === 'IntentInput#') return validateIntentBody;
    return (httpPart === 'body' ? bodies : text).compile(schema as object);
  };
}

function validateIntentBody(body: unknown): { value: unknown } | { error: Error } {
  try {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      const got = body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
      throw new IntentSchemaError([
        { path: '', at: '/', message: `the body must be {"text": "..."} or an intent object with a 'kind', got ${got}` },
      ]);
    }
    if ('text' in body) {
      const problems = textFormProblems(body as Record<string, unknown>);
      if (problems.length > 0) throw new IntentSchemaError(problems);
    }
    parseIntent(intentInputOf(body as Record<string, unknown>) as object);
    return { value: body };
  } catch (error) {
    return { error: error as Error };
  }
}

function textFormProblems(body: Record<string, unknown>): IntentProblem[] {
  const problems: IntentProblem[] = [];
  if (typeof body.text !== 'string')
    problems.push({ path: '/text', at: '/text', message: "field 'text' at /text must be a string of intent text" });
  for (const field of Object.keys(body).filter((f) => f !== 'text')) {
    problems.push({ path: `/${field}`, at: `/${field}`, message: `unknown field '${field}' at /: the text form is {"text": "..."} alone` });
  }
  return problems;
}
