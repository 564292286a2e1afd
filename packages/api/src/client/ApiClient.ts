import { type ErrorCode, ErrorCodes, MilliError } from '@milli/core';
import type {
  AlarmChange,
  AlarmQuery,
  AlarmRecord,
  IntentFilter,
  IntentRecord,
  IntentState,
  LineRecord,
  Page,
  SubmitResult,
  Transition,
} from '@milli/controller';
import type { ReadIntentResult } from '@milli/intent';
import type { Problem } from '../server/problem';
import type { PathAnswer, PathQuery } from '../network/whatIfPath';
import { readEventStream } from './readEventStream';

/** An API answer that was a problem: its code, detail and located problems, as a MilliError the CLI can print. */
export class ApiProblemError extends MilliError {
  constructor(readonly problem: Problem) {
    const code = (problem.code in ErrorCodes ? problem.code : 'INTERNAL') as ErrorCode;
    super(code, problem.detail, { status: problem.status, ...(problem.problems ? { problems: problem.problems } : {}) });
  }
}

/**
 * A client of the milli HTTP API: the command line, the demo and the benchmark speak to the controller through it.
 * Every method is one request; `events` follows the server-sent event stream.
 */
export class ApiClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token?: string,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  submit(input: string | object, options: { idempotencyKey?: string } = {}): Promise<SubmitResult> {
    const body = typeof input === 'string' ? { text: input } : input;
    return this.call('POST', '/v1/intents', body, options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {});
  }

  check(input: string | object): Promise<ReadIntentResult> {
    return this.call('POST', '/v1/intents/check', typeof input === 'string' ? { text: input } : input);
  }

  list(filter: IntentFilter = {}): Promise<Page<IntentRecord>> {
    const query = new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)]));
    return this.call('GET', `/v1/intents${query.size > 0 ? `?${query}` : ''}`);
  }

  get(id: string): Promise<IntentRecord> {
    return this.call('GET', `/v1/intents/${encodeURIComponent(id)}`);
  }

  modify(id: string, change: { bandwidth: string; start?: string; end?: string; within?: string }): Promise<SubmitResult> {
    return this.call('PATCH', `/v1/intents/${encodeURIComponent(id)}`, change);
  }

  release(id: string): Promise<SubmitResult> {
    return this.call('DELETE', `/v1/intents/${encodeURIComponent(id)}`);
  }

  lines(): Promise<LineRecord[]> {
    return this.call('GET', '/v1/lines');
  }

  line(id: string): Promise<LineRecord> {
    return this.call('GET', `/v1/lines/${encodeURIComponent(id)}`);
  }

  alarms(query: AlarmQuery = {}): Promise<AlarmRecord[]> {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
    return this.call('GET', `/v1/alarms${params.size > 0 ? `?${params}` : ''}`);
  }

  /** Alarms raised and cleared from now on (the `alarm` events of /v1/events). */
  alarmEvents(options: { signal?: AbortSignal } = {}): AsyncGenerator<AlarmChange> {
    return this.stream<AlarmChange>('alarm', '/v1/events?only=alarm', options.signal);
  }

  path(query: PathQuery): Promise<PathAnswer> {
    return this.call('POST', '/v1/paths', query);
  }

  /** Transitions as they happen; with `after`, every stored one after that sequence number first. */
  events(options: { after?: number; signal?: AbortSignal } = {}): AsyncGenerator<Transition> {
    // Transitions alone: the alarms of a cut, which this would only skip, are megabytes.
    return this.stream<Transition>(
      'transition',
      `/v1/events?only=transition${options.after !== undefined ? `&after=${options.after}` : ''}`,
      options.signal,
    );
  }

  /** The `name` events of a server-sent event stream, parsed; ends quietly when `signal` aborts. */
  private async *stream<T>(name: string, path: string, signal?: AbortSignal): AsyncGenerator<T> {
    const response = await this.send('GET', path, undefined, {}, signal);
    if (!response.ok || !response.body) throw await this.problemOf(response);
    try {
      for await (const event of readEventStream(response.body)) {
        if (event.event === name) yield JSON.parse(event.data) as T;
      }
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  }

  /**
   * Follows the events of one intent until it reaches one of `until` (default: active or failed), calling `onTransition`
   * for each; the intent's stored history comes first, so nothing that happened before the stream opened is missed.
   */
  async follow(
    id: string,
    options: { until?: IntentState[]; onTransition?: (t: Transition) => void; signal?: AbortSignal } = {},
  ): Promise<IntentRecord> {
    const until = options.until ?? ['active', 'failed'];
    const controller = new AbortController();
    options.signal?.addEventListener('abort', () => controller.abort());
    const record = await this.get(id);
    const seen = new Set<number>();
    for (const t of record.history) {
      seen.add(t.seq);
      options.onTransition?.(t);
    }
    if (until.includes(record.state)) return record;
    const after = record.history.reduce((max, t) => Math.max(max, t.seq), 0);
    try {
      for await (const t of this.events({ after, signal: controller.signal })) {
        if (t.intent !== id || seen.has(t.seq)) continue;
        seen.add(t.seq);
        options.onTransition?.(t);
        if (until.includes(t.to)) break;
      }
    } finally {
      controller.abort();
    }
    return this.get(id);
  }

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send(method, path, body, headers);
    if (!response.ok) throw await this.problemOf(response);
    return (await response.json()) as T;
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Response> {
    try {
      return await fetch(`${this.base}${path}`, {
        method,
        headers: {
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw new MilliError(
        'API_UNREACHABLE',
        `cannot reach the milli API at ${this.base}: ${(error as Error).cause ?? (error as Error).message}`,
        {
          url: this.base,
        },
      );
    }
  }

  private async problemOf(response: Response): Promise<MilliError> {
    const text = await response.text();
    try {
      const problem = JSON.parse(text) as Problem;
      if (typeof problem.code === 'string' && typeof problem.detail === 'string') return new ApiProblemError(problem);
    } catch {
      // not a problem document: fall through
    }
    return new MilliError('API_UNREACHABLE', `the API at ${this.base} answered ${response.status} without a problem document`, {
      status: response.status,
    });
  }
}
