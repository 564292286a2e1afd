import type { Alarm, IndicatorReport, IntentRecord, Problem, ReportFeature, Role, TopologyView } from './types';

/** An answer that was not 2xx: the API's problem+json, kept whole so the views can show its problems. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
  }
}

/** The HTTP API from the browser: same origin as the page, the token from this browser session. */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly base = '',
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({ code: 'HTTP', status: response.status }))) as Problem;
      throw new ApiProblem({ ...problem, status: response.status });
    }
    return (await response.json()) as T;
  }

  /**
   * The token's role without changing anything: a write to an intent that cannot exist. The server checks the role
   * before anything else, so a viewer gets 403; an operator gets past it (404 or 400), a bad token 401.
   */
  async role(): Promise<Role> {
    try {
      await this.call('DELETE', '/v1/intents/role-probe-none');
      return 'operator';
    } catch (error) {
      const status = error instanceof ApiProblem ? error.problem.status : 0;
      if (status === 403) return 'viewer';
      if (status === 404 || status === 400 || status === 422) return 'operator';
      throw error;
    }
  }

  topology = () => this.call<TopologyView>('GET', '/v1/topology');
  intent = (id: string) => this.call<IntentRecord>('GET', `/v1/intents/${encodeURIComponent(id)}`);
  check = (text: string) => this.call<unknown>('POST', '/v1/intents/check', { text });
  submit = (text: string) => this.call<{ id: string; line: string; state: string }>('POST', '/v1/intents', { text });
  release = (id: string) => this.call<unknown>('DELETE', `/v1/intents/${encodeURIComponent(id)}`);
  change = (id: string, bandwidth: string) => this.call<unknown>('PATCH', `/v1/intents/${encodeURIComponent(id)}`, { bandwidth });
  indicators = () => this.call<IndicatorReport>('GET', '/v1/reports/indicators?format=json');
  circles = () => this.call<{ features: ReportFeature[] }>('GET', '/v1/reports/indicators?format=geojson');

  /** Every intent, page by page. */
  async intents(): Promise<IntentRecord[]> {
    const all: IntentRecord[] = [];
    let after: string | undefined;
    do {
      const page = await this.call<{ items: IntentRecord[]; next?: string }>(
        'GET',
        `/v1/intents?limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      all.push(...page.items);
      after = page.next;
    } while (after);
    return all;
  }

  /** Alarms where the API has them; undefined when the route is not there (the panel is then hidden). */
  async alarms(): Promise<Alarm[] | undefined> {
    try {
      const answer = await this.call<Alarm[] | { items: Alarm[] }>('GET', '/v1/alarms');
      return Array.isArray(answer) ? answer : answer.items;
    } catch (error) {
      if (error instanceof ApiProblem && error.problem.status === 404) return undefined;
      throw error;
    }
  }

  /** The raw event stream (fetch, because EventSource cannot send a bearer token). */
  events(after: number | undefined, signal: AbortSignal): Promise<Response> {
    return fetch(`${this.base}/v1/events`, {
      headers: { authorization: `Bearer ${this.token}`, ...(after !== undefined ? { 'last-event-id': String(after) } : {}) },
      signal,
    });
  }
}
