import { describe, expect, it } from 'vitest';
import type { IntentRecord, TopologyView, Transition } from '../src/api/types';
import { ConsoleStore } from '../src/state/ConsoleStore';

const topology = (fibreState: 'up' | 'down' | 'unknown'): TopologyView => ({
  sites: [
    { id: 'A', kind: 'dc', lat: 31.2, lon: 121.4 },
    { id: 'B', kind: 'access', lat: 31.3, lon: 121.5 },
  ],
  devices: [
    { id: 'A-roadm', site: 'A', kind: 'roadm', state: 'unknown' },
    { id: 'B-otn', site: 'B', kind: 'otn', state: 'unknown' },
  ],
  fibres: [{ id: 'F-1', a: { device: 'A-roadm', port: 'p' }, b: { device: 'B-otn', port: 'p' }, lengthKm: 12, state: fibreState }],
});

const step = (seq: number, to: string, intent = 'I-1'): Transition => ({ seq, intent, line: 'L-1', from: null, to, reason: to, at: seq });
const record = (history: Transition[]): IntentRecord => ({
  id: 'I-1',
  kind: 'access-line',
  line: 'L-1',
  state: history.at(-1)?.to ?? 'accepted',
  input: 'connect ...',
  history,
  createdAt: 0,
  updatedAt: 0,
});

describe('the console store', () => {
  it('applies a later topology reading by the states that moved, and bumps only the topology version', () => {
    const store = new ConsoleStore();
    store.loadTopology(topology('up'));
    const fibre = store.fibres.get('F-1');
    const [topologyVersion, intentsVersion] = [store.topologyVersion, store.intentsVersion];
    expect(store.applyTopologyStates(topology('up'))).toBe(0);
    expect(store.topologyVersion).toBe(topologyVersion);
    expect(store.applyTopologyStates(topology('down'))).toBe(1);
    expect(store.fibres.get('F-1')).toBe(fibre);
    expect(fibre?.state).toBe('down');
    expect(store.topologyVersion).toBe(topologyVersion + 1);
    expect(store.intentsVersion).toBe(intentsVersion);
    expect(store.topologyReads).toBe(2);
  });

  it('applies a transition to its intent in place, once, and asks for the record when it brings paths or is new', () => {
    const store = new ConsoleStore();
    store.loadIntents([record([step(1, 'accepted'), step(2, 'compiling')])]);
    expect(store.lastSeq).toBe(2);
    expect(store.applyTransition(step(2, 'compiling'))).toBe(false);
    expect(store.applyTransition(step(3, 'reserved'))).toBe(true);
    expect(store.applyTransition(step(4, 'provisioning'))).toBe(false);
    expect(store.intents.get('I-1')?.state).toBe('provisioning');
    expect(store.intents.get('I-1')?.history.map((t) => t.seq)).toEqual([1, 2, 3, 4]);
    expect(store.applyTransition(step(5, 'accepted', 'I-2'))).toBe(true);
  });

  it('knows an intent from its first transition and applies the next ones to it before its record is read', () => {
    const store = new ConsoleStore();
    expect(store.applyTransition(step(1, 'accepted', 'I-9'))).toBe(true);
    expect(store.applyTransition(step(2, 'compiling', 'I-9'))).toBe(false);
    expect(store.applyTransition(step(3, 'failed', 'I-9'))).toBe(true);
    expect(store.intents.get('I-9')?.state).toBe('failed');
    // The record read after the first transition arrives last: the later states stay.
    store.upsertIntent({ ...record([step(1, 'accepted', 'I-9')]), id: 'I-9' });
    expect(store.intents.get('I-9')?.state).toBe('failed');
    expect(store.intents.get('I-9')?.kind).toBe('access-line');
  });

  it('keeps states that arrived while a record was being read', () => {
    const store = new ConsoleStore();
    store.loadIntents([record([step(1, 'accepted')])]);
    store.applyTransition(step(2, 'compiling'));
    store.applyTransition(step(3, 'reserved'));
    store.upsertIntent(record([step(1, 'accepted'), step(2, 'compiling')]));
    expect(store.intents.get('I-1')?.state).toBe('reserved');
  });
});
