import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryController } from './support/InMemoryController';
import { startTestApi, type TestApi, waitForState } from './support/startTestApi';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('lines', () => {
  it('lists lines and reads one with the intents that shaped it; 404 for an unknown line', async () => {
    const { id, line } = (await (
      await api.request('/v1/intents', { method: 'POST', json: { text: 'connect P-2 to dc-north with 100Mbps' } })
    ).json()) as {
      id: string;
      line: string;
    };
    await waitForState(api, id, ['active']);
    const lines = (await (await api.request('/v1/lines')).json()) as { id: string }[];
    expect(lines.map((l) => l.id)).toContain(line);
    const one = await api.request(`/v1/lines/${line}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: line, state: 'active', from: 'P-2', to: 'dc-north', intents: [id] });
    const missing = await api.request('/v1/lines/L-nothing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('API_NOT_FOUND');
  });
});

describe('POST /v1/paths', () => {
  it('computes a protected what-if path with its latency breakdown and reserves nothing', async () => {
    const response = await api.request('/v1/paths', {
      method: 'POST',
      json: { from: 'dc-north', to: 'dc-south', bandwidth: '10G', protection: 'srlg', maxLatency: '2ms' },
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      feasible: boolean;
      working: { latencyUs: number; devices: string[]; latency: { totalUs: number } };
      protection: { fibres: string[] };
    };
    expect(answer.feasible).toBe(true);
    expect(answer.working.latencyUs).toBeGreaterThan(0);
    expect(answer.working.latencyUs).toBeLessThanOrEqual(2000);
    expect(answer.working.latencyUs).toBe(answer.working.latency.totalUs);
    expect(answer.protection.fibres.length).toBeGreaterThan(0);
    // Asked twice, answered the same: the first request held nothing.
    const again = (await (
      await api.request('/v1/paths', {
        method: 'POST',
        json: { from: 'dc-north', to: 'dc-south', bandwidth: '10G', protection: 'srlg', maxLatency: '2ms' },
      })
    ).json()) as typeof answer;
    expect(again.working.devices).toEqual(answer.working.devices);
  });

  it('answers an infeasible request with feasible: false and the PCE code and evidence', async () => {
    const response = await api.request('/v1/paths', {
      method: 'POST',
      json: { from: 'dc-north', to: 'dc-south', bandwidth: '10G', maxLatency: '1us' },
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { feasible: boolean; failure: { code: string } };
    expect(answer).toMatchObject({ feasible: false, failure: { code: 'PCE_LATENCY_BOUND' } });
  });

  it('refuses a bad unit with 400 INVALID_UNIT and an unknown site with 422 PCE_BAD_REQUEST', async () => {
    const unit = await api.request('/v1/paths', { method: 'POST', json: { from: 'dc-north', to: 'dc-south', bandwidth: 'fast' } });
    expect(unit.status).toBe(400);
    expect(((await unit.json()) as { code: string }).code).toBe('INVALID_UNIT');
    const site = await api.request('/v1/paths', { method: 'POST', json: { from: 'dc-nowhere', to: 'dc-south', bandwidth: '1G' } });
    expect(site.status).toBe(422);
    expect(((await site.json()) as { code: string }).code).toBe('PCE_BAD_REQUEST');
  });
});

describe('GET /v1/topology', () => {
  it('lists sites, devices and fibres with live state where known', async () => {
    const view = (await (await api.request('/v1/topology')).json()) as {
      sites: unknown[];
      devices: { id: string; state: string }[];
      fibres: { id: string; state: string }[];
    };
    expect(view.sites.length).toBe(api.topology.sites.length);
    expect(view.devices.length).toBe(api.topology.devices.length);
    expect(view.fibres.length).toBe(api.topology.fibres.length);
    const roadm = view.devices.find((d) => d.id.endsWith('-roadm'));
    const osu = view.devices.find((d) => d.id.endsWith('-osu'));
    expect(roadm?.state).toBe('up');
    expect(osu?.state).toBe('unknown');
  });
});

describe('health', () => {
  it('is alive and ready without a token', async () => {
    expect((await api.request('/healthz', { token: null })).status).toBe(200);
    const ready = await api.request('/readyz', { token: null });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready while the controller recovers, and refuses writes then with 503', async () => {
    const controller = new InMemoryController();
    const recovering = await startTestApi({ controller });
    try {
      await controller.stop();
      const ready = await recovering.request('/readyz', { token: null });
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { code: string }).code).toBe('API_NOT_READY');
      const write = await recovering.request('/v1/intents', { method: 'POST', json: { text: 'connect P-2 to dc-north with 100Mbps' } });
      expect(write.status).toBe(503);
      expect((await recovering.request('/v1/intents')).status).toBe(200);
    } finally {
      await recovering.close();
    }
  });
});

describe('GET /metrics', () => {
  it('exposes intents by state, transitions, HTTP requests by route and status, and the families others fill', async () => {
    const { id } = (await (
      await api.request('/v1/intents', { method: 'POST', json: { text: 'connect P-4 to dc-north with 100Mbps' } })
    ).json()) as { id: string };
    await waitForState(api, id, ['active']);
    await api.request('/v1/intents/in-missing');
    api.metrics.netconfRpcSeconds.observe({ device_kind: 'roadm', operation: 'edit-config' }, 0.004);
    const response = await api.request('/metrics');
    expect(response.status).toBe(200);
    const text = await response.text();
    const active = Number(/milli_intents\{state="active"\} (\d+)/.exec(text)?.[1]);
    const listed = ((await (await api.request('/v1/intents?state=active&limit=500')).json()) as { items: unknown[] }).items.length;
    expect(active).toBe(listed);
    expect(text).toMatch(/milli_intent_transitions_total\{from="provisioning",to="active"\} [1-9]/);
    expect(text).toMatch(/milli_http_requests_total\{method="GET",route="\/v1\/intents\/:id",status="404"\} 1/);
    expect(text).toMatch(/milli_http_requests_total\{method="POST",route="\/v1\/intents",status="202"\} [1-9]/);
    expect(text).toMatch(/milli_netconf_rpc_seconds_count\{device_kind="roadm",operation="edit-config"\} 1/);
    expect(text).toMatch(/milli_lifecycle_stage_seconds_count\{from="provisioning",to="active"\} [1-9]/);
    expect(text).toContain('# TYPE milli_transaction_phase_seconds histogram');
    expect(text).toContain('# TYPE milli_pce_seconds histogram');
  });
});
