import type { Device, Fibre, IntentRecord, LiveState, Site, TopologyView, Transition } from '../api/types';

/** States after which an intent's record holds something new to read whole: paths, resources or its error. */
const RECORD_CHANGING = new Set(['reserved', 'active', 'failed', 'degraded', 'deleted']);

/**
 * What the console knows, updated piece by piece: a transition changes one intent, a topology poll changes the devices
 * and fibres whose state moved. Views subscribe to the part they draw (`topologyVersion`, `intentsVersion`), so an
 * intent's transition does not redraw the metro and a fibre's state does not redraw the intent table.
 */
export class ConsoleStore {
  readonly sites = new Map<string, Site>();
  readonly devices = new Map<string, Device>();
  readonly fibres = new Map<string, Fibre>();
  readonly devicesBySite = new Map<string, Device[]>();
  readonly intents = new Map<string, IntentRecord>();
  topologyVersion = 0;
  intentsVersion = 0;
  /** How many times the topology has been read since loading: the console shows it, so a reader knows a poll happened. */
  topologyReads = 0;
  lastSeq: number | undefined;
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(part: 'topology' | 'intents' | 'reads'): void {
    if (part === 'topology') this.topologyVersion++;
    else if (part === 'intents') this.intentsVersion++;
    for (const listener of this.listeners) listener();
  }

  loadTopology(view: TopologyView): void {
    for (const site of view.sites) this.sites.set(site.id, site);
    for (const device of view.devices) this.devices.set(device.id, { ...device });
    for (const fibre of view.fibres) this.fibres.set(fibre.id, { ...fibre });
    this.devicesBySite.clear();
    for (const device of this.devices.values()) {
      const list = this.devicesBySite.get(device.site) ?? [];
      list.push(device);
      this.devicesBySite.set(device.site, list);
    }
    this.changed('topology');
  }

  /** A later reading of the topology: only the states that moved are applied. Returns how many moved. */
  applyTopologyStates(view: TopologyView): number {
    let moved = 0;
    const update = <T extends { state: LiveState }>(known: T | undefined, state: LiveState) => {
      if (known === undefined || known.state === state) return;
      known.state = state;
      moved++;
    };
    for (const device of view.devices) update(this.devices.get(device.id), device.state);
    for (const fibre of view.fibres) update(this.fibres.get(fibre.id), fibre.state);
    this.topologyReads++;
    this.changed(moved > 0 ? 'topology' : 'reads');
    return moved;
  }

  loadIntents(records: IntentRecord[]): void {
    for (const record of records) this.intents.set(record.id, record);
    this.lastSeq = Math.max(this.lastSeq ?? 0, ...records.flatMap((r) => r.history.map((t) => t.seq)));
    this.changed('intents');
  }

  upsertIntent(record: IntentRecord): void {
    const known = this.intents.get(record.id);
    // A record read after later transitions arrived must not take their states back.
    const latest =
      known && known.history.length > record.history.length ? { ...record, state: known.state, history: known.history } : record;
    this.intents.set(record.id, latest);
    this.changed('intents');
  }

  /**
   * One transition from the event stream, applied to its intent in place. Returns true when the intent's record should
   * be read again (an intent not seen yet, or a state that brings paths, resources or an error).
   */
  applyTransition(transition: Transition): boolean {
    if (this.lastSeq !== undefined && transition.seq <= this.lastSeq && this.seen(transition)) return false;
    this.lastSeq = Math.max(this.lastSeq ?? 0, transition.seq);
    const record = this.intents.get(transition.intent);
    if (record === undefined) {
      // Known from its transitions until its record is read: later transitions apply to it in place.
      this.intents.set(transition.intent, {
        id: transition.intent,
        kind: '',
        line: transition.line,
        state: transition.to,
        input: '',
        history: [transition],
        createdAt: transition.at,
        updatedAt: transition.at,
      });
      this.changed('intents');
      return true;
    }
    this.intents.set(record.id, { ...record, state: transition.to, history: [...record.history, transition], updatedAt: transition.at });
    this.changed('intents');
    return RECORD_CHANGING.has(transition.to);
  }

  private seen(transition: Transition): boolean {
    return this.intents.get(transition.intent)?.history.some((t) => t.seq === transition.seq) ?? false;
  }

  /** Where a device or fibre end is drawn: its site. */
  siteOfDevice(device: string): Site | undefined {
    const d = this.devices.get(device);
    return d === undefined ? undefined : this.sites.get(d.site);
  }
}
