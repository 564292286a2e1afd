import fc from 'fast-check';
import type { IntentFilter, IntentRecord, Page } from '@milli/controller';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from '../src';
import { InMemoryController } from './support/InMemoryController';
import { startTestApi, type TestApi } from './support/startTestApi';

/** Every route, with a path that exists and the methods that write bodies. */
const ROUTES: { method: string; path: string }[] = [
  { method: 'POST', path: '/v1/intents' },
  { method: 'GET', path: '/v1/intents' },
  { method: 'GET', path: '/v1/intents/in-0001' },
  { method: 'PATCH', path: '/v1/intents/in-0001' },
  { method: 'DELETE', path: '/v1/intents/in-0001' },
  { method: 'POST', path: '/v1/intents/check' },
  { method: 'GET', path: '/v1/lines' },
  { method: 'GET', path: '/v1/lines/L-1' },
  { method: 'POST', path: '/v1/paths' },
  { method: 'GET', path: '/v1/topology' },
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/readyz' },
  { method: 'GET', path: '/metrics' },
];

const MALFORMED = [
  '{',
  '{"text":',
  '{"text": "connect"',
  'null',
  '[]',
  '"x"',
  '1e999',
  '{"__proto__": {"admin": true}}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  '\u0000',
  '{"a":1,"a":2}',
];

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await api.request('/v1/intents', { method: 'POST', json: { text: 'connect P-2 to dc-north with 100Mbps' } });
});
afterAll(async () => {
  await api.close();
});

/** Sends one request and checks the rule of this file: never a 5xx, and the answer is what the OpenAPI document says. */
async function never500(method: string, path: string, body?: string, contentType = 'application/json'): Promise<number> {
  const response = await api.request(path, { method, ...(body !== undefined ? { body, headers: { 'content-type': contentType } } : {}) });
  expect(response.status, `${method} ${path} ${body?.slice(0, 80)}`).toBeLessThan(500);
  await response.arrayBuffer();
  return response.status;
}

describe('no request produces a 500 (bounded fuzzing of every route)', () => {
  it('malformed JSON bodies are 4xx problems on every route that takes a body', async () => {
    for (const { method, path } of ROUTES.filter((r) => r.method !== 'GET' && r.method !== 'DELETE')) {
      for (const body of MALFORMED) expect(await never500(method, path, body)).toBeGreaterThanOrEqual(400);
    }
  });

  it('arbitrary JSON values, wrong types and unknown fields get 4xx or a real answer, never 5xx', async () => {
    const bodies = fc.sample(
      fc.oneof(
        fc.jsonValue(),
        fc.record({ text: fc.jsonValue() }),
        fc.record({
          kind: fc.constantFrom('access-line', 'dc-interconnect', 'data-express', 'elastic', 'release', 'x'),
          from: fc.jsonValue(),
          to: fc.jsonValue(),
          bandwidth: fc.jsonValue(),
        }),
        fc.record({ from: fc.string(), to: fc.string(), bandwidth: fc.string(), protection: fc.jsonValue(), alternatives: fc.jsonValue() }),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()),
      ),
      { numRuns: 40, seed: 1306 },
    );
    for (const { method, path } of ROUTES.filter((r) => r.method === 'POST' || r.method === 'PATCH')) {
      for (const body of bodies) await never500(method, path, JSON.stringify(body));
    }
  });

  it('invalid ids and query strings on every path are 4xx, never 5xx', async () => {
    const ids = [
      ...fc.sample(fc.string({ minLength: 1, maxLength: 40 }), { numRuns: 20, seed: 7 }),
      'x'.repeat(300),
      '..',
      '%00',
      '%ZZ',
      'in-0001;DROP TABLE intents',
    ];
    for (const id of ids) {
      const encoded = id.startsWith('%') ? id : encodeURIComponent(id);
      for (const method of ['GET', 'DELETE']) await never500(method, `/v1/intents/${encoded}`);
      await never500('PATCH', `/v1/intents/${encoded}`, '{"bandwidth":"1G"}');
      await never500('GET', `/v1/lines/${encoded}`);
    }
    const queries = fc.sample(
      fc.dictionary(fc.constantFrom('state', 'kind', 'line', 'site', 'after', 'limit', 'x'), fc.string({ maxLength: 300 })),
      {
        numRuns: 30,
        seed: 11,
      },
    );
    for (const query of queries) await never500('GET', `/v1/intents?${new URLSearchParams(query)}`);
    await never500('GET', '/v1/events?after=-1');
  });

  it('wrong content types and methods are 4xx problems', async () => {
    for (const { method, path } of ROUTES.filter((r) => r.method === 'POST' || r.method === 'PATCH')) {
      expect(await never500(method, path, 'connect P-2 to dc-north with 100Mbps', 'text/plain')).toBe(400);
      expect(await never500(method, path, '<intent/>', 'application/xml')).toBe(400);
    }
    expect(await never500('PUT', '/v1/intents')).toBe(404);
  });
});

describe('limits', () => {
  it(`refuses a body over ${DEFAULT_BODY_LIMIT} bytes with 413 API_TOO_LARGE`, async () => {
    const huge = JSON.stringify({ text: 'x'.repeat(DEFAULT_BODY_LIMIT) });
    for (const path of ['/v1/intents', '/v1/paths', '/v1/intents/check']) {
      const response = await api.request(path, { method: 'POST', body: huge, headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { code: string }).code).toBe('API_TOO_LARGE');
    }
  });

  it('answers 429 with Retry-After beyond the bound on requests in flight, and serves again once they finish', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const controller = new (class extends InMemoryController {
      override async list(filter?: IntentFilter): Promise<Page<IntentRecord>> {
        await gate;
        return super.list(filter);
      }
    })();
    const bounded = await startTestApi({ controller, maxInFlight: 2 });
    try {
      const held = [bounded.request('/v1/intents'), bounded.request('/v1/intents')];
      // The two held requests are in flight once the controller has been asked; poll for that through another door.
      let refused: Response | undefined;
      for (let i = 0; i < 100 && !refused; i++) {
        const response = await bounded.request('/healthz', { token: null });
        if (response.status === 429) refused = response;
        else await new Promise((r) => setTimeout(r, 10));
      }
      if (!refused) throw new Error('no request was refused while two were held in flight');
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { code: string }).code).toBe('API_OVERLOADED');
      release();
      expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
      expect((await bounded.request('/v1/intents')).status).toBe(200);
    } finally {
      release();
      await bounded.close();
    }
  });
});
