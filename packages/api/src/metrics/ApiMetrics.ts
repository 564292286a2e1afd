import { INTENT_STATES, type ControllerApi, type Transition } from '@milli/controller';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The metrics `GET /metrics` exposes, in one prom-client registry that other parts of milli add to: the controller
 * observes transaction phases and PCE time, the drivers observe NETCONF RPC latency, the API counts requests.
 * Intents by state are read from the controller when scraped, so the gauge is true after a restart too.
 */
export class ApiMetrics {
  readonly registry: Registry;
  readonly intentsByState: Gauge<'state'>;
  readonly transitions: Counter<'from' | 'to'>;
  readonly stageSeconds: Histogram<'from' | 'to'>;
  readonly transactionPhaseSeconds: Histogram<'phase'>;
  readonly netconfRpcSeconds: Histogram<'device_kind' | 'operation'>;
  readonly pceSeconds: Histogram<'purpose'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpRequestSeconds: Histogram<'method' | 'route'>;
  private controller: ControllerApi | undefined;

  constructor(options: { registry?: Registry; defaultMetrics?: boolean } = {}) {
    this.registry = options.registry ?? new Registry();
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'milli_' });
    const registers = [this.registry];
    const self = this;
    this.intentsByState = new Gauge({
      name: 'milli_intents',
      help: 'intents by lifecycle state',
      labelNames: ['state'],
      registers,
      async collect() {
        await self.countIntents(this);
      },
    });
    this.transitions = new Counter({
      name: 'milli_intent_transitions_total',
      help: 'lifecycle transitions seen, by from and to state',
      labelNames: ['from', 'to'],
      registers,
    });
    this.stageSeconds = new Histogram({
      name: 'milli_lifecycle_stage_seconds',
      help: 'time an intent spent in a state before its next transition (compiling → reserved is compile, PCE and reserve)',
      labelNames: ['from', 'to'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30, 300],
      registers,
    });
    this.transactionPhaseSeconds = new Histogram({
      name: 'milli_transaction_phase_seconds',
      help: 'network-wide transaction duration by phase (lock, edit, validate, commit, verify, confirm, rollback)',
      labelNames: ['phase'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.netconfRpcSeconds = new Histogram({
      name: 'milli_netconf_rpc_seconds',
      help: 'NETCONF RPC latency by device kind and operation',
      labelNames: ['device_kind', 'operation'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    });
    this.pceSeconds = new Histogram({
      name: 'milli_pce_seconds',
      help: 'path computation time, by purpose (provision, what-if)',
      labelNames: ['purpose'],
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'milli_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpRequestSeconds = new Histogram({
      name: 'milli_http_request_seconds',
      help: 'HTTP request duration by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
  }

  /**
   * Counts transitions from the controller's stream and times each lifecycle stage (from one transition of an intent
   * to its next); reads intents by state from the controller when scraped.
   */
  watch(controller: ControllerApi): { unsubscribe(): void } {
    this.controller = controller;
    const lastAt = new Map<string, number>();
    return controller.events.subscribe((t: Transition) => {
      this.transitions.inc({ from: t.from ?? 'none', to: t.to });
      const since = lastAt.get(t.intent);
      if (since !== undefined && t.from !== null) this.stageSeconds.observe({ from: t.from, to: t.to }, Math.max(0, t.at - since) / 1000);
      if (t.to === 'deleted' || t.to === 'failed') lastAt.delete(t.intent);
      else lastAt.set(t.intent, t.at);
    });
  }

  private async countIntents(gauge: Gauge<'state'>): Promise<void> {
    const counts = new Map<string, number>(INTENT_STATES.map((s) => [s, 0]));
    if (this.controller) {
      let after: string | undefined;
      // Bounded: a store with more than 200,000 intents is counted in part rather than stalling a scrape.
      for (let page = 0; page < 400; page++) {
        const result = await this.controller.list({ limit: 500, ...(after ? { after } : {}) });
        for (const intent of result.items) counts.set(intent.state, (counts.get(intent.state) ?? 0) + 1);
        if (!result.next) break;
        after = result.next;
      }
    }
    for (const [state, n] of counts) gauge.set({ state }, n);
  }
}
