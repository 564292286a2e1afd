import { exitStatusOf } from '@milli/core';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReportCommand } from '../../src/commands/reportCommand';
import { dcWithTwoAccessPoints } from '../../../indicators/test/support/handBuilt';
import { sampleRecords } from '../../../indicators/test/support/liveRecords';

const TOKEN = 'test-token-5f2c';
const dir = mkdtempSync(join(tmpdir(), 'milli-report-'));
const topologyFile = join(dir, 'metro.json');
writeFileSync(topologyFile, JSON.stringify(dcWithTwoAccessPoints('report-cli')));

/** A stand-in for the controller API contract: GET /v1/lines and paged GET /v1/intents behind a Bearer token. */
const seen: { url: string; auth: string | undefined }[] = [];
let server: Server;
let api = '';
beforeAll(async () => {
  const records = sampleRecords();
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { code: 'UNAUTHORIZED', message: 'bad token' });
    if (req.url === '/v1/lines') return send(200, records.lines);
    if (req.url === '/v1/intents') return send(200, { items: records.intents.slice(0, 4), next: 'page-2' });
    if (req.url === '/v1/intents?after=page-2') return send(200, { items: records.intents.slice(4) });
    return send(404, { code: 'NOT_FOUND' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  delete process.env.MILLI_TEST_TOKEN;
});

async function run(...args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  const program = new Command().exitOverride();
  registerReportCommand(program);
  await program.parseAsync(['node', 'milli', 'report', ...args]);
  const code = typeof process.exitCode === 'number' ? process.exitCode : undefined;
  vi.restoreAllMocks();
  return { out, err, code };
}

describe('milli report indicators', () => {
  it('reads the live lines and every page of intents over the API, with the bearer token, and computes the live indicators', async () => {
    process.env.MILLI_TEST_TOKEN = TOKEN;
    seen.length = 0;
    const { out, code, err } = await run(
      'indicators',
      '--topology',
      topologyFile,
      '--format',
      'json',
      '--api',
      api,
      '--token-env',
      'MILLI_TEST_TOKEN',
    );
    expect(err).toBe('');
    expect(code).toBeUndefined();
    expect(seen.map((s) => s.url)).toEqual(['/v1/lines', '/v1/intents', '/v1/intents?after=page-2']);
    expect(seen.every((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
    const report = JSON.parse(out);
    expect(report.live).toBe(true);
    const value = (id: string) => report.indicators.find((i: { id: string }) => i.id === id);
    expect(value('service-packages')).toMatchObject({ value: 4, pass: true, computed: true });
    expect(value('all-optical-access')).toMatchObject({ value: 1, pass: true });
    expect(value('terminal-to-dc-latency')).toMatchObject({ value: 10_500, pass: false });
    expect(value('latency-circle-coverage').evidence.circles[0]).toMatchObject({ dc: 'dc-1', count: 2, accessPoints: ['AP-1', 'AP-2'] });
  });

  it('says the API refused, without printing the token', async () => {
    process.env.MILLI_TEST_TOKEN = 'wrong-secret-value';
    const { err, code } = await run('indicators', '--topology', topologyFile, '--api', api, '--token-env', 'MILLI_TEST_TOKEN');
    expect(code).toBe(exitStatusOf('REPORT_SOURCE'));
    expect(err).toMatch(/^error \[REPORT_SOURCE\]: GET \/v1\/lines answered 401/);
    expect(err).not.toContain('wrong-secret-value');
  });

  it('names what is wrong with the call', async () => {
    expect((await run('indicators', '--topology', topologyFile, '--api', api, '--token-env', 'MILLI_TEST_TOKEN')).err).toMatch(
      /INVALID_ARGUMENT.*MILLI_TEST_TOKEN: the environment variable is not set/,
    );
    expect((await run('indicators', '--topology', topologyFile, '--format', 'pdf')).err).toMatch(
      /REPORT_INPUT.*unknown report format 'pdf'/,
    );
    expect((await run('indicators', '--topology', topologyFile, '--api', api)).err).toMatch(/--api and --token-env go together/);
  });

  it('writes Markdown in Chinese to --out, marking the live indicators not computed without --api', async () => {
    const out = join(dir, 'report.md');
    const r = await run('indicators', '--topology', topologyFile, '--format', 'md', '--lang', 'zh', '--out', out);
    expect(r.out).toBe('');
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('## 一、总体实施情况');
    expect(md).toMatch(/\| 5 \| 城域算力1毫秒时延圈覆盖率 ≥ 70% \| 必选 \| ≥ 70\.0% \| 100\.0% \| 达标 \|/);
    expect(md).toMatch(/\| 11 \| .* \| 必选 \| ≥ 4 \| — \| 未计算 \|/);
    expect(md).toMatch(/结论: \*\*达标\*\*; 覆盖 [\d.]+ 平方公里，占城域 [\d.]+ 平方公里的 100\.0%；综合接入点 2\/2（100\.0%）/);
    expect(md).toContain('未计算：需要在网控制器的专线与意图数据');
    expect(md).toContain('服务区：全部综合接入点的 Voronoi 单元');
  });

  it('writes GeoJSON with the metro, the circle cells, fibres and sites', async () => {
    const { out } = await run('indicators', '--topology', topologyFile, '--format', 'geojson');
    const fc = JSON.parse(out);
    const layers = fc.features.map((f: { properties: { layer: string } }) => f.properties.layer);
    expect(layers.filter((l: string) => l === 'metro')).toHaveLength(1);
    expect(layers.filter((l: string) => l === 'circle')).toHaveLength(2);
    expect(layers.filter((l: string) => l === 'fibre')).toHaveLength(2);
    expect(layers.filter((l: string) => l === 'site')).toHaveLength(3);
  });
});

describe('milli report coverage-gain', () => {
  it('ranks the candidates in a file and names a bad one', async () => {
    const file = join(dir, 'candidates.json');
    writeFileSync(
      file,
      JSON.stringify({ candidates: [{ id: 'ap-east', kind: 'access-point', site: 'AP-9', lat: 31.0, lon: 121.28, homes: ['AP-2'] }] }),
    );
    const { out, code } = await run('coverage-gain', '--topology', topologyFile, '--candidates', file);
    expect(code).toBeUndefined();
    expect(out).toMatch(/^1\s+ap-east \(access-point\)/m);
    writeFileSync(file, JSON.stringify([{ id: 'bad', kind: 'fibre' }]));
    const bad = await run('coverage-gain', '--topology', topologyFile, '--candidates', file);
    expect(bad.code).toBe(exitStatusOf('REPORT_INPUT'));
    expect(bad.err).toMatch(/REPORT_INPUT.*\[0\]\.a: expected a non-empty string/s);
  });
});
