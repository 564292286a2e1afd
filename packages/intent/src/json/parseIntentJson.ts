import { Ajv, type ErrorObject } from 'ajv';
import { closest } from '../editDistance';
import { INTENT_KINDS, type IntentDocument, type ParsedDocument } from '../document';
import { type IntentProblem, IntentSchemaError } from '../errors';
import { intentSchema } from './intentSchema';

const ajv = new Ajv({ allErrors: true, discriminator: true, strict: true, verbose: true });
const validate = ajv.compile(intentSchema);

/**
 * The JSON form of an intent: checked against the published schema (every mismatch listed, located by JSON
 * pointer), then handed on exactly like a parsed text intent. Accepts a parsed value; the caller does the I/O.
 */
export function parseIntentJson(value: unknown): ParsedDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new IntentSchemaError([{ path: '', at: '/', message: `intent JSON must be an object with a 'kind', got ${got}` }]);
  }
  if (!validate(value)) {
    throw new IntentSchemaError(dedupe((validate.errors ?? []).map(toProblem)));
  }
  return { document: structuredClone(value) as IntentDocument, form: 'json', locations: {} };
}

function toProblem(error: ErrorObject): IntentProblem {
  const path = error.instancePath;
  const at = path === '' ? '/' : path;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = allowedFields(error);
      const guess = closest(field, allowed);
      const fix = guess ? `did you mean '${guess}'?` : `allowed: ${allowed.join(', ')}`;
      return { path: `${path}/${field}`, at: `${path}/${field}`, message: `unknown field '${field}' at ${at}: ${fix}` };
    }
    case 'required':
      return { path, at, message: `missing field '${String(params.missingProperty)}' at ${at}` };
    case 'discriminator': {
      const tag = String(params.tagValue ?? '');
      const guess = closest(tag, INTENT_KINDS);
      const fix = guess ? `did you mean '${guess}'?` : `kinds are ${INTENT_KINDS.join(', ')}`;
      const message = params.error === 'tag' ? `'kind' must be a string at ${at}` : `unknown kind '${tag}' at /kind: ${fix}`;
      return { path: '/kind', at: '/kind', message };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return { path, at, message: `${at} must be one of ${allowed.join(', ')}` };
    }
    default:
      return { path, at, message: `${at} ${error.message ?? 'is not valid'}` };
  }
}

function allowedFields(error: ErrorObject): string[] {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return Object.keys(properties ?? {});
}

function dedupe(problems: IntentProblem[]): IntentProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (seen.has(p.message)) return false;
    seen.add(p.message);
    return true;
  });
}
