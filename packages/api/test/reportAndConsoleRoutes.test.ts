import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/startTestApi';

let api: TestApi;
const consoleDir = mkdtempSync(join(tmpdir(), 'milli-console-dist-'));
beforeAll(async () => {
  mkdirSync(join(consoleDir, 'assets'));
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title><script src="/ui/assets/app.js"></script>');
  writeFileSync(join(consoleDir, 'assets', 'app.js'), 'console.log(1);');
  api = await startTestApi({ consoleDir });
});
afterAll(async () => {
  await api.close();
});

describe('the indicators report', () => {
  it('answers each format with its media type, from the topology the server was given', async () => {
    const json = await api.request('/v1/reports/indicators?format=json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const report = (await json.json()) as { network: string; indicators: { id: string }[]; circles: { dc: string }[] };
    expect(report.network).toBe('metro-small');
    expect(report.indicators.map((i) => i.id)).toContain('latency-circle-coverage');
    expect(report.circles.map((c) => c.dc).sort()).toEqual(['dc-north', 'dc-south']);

    const geojson = await api.request('/v1/reports/indicators?format=geojson&lang=zh');
    expect(geojson.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const features = ((await geojson.json()) as { features: { properties: { layer: string } }[] }).features;
    expect(features.filter((f) => f.properties.layer === 'site')).toHaveLength(api.topology.sites.length);
    expect(features.some((f) => f.properties.layer === 'circle')).toBe(true);

    const md = await api.request('/v1/reports/indicators?format=md&lang=zh');
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
  });

  it('refuses an unknown format or language with a problem naming it, and a caller without a token', async () => {
    const bad = await api.request('/v1/reports/indicators?format=pdf');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { detail: string }).detail).toContain('pdf');
    expect((await api.request('/v1/reports/indicators?lang=fr')).status).toBe(422);
    expect((await api.request('/v1/reports/indicators', { token: null })).status).toBe(401);
  });
});

describe('the web console under /ui', () => {
  it('serves the built files without a token, redirects /ui to /ui/, and 404s what is not there', async () => {
    const page = await fetch(`${api.url}/ui/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<title>console</title>');
    const asset = await fetch(`${api.url}/ui/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1);');
    const bare = await fetch(`${api.url}/ui`, { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/ui/');
    expect((await fetch(`${api.url}/ui/nothing.js`)).status).toBe(404);
    // Outside /ui a token is still needed.
    expect((await fetch(`${api.url}/v1/topology`)).status).toBe(401);
  });

  it('answers every /ui address with a 404 that says to build the console when it was not built', async () => {
    const missing = join(consoleDir, 'missing');
    const bare = await startTestApi({ consoleDir: missing });
    try {
      for (const path of ['/ui', '/ui/', '/ui/assets/app.js']) {
        const answer = await fetch(`${bare.url}${path}`);
        expect(answer.status, path).toBe(404);
        const problem = (await answer.json()) as { code: string; detail: string };
        expect(problem.code).toBe('API_NOT_FOUND');
        expect(problem.detail).toContain(`${missing} does not exist`);
        expect(problem.detail).toContain('scripts/setup.sh');
      }
      // The rest of the API still asks for a token.
      expect((await fetch(`${bare.url}/v1/topology`)).status).toBe(401);
    } finally {
      await bare.close();
    }
  });
});
