import type { ControllerApi, IntentFilter, IntentRecord, IntentState, LineRecord, Page, SubmitResult, Transition } from '@milli/controller';
import { parseIntent } from '@milli/intent';
import { Subject } from 'rxjs';

/**
 * A small ControllerApi kept in memory, for the route tests: it walks each intent through the lifecycle's states on
 * the next turns of the event loop (accepted → compiling → reserved → provisioning → active; deleting → deleted;
 * modifying → active), stores every transition with a sequence number and honours idempotency keys. No devices.
 */
export class InMemoryController implements ControllerApi {
  readonly events = new Subject<Transition>();
  ready = false;
  private readonly intents = new Map<string, IntentRecord>();
  private readonly byKey = new Map<string, SubmitResult>();
  private readonly transitions: Transition[] = [];
  private seq = 0;
  private nextIntent = 1;
  private nextLine = 1;

  async start(): Promise<void> {
    this.ready = true;
  }

  async stop(): Promise<void> {
    this.ready = false;
  }

  async submit(input: string | object, options: { idempotencyKey?: string } = {}): Promise<SubmitResult> {
    if (options.idempotencyKey !== undefined) {
      const earlier = this.byKey.get(options.idempotencyKey);
      if (earlier) return earlier;
    }
    const { document } = parseIntent(input);
    const id = `in-${String(this.nextIntent++).padStart(4, '0')}`;
    const line = 'line' in document ? document.line : `L-${this.nextLine++}`;
    const now = Date.now();
    const record: IntentRecord = {
      id,
      kind: document.kind,
      line,
      state: 'accepted',
      input,
      checked: document,
      explain: [`in-memory ${document.kind}`],
      history: [],
      createdAt: now,
      updatedAt: now,
    };
    this.intents.set(id, record);
    this.move(record, 'accepted', 'submitted');
    this.walk(record, ['compiling', 'reserved', 'provisioning', 'active']);
    const result = { id, line, state: record.state };
    if (options.idempotencyKey !== undefined) this.byKey.set(options.idempotencyKey, result);
    return result;
  }

  async get(id: string): Promise<IntentRecord | undefined> {
    const record = this.intents.get(id);
    return record && structuredClone(record);
  }

  async list(filter: IntentFilter = {}): Promise<Page<IntentRecord>> {
    const all = [...this.intents.values()].filter(
      (r) =>
        (filter.state === undefined || r.state === filter.state) &&
        (filter.kind === undefined || r.kind === filter.kind) &&
        (filter.line === undefined || r.line === filter.line) &&
        (filter.site === undefined || JSON.stringify(r.checked).includes(`"site":"${filter.site}"`)),
    );
    const start = filter.after === undefined ? 0 : all.findIndex((r) => r.id === filter.after) + 1;
    const limit = filter.limit ?? 100;
    const items = all.slice(start, start + limit).map((r) => structuredClone(r));
    const last = items.at(-1);
    return { items, ...(start + limit < all.length && last ? { next: last.id } : {}) };
  }

  async modify(id: string, input: string | object): Promise<SubmitResult> {
    const record = this.intents.get(id);
    if (!record) throw new Error(`no intent ${id}`);
    record.input = input;
    this.move(record, 'modifying', 'elastic change');
    this.walk(record, ['active']);
    return { id, line: record.line, state: record.state };
  }

  async release(id: string): Promise<SubmitResult> {
    const record = this.intents.get(id);
    if (!record) throw new Error(`no intent ${id}`);
    this.move(record, 'deleting', 'release asked');
    this.walk(record, ['deleted']);
    return { id, line: record.line, state: record.state };
  }

  async lines(): Promise<LineRecord[]> {
    const lines = new Map<string, LineRecord>();
    for (const r of this.intents.values()) {
      if (r.line === null) continue;
      const doc = r.checked as { from?: { site: string }; to?: { site: string } };
      const line = lines.get(r.line) ?? {
        id: r.line,
        state: r.state,
        bandwidthKbps: 100_000,
        from: doc.from?.site ?? '?',
        to: doc.to?.site ?? '?',
        intents: [],
      };
      line.intents.push(r.id);
      line.state = r.state;
      lines.set(r.line, line);
    }
    return [...lines.values()];
  }

  async line(id: string): Promise<LineRecord | undefined> {
    return (await this.lines()).find((l) => l.id === id);
  }

  async eventsSince(seq: number): Promise<Transition[]> {
    return this.transitions.filter((t) => t.seq > seq);
  }

  /** Stores and publishes a transition, as the real store does. */
  private move(record: IntentRecord, to: IntentState, reason: string): void {
    const transition: Transition = {
      seq: ++this.seq,
      intent: record.id,
      line: record.line,
      from: record.history.at(-1)?.to ?? null,
      to,
      reason,
      at: Date.now(),
    };
    record.state = to;
    record.updatedAt = transition.at;
    record.history.push(transition);
    this.transitions.push(transition);
    this.events.next(transition);
  }

  private walk(record: IntentRecord, states: IntentState[]): void {
    const [next, ...rest] = states;
    if (next === undefined) return;
    setImmediate(() => {
      this.move(record, next, `in-memory step to ${next}`);
      this.walk(record, rest);
    });
  }
}
