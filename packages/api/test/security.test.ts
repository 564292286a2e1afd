import { describe, expect, it } from 'vitest';
import { InMemoryController } from './support/InMemoryController';
import { isLoopback, parseTokens, startApiServer, TokenTable } from '../src';
import { OPERATOR_TOKEN, startTestApi, VIEWER_TOKEN } from './support/startTestApi';

const TEXT = 'connect P-2 to dc-north with 100Mbps';

describe('bearer tokens and roles', () => {
  it('answers 401 with WWW-Authenticate without a token or with a wrong one, on reads and writes', async () => {
    const api = await startTestApi();
    try {
      for (const token of [null, 'not-a-token-at-all-123456', `${OPERATOR_TOKEN}x`]) {
        for (const [method, path] of [
          ['GET', '/v1/intents'],
          ['POST', '/v1/intents'],
          ['GET', '/metrics'],
          ['GET', '/v1/events'],
        ] as const) {
          const response = await api.request(path, { method, token, ...(method === 'POST' ? { json: { text: TEXT } } : {}) });
          expect(response.status, `${method} ${path} with ${token}`).toBe(401);
          expect(response.headers.get('www-authenticate')).toBe('Bearer realm="milli"');
          expect(((await response.json()) as { code: string }).code).toBe('API_UNAUTHENTICATED');
        }
      }
      const basic = await api.request('/v1/intents', { token: null, headers: { authorization: `Basic ${OPERATOR_TOKEN}` } });
      expect(basic.status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('lets a viewer read but answers 403 to a viewer writing; an operator writes', async () => {
    const api = await startTestApi();
    try {
      expect((await api.request('/v1/intents', { token: VIEWER_TOKEN })).status).toBe(200);
      expect((await api.request('/v1/lines', { token: VIEWER_TOKEN })).status).toBe(200);
      expect((await api.request('/v1/intents/check', { method: 'POST', token: VIEWER_TOKEN, json: { text: TEXT } })).status).toBe(200);
      for (const [method, path] of [
        ['POST', '/v1/intents'],
        ['PATCH', '/v1/intents/in-0001'],
        ['DELETE', '/v1/intents/in-0001'],
      ] as const) {
        const response = await api.request(path, {
          method,
          token: VIEWER_TOKEN,
          json: method === 'POST' ? { text: TEXT } : { bandwidth: '1G' },
        });
        expect(response.status, `${method} ${path}`).toBe(403);
        expect(((await response.json()) as { code: string }).code).toBe('API_FORBIDDEN');
      }
      expect((await api.request('/v1/intents', { method: 'POST', json: { text: TEXT } })).status).toBe(202);
    } finally {
      await api.close();
    }
  });

  it('never writes a token to its log, neither a good one nor a bad one', async () => {
    const api = await startTestApi();
    try {
      await api.request('/v1/intents');
      await api.request('/v1/intents', { token: 'wrong-token-abcdefghijklmnop' });
      await api.request('/v1/intents', { method: 'POST', token: VIEWER_TOKEN, json: { text: TEXT } });
      await api.request('/v1/nowhere');
      const log = api.logs.join('');
      expect(log).toContain('/v1/intents');
      for (const secret of [OPERATOR_TOKEN, VIEWER_TOKEN, 'wrong-token-abcdefghijklmnop']) expect(log).not.toContain(secret);
    } finally {
      await api.close();
    }
  });

  it('compares every entry and finds the role of an exact token only', () => {
    const table = new TokenTable([
      { token: OPERATOR_TOKEN, role: 'operator' },
      { token: VIEWER_TOKEN, role: 'viewer' },
    ]);
    expect(table.roleOf(OPERATOR_TOKEN)).toBe('operator');
    expect(table.roleOf(VIEWER_TOKEN)).toBe('viewer');
    expect(table.roleOf(OPERATOR_TOKEN.slice(0, -1))).toBeUndefined();
    expect(table.roleOf('')).toBeUndefined();
  });

  it('reads token:role lists and refuses bad entries by position, without echoing the secret', () => {
    expect(parseTokens(`${OPERATOR_TOKEN}:operator, ${VIEWER_TOKEN}:viewer\n# a comment\n`, 'MILLI_TOKENS')).toEqual([
      { token: OPERATOR_TOKEN, role: 'operator' },
      { token: VIEWER_TOKEN, role: 'viewer' },
    ]);
    expect(() => parseTokens('short:operator', 'MILLI_TOKENS')).toThrow(/entry 1: a token must be at least 16 characters/);
    expect(() => parseTokens(`${OPERATOR_TOKEN}:admin`, 'MILLI_TOKENS')).toThrow(/entry 1 must be token:viewer or token:operator/);
    try {
      parseTokens(`${OPERATOR_TOKEN}:admin`, 'MILLI_TOKENS');
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(OPERATOR_TOKEN);
    }
  });
});

describe('where it listens', () => {
  it('refuses to start without any token unless --no-auth, and --no-auth off loopback', async () => {
    const api = await startTestApi();
    const network = {
      topology: api.topology,
      resources: () => {
        throw new Error('unused');
      },
    };
    await api.close();
    await expect(startApiServer({ controller: new InMemoryController(), network, port: 0 })).rejects.toThrow(/at least one token/);
    await expect(startApiServer({ controller: new InMemoryController(), network, noAuth: true, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /only on loopback/,
    );
    const open = await startApiServer({ controller: new InMemoryController(), network, noAuth: true, port: 0 });
    try {
      expect(open.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${open.url}/v1/intents`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '::', '127.0.0.1.example'].some(isLoopback)).toBe(false);
  });
});
