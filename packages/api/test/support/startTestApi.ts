import { createLogger } from '@milli/core';
import type { ControllerApi } from '@milli/controller';
import { ledgerForGraph, PceGraph } from '@milli/pce';
import { loadTopology, type Topology } from '@milli/topology';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { type ApiServerOptions, ApiMetrics, type NetworkContext, type RunningApi, startApiServer, TokenTable } from '../../src';
import { InMemoryController } from './InMemoryController';
import { OpenApiChecker } from './openApiChecker';

export const TOPOLOGY_FILE = join(import.meta.dirname, '../../../../lab/topologies/metro-small.yaml');
export const OPERATOR_TOKEN = 'operator-token-0123456789abcdef';
export const VIEWER_TOKEN = 'viewer-token-0123456789abcdef';

export interface TestApi extends RunningApi {
  controller: ControllerApi;
  topology: Topology;
  metrics: ApiMetrics;
  /** The server's OpenAPI document; every answer `request` returns has been checked against it. */
  openApi: OpenApiChecker;
  openApiValid: boolean;
  openApiErrors: unknown;
  /** Every log line the server wrote, for the redaction tests. */
  logs: string[];
  /** fetch against the server with the operator token unless `token` says otherwise (null: none). */
  request(path: string, init?: RequestInit & { token?: string | null; json?: unknown }): Promise<Response>;
}

let topology: Topology | undefined;

/** A real server on 127.0.0.1:0 over the in-memory controller and metro-small, with an operator and a viewer token. */
export async function startTestApi(overrides: Partial<ApiServerOptions> & { controller?: ControllerApi } = {}): Promise<TestApi> {
  topology ??= await loadTopology(TOPOLOGY_FILE);
  const controller = overrides.controller ?? new InMemoryController();
  await controller.start();
  const graph = PceGraph.build(topology);
  const ledger = ledgerForGraph(graph);
  const network: NetworkContext = { topology, resources: () => ledger, deviceState: (d) => (d.endsWith('-roadm') ? 'up' : undefined) };
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const metrics = new ApiMetrics();
  const api = await startApiServer({
    network,
    tokens: new TokenTable([
      { token: OPERATOR_TOKEN, role: 'operator' },
      { token: VIEWER_TOKEN, role: 'viewer' },
    ]),
    logger: createLogger({ level: 'info', destination }),
    metrics,
    port: 0,
    ...overrides,
    controller,
  });
  const { checker, valid, errors } = await OpenApiChecker.load(api.url);
  const request: TestApi['request'] = async (path, init = {}) => {
    const { token = OPERATOR_TOKEN, json, headers, ...rest } = init;
    const response = await fetch(`${api.url}${path}`, {
      ...rest,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(headers as Record<string, string>),
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    if (!path.startsWith('/docs') && path !== '/openapi.json') await checker.check(init.method ?? 'GET', path, response);
    return response;
  };
  return { ...api, controller, topology, metrics, logs, request, openApi: checker, openApiValid: valid, openApiErrors: errors };
}

/** Waits until the intent reaches one of `states` (the in-memory controller moves on the next turns of the loop). */
export async function waitForState(api: TestApi, id: string, states: string[]): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const record = await api.controller.get(id);
    if (record && states.includes(record.state)) return record.state;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`intent ${id} never reached ${states.join(' or ')}`);
}
