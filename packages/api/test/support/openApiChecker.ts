import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
}

/**
 * Checks the OpenAPI document against the OpenAPI 3.1 schema, then checks answers against it: the operation is
 * found by the request's method and path, the response by its status (or its `4XX`/`5XX` class), the schema by the
 * answer's media type. Every answer the route tests see goes through `check`.
 */
export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: false, validateFormats: false });
  checked = 0;

  private constructor(readonly doc: OpenApiDocument) {
    this.ajv.addSchema({ ...doc, $id: 'openapi.json' } as object);
  }

  static async load(url: string): Promise<{ checker: OpenApiChecker; valid: boolean; errors: unknown }> {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as OpenApiDocument;
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator['validate']>[0]);
    return { checker: new OpenApiChecker(doc), valid: result.valid, errors: result.errors };
  }

  /** Throws with the schema errors when the answer does not match its documented schema. */
  async check(method: string, path: string, response: Response): Promise<unknown> {
    const template = Object.keys(this.doc.paths).find((p) =>
      new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path.split('?')[0] ?? ''),
    );
    const operation = template ? this.doc.paths[template]?.[method.toLowerCase()] : undefined;
    if (!template || !operation) return this.checkUnrouted(method, path, response);
    const status = String(response.status);
    const statusKey = [status, `${status[0]}XX`, 'default'].find((k) => operation.responses[k]);
    if (!statusKey) throw new Error(`${method} ${template} answered ${status}, which is not documented`);
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const content = operation.responses[statusKey]?.content;
    if (!content) return undefined;
    if (!content[mediaType])
      throw new Error(`${method} ${template} ${status} answered ${mediaType}, documented: ${Object.keys(content).join(', ')}`);
    this.checked++;
    // A stream never ends by itself; its media type is what can be checked.
    if (mediaType === 'text/event-stream') return undefined;
    const text = await response.clone().text();
    const body = mediaType.endsWith('json') ? JSON.parse(text) : text;
    const pointer = ['paths', template, method.toLowerCase(), 'responses', statusKey, 'content', mediaType, 'schema']
      .map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))
      .join('/');
    const validate = this.ajv.getSchema(`openapi.json#/${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    if (!validate(body))
      throw new Error(`${method} ${path} ${status} does not match its schema: ${JSON.stringify(validate.errors)}\n${text.slice(0, 500)}`);
    return body;
  }

  /** A request for no documented operation must be a 404 problem. */
  private async checkUnrouted(method: string, path: string, response: Response): Promise<unknown> {
    if (response.status !== 404) throw new Error(`${method} ${path} is not in the OpenAPI document but answered ${response.status}`);
    const body = JSON.parse(await response.clone().text());
    const validate = this.ajv.getSchema('openapi.json#/components/schemas/Problem');
    if (!validate?.(body)) throw new Error(`${method} ${path} 404 is not a problem document: ${JSON.stringify(body)}`);
    this.checked++;
    return body;
  }
}
