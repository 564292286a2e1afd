import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Topology } from '../model';
import type { TopologyProblem } from '../TopologyError';
import { checkReferences } from './checkReferences';
import { TOPOLOGY_SCHEMA } from './topologySchema';

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(TOPOLOGY_SCHEMA);
  return compiled;
}

/** `/fibres/12/b/port` → `fibres[12].b.port` (JSON Pointer unescaped). */
export function pointerToPath(pointer: string, extra?: string): string {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/');
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const raw of parts) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out === '' ? '(document)' : out;
}

function fromAjv(error: ErrorObject): TopologyProblem | undefined {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: pointerToPath(error.instancePath, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: pointerToPath(error.instancePath, String(params.additionalProperty)), message: 'is not a known field' };
    case 'enum':
      return {
        path: pointerToPath(error.instancePath),
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'if':
      return undefined;
    default:
      return { path: pointerToPath(error.instancePath), message: error.message ?? error.keyword };
  }
}

/**
 * Every problem with a parsed document: schema shape first, then references and invariants.
 * An empty list means the document is a valid `Topology`.
 */
export function validateTopology(doc: unknown): TopologyProblem[] {
  const validate = schemaValidator();
  const problems: TopologyProblem[] = [];
  if (!validate(doc)) {
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      const problem = fromAjv(error);
      if (problem === undefined) continue;
      const key = `${problem.path}\u0000${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
    }
  }
  problems.push(...checkReferences(doc));
  return problems;
}

export function isValidTopology(doc: unknown): doc is Topology {
  return validateTopology(doc).length === 0;
}
