import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/startTestApi';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('the OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', () => {
    expect(api.openApiErrors).toBeUndefined();
    expect(api.openApiValid).toBe(true);
    expect((api.openApi.doc as unknown as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('documents every route, with request schemas and the problem answer', () => {
    const paths = api.openApi.doc.paths;
    expect(Object.keys(paths).sort()).toEqual(
      [
        '/healthz',
        '/metrics',
        '/readyz',
        '/v1/alarms',
        '/v1/events',
        '/v1/intents',
        '/v1/intents/check',
        '/v1/intents/{id}',
        '/v1/lines',
        '/v1/lines/{id}',
        '/v1/paths',
        '/v1/reports/indicators',
        '/v1/topology',
      ].sort(),
    );
    expect(Object.keys(paths['/v1/intents/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    const create = JSON.stringify(paths['/v1/intents']?.post);
    expect(create).toContain('#/components/schemas/IntentInput');
    expect(create).toContain('application/problem+json');
    const components = (api.openApi.doc as unknown as { components: { schemas: Record<string, { oneOf?: unknown[] }> } }).components
      .schemas;
    // The published intent schema is the one documented: its five kinds.
    expect(components.IntentDocument?.oneOf).toHaveLength(5);
  });

  it('is served without a token, like the UI', async () => {
    expect((await api.request('/openapi.json', { token: null })).status).toBe(200);
  });
});

describe('/docs', () => {
  it('serves the browsable UI and its assets from the installed package, naming no other host', async () => {
    const page = await api.request('/docs/', { token: null });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
    const bundle = await api.request('/docs/static/swagger-ui-bundle.js', { token: null });
    expect(bundle.status).toBe(200);
    const require = createRequire(join(import.meta.dirname, '../package.json'));
    const installed = readFileSync(join(require.resolve('@fastify/swagger-ui/package.json'), '..', 'static', 'swagger-ui-bundle.js'));
    expect(Buffer.from(await bundle.arrayBuffer()).equals(installed)).toBe(true);
    const initializer = await (await api.request('/docs/static/swagger-initializer.js', { token: null })).text();
    // Swagger UI sends the document to an outside validator unless its validatorUrl is null.
    expect(initializer).toMatch(/validatorUrl: null/);
  });
});
