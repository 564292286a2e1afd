import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, waitForState } from './support/startTestApi';

const PROTECTED = 'connect park P-7 to DC dc-north under 1ms with 100Mbps protected';
const JSON_FORM = { kind: 'access-line', from: { site: 'P-8' }, to: { site: 'dc-north' }, bandwidth: '500Mbps', protection: 'none' };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('POST /v1/intents', () => {
  it('accepts intent text with 202, the id, line and state, and a Location that reads the intent back', async () => {
    const response = await api.request('/v1/intents', { method: 'POST', json: { text: PROTECTED } });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; line: string; state: string };
    expect(body).toMatchObject({ line: expect.any(String), state: 'accepted' });
    expect(response.headers.get('location')).toBe(`/v1/intents/${body.id}`);
    await waitForState(api, body.id, ['active']);
    const read = await api.request(response.headers.get('location') as string);
    expect(read.status).toBe(200);
    const record = (await read.json()) as { state: string; input: unknown; history: { to: string }[] };
    expect(record.state).toBe('active');
    expect(record.input).toBe(PROTECTED);
    expect(record.history.map((t) => t.to)).toEqual(['accepted', 'compiling', 'reserved', 'provisioning', 'active']);
  });

  it('accepts the structured JSON form', async () => {
    const response = await api.request('/v1/intents', { method: 'POST', json: JSON_FORM });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect(((await (await api.request(`/v1/intents/${id}`)).json()) as { kind: string }).kind).toBe('access-line');
  });

  it('refuses invalid text with 422 and every problem at its offset, as `milli intent check` shows them', async () => {
    const response = await api.request('/v1/intents', {
      method: 'POST',
      json: { text: 'connect park P-7 to DC dc-nrth under 0ms with 100Mbps' },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { code: string; problems: { at: number; path: string; message: string }[] };
    expect(problem.code).toBe('INTENT_INVALID');
    expect(problem.problems).toEqual([
      { path: '/to/site', at: 23, message: "unknown site 'dc-nrth' at 23, did you mean 'dc-north'?" },
      { path: '/maxLatency', at: 37, message: 'latency 0ms at 37: must be above 0' },
    ]);
  });

  it('refuses at once, with 422, a schedule with nothing to book in the horizon: no intent is created', async () => {
    const before = ((await (await api.request('/v1/intents')).json()) as { items: unknown[] }).items.length;
    const text = 'connect dc-north to dc-south at 400G on 2099-01-15 from 09:00 to 18:00';
    const response = await api.request('/v1/intents', { method: 'POST', json: { text } });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { code: string; problems: { path: string; at: number; message: string }[] };
    expect(problem.code).toBe('INTENT_INVALID');
    expect(problem.problems).toEqual([
      expect.objectContaining({
        path: '/schedule',
        at: text.indexOf('2099'),
        message: expect.stringContaining('beyond the 30-day booking horizon'),
      }),
    ]);
    expect(((await (await api.request('/v1/intents')).json()) as { items: unknown[] }).items).toHaveLength(before);
  });

  it('refuses text off the grammar with INTENT_SYNTAX at its offset', async () => {
    const response = await api.request('/v1/intents', { method: 'POST', json: { text: 'conect park P-7 to dc-north' } });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { code: string; problems: { at: number; message: string }[] };
    expect(problem.code).toBe('INTENT_SYNTAX');
    expect(problem.problems[0]?.at).toBe(0);
    expect(problem.problems[0]?.message).toMatch(/did you mean 'connect'/);
  });

  it('refuses a JSON intent off the schema with INTENT_SCHEMA, each problem by JSON pointer', async () => {
    const response = await api.request('/v1/intents', { method: 'POST', json: { ...JSON_FORM, bandwith: '1G' } });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { code: string; problems: { at: string; message: string }[] };
    expect(problem.code).toBe('INTENT_SCHEMA');
    expect(problem.problems).toContainEqual(
      expect.objectContaining({ at: '/bandwith', message: expect.stringMatching(/did you mean 'bandwidth'/) }),
    );
  });

  it('refuses the text form with extra fields or a text that is not a string', async () => {
    const extra = await api.request('/v1/intents', { method: 'POST', json: { text: PROTECTED, when: 'now' } });
    expect(extra.status).toBe(422);
    expect(((await extra.json()) as { problems: { at: string }[] }).problems.map((p) => p.at)).toEqual(['/when']);
    const wrong = await api.request('/v1/intents', { method: 'POST', json: { text: 42 } });
    expect(wrong.status).toBe(422);
  });

  it('returns the same intent for a retried create with the same Idempotency-Key, and a new one for another key', async () => {
    const post = (key: string) =>
      api.request('/v1/intents', { method: 'POST', json: { text: PROTECTED }, headers: { 'idempotency-key': key } });
    const first = (await (await post('order-77')).json()) as { id: string };
    const retry = (await (await post('order-77')).json()) as { id: string };
    const other = (await (await post('order-78')).json()) as { id: string };
    expect(retry.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
  });

  it('refuses an Idempotency-Key with spaces or over 255 characters', async () => {
    const response = await api.request('/v1/intents', {
      method: 'POST',
      json: { text: PROTECTED },
      headers: { 'idempotency-key': 'x'.repeat(256) },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('API_BAD_REQUEST');
  });
});

describe('GET /v1/intents', () => {
  it('filters by state, kind, line and site, and pages with a cursor until every intent is seen once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          (await (
            await api.request('/v1/intents', { method: 'POST', json: { text: `connect P-${i + 1} to dc-south with 200Mbps` } })
          ).json()) as { id: string }
        ).id,
      );
    }
    for (const id of ids) await waitForState(api, id, ['active']);
    const bySite = (await (await api.request('/v1/intents?site=P-3')).json()) as { items: { id: string }[] };
    expect(bySite.items.map((i) => i.id)).toEqual([ids[2]]);
    const record = (await (await api.request(`/v1/intents/${ids[3]}`)).json()) as { line: string };
    const byLine = (await (await api.request(`/v1/intents?line=${record.line}`)).json()) as { items: { id: string }[] };
    expect(byLine.items.map((i) => i.id)).toEqual([ids[3]]);
    const byKind = (await (await api.request('/v1/intents?kind=dc-interconnect')).json()) as { items: unknown[] };
    expect(byKind.items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const response = await api.request(`/v1/intents?state=active&limit=2${cursor ? `&after=${cursor}` : ''}`);
      const body = (await response.json()) as { items: { id: string; state: string }[]; next?: string };
      expect(body.items.length).toBeLessThanOrEqual(2);
      expect(body.items.every((i) => i.state === 'active')).toBe(true);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.next;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
  });

  it('refuses an unknown state, an out-of-range limit and an unknown query field with 400', async () => {
    for (const query of ['state=happy', 'limit=0', 'limit=501', 'limit=two', 'colour=red']) {
      const response = await api.request(`/v1/intents?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe('API_BAD_REQUEST');
    }
  });
});

describe('GET, PATCH and DELETE /v1/intents/{id}', () => {
  it('answers 404 with API_NOT_FOUND for an unknown id and 400 for an id that cannot be one', async () => {
    const missing = await api.request('/v1/intents/in-nothing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('API_NOT_FOUND');
    const malformed = await api.request(`/v1/intents/${encodeURIComponent('../etc/passwd')}`);
    expect([400, 404]).toContain(malformed.status);
    for (const method of ['PATCH', 'DELETE']) {
      const response = await api.request('/v1/intents/in-nothing', {
        method,
        ...(method === 'PATCH' ? { json: { bandwidth: '1Gbps' } } : {}),
      });
      expect(response.status, method).toBe(404);
    }
  });

  it('changes the line elastically (202, through modifying back to active)', async () => {
    const { id } = (await (await api.request('/v1/intents', { method: 'POST', json: { text: PROTECTED } })).json()) as { id: string };
    await waitForState(api, id, ['active']);
    const response = await api.request(`/v1/intents/${id}`, { method: 'PATCH', json: { bandwidth: '200Mbps', within: '2h' } });
    expect(response.status).toBe(202);
    expect(((await response.json()) as { state: string }).state).toBe('modifying');
    await waitForState(api, id, ['active']);
    const record = (await (await api.request(`/v1/intents/${id}`)).json()) as {
      history: { to: string }[];
      input: { kind: string; bandwidth: string };
    };
    expect(record.history.map((t) => t.to).slice(-2)).toEqual(['modifying', 'active']);
    expect(record.input).toMatchObject({ kind: 'elastic', bandwidth: '200Mbps' });
  });

  it('refuses an elastic change with a bad bandwidth with 422 and one with unknown fields with 400', async () => {
    const { id } = (await (await api.request('/v1/intents', { method: 'POST', json: { text: PROTECTED } })).json()) as { id: string };
    const bad = await api.request(`/v1/intents/${id}`, { method: 'PATCH', json: { bandwidth: 'lots' } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe('/bandwidth');
    const unknown = await api.request(`/v1/intents/${id}`, { method: 'PATCH', json: { bandwidth: '1G', colour: 'red' } });
    expect(unknown.status).toBe(400);
  });

  it('releases the line: 202, then through deleting to deleted', async () => {
    const { id } = (await (await api.request('/v1/intents', { method: 'POST', json: { text: PROTECTED } })).json()) as { id: string };
    await waitForState(api, id, ['active']);
    const response = await api.request(`/v1/intents/${id}`, { method: 'DELETE' });
    expect(response.status).toBe(202);
    expect(((await response.json()) as { state: string }).state).toBe('deleting');
    await waitForState(api, id, ['deleted']);
  });
});

describe('POST /v1/intents/check', () => {
  it('answers as `milli intent check --json` does and reserves nothing', async () => {
    const before = (await (await api.request('/v1/intents?limit=500')).json()) as { items: unknown[] };
    const response = await api.request('/v1/intents/check', { method: 'POST', json: { text: PROTECTED } });
    expect(response.status).toBe(200);
    const result = (await response.json()) as {
      intent: { maxLatencyUs: number };
      compilation: { action: string; pathRequests: { layer: string; protection: string }[] };
    };
    expect(result.intent.maxLatencyUs).toBe(1000);
    expect(result.compilation.action).toBe('create');
    expect(result.compilation.pathRequests[0]).toMatchObject({ layer: 'osu', protection: 'srlg' });
    const after = (await (await api.request('/v1/intents?limit=500')).json()) as { items: unknown[] };
    expect(after.items.length).toBe(before.items.length);
  });

  it('answers a bad intent with the same 422 problems as a create', async () => {
    const response = await api.request('/v1/intents/check', { method: 'POST', json: { text: 'release line L-999' } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe('/line');
  });
});
