import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index';
import { desiredOf } from '../../src/reconcile/desiredState';
import type { IntentState } from '../../src/facade/types';
import type { StoredIntent } from '../../src/store/ControllerStore';

const item = { device: 'P-1-osu', name: 'L-1-w', layer: 'osu-connection', line: 'L-1', path: 'working' };
const intent = (id: string, state: IntentState, kind = 'access-line'): StoredIntent => ({
  id,
  kind,
  line: 'L-1',
  state,
  input: 'connect P-1 to dc-north with 100Mbps',
  explain: [],
  snapshot: { value: state },
  createdAt: 1,
  updatedAt: 1,
});

/** A store holding line L-1, installed with one item on P-1-osu, created by I-1 in `creator`, and `others`. */
async function storeWith(creator: IntentState, others: { id: string; state: IntentState; kind: string }[] = []): Promise<MemoryStore> {
  const store = new MemoryStore();
  const line = { id: 'L-1', from: 'P-1', to: 'dc-north', bandwidthKbps: 100_000, intents: ['I-1'], current: 'I-1' };
  await store.createIntent(intent('I-1', creator), line, { intent: 'I-1', line: 'L-1', from: null, to: creator, reason: 'test', at: 1 });
  for (const o of others) {
    await store.createIntent(intent(o.id, o.state, o.kind), undefined, {
      intent: o.id,
      line: 'L-1',
      from: null,
      to: o.state,
      reason: 'test',
      at: 1,
    });
  }
  await store.updateLine('L-1', {
    intents: ['I-1', ...others.map((o) => o.id)],
    installed: { line: 'L-1', items: [item], devices: ['P-1-osu'] },
  });
  return store;
}

describe('what the reconciler wants on a device', () => {
  it('every item of an active or degraded line', async () => {
    expect((await desiredOf(await storeWith('active'), 'P-1-osu')).items).toEqual([item]);
    expect((await desiredOf(await storeWith('degraded'), 'P-1-osu')).items).toEqual([item]);
  });

  it('nothing of a line whose release is taking it off the devices while its creator is still active, yet its items are known', async () => {
    const desired = await desiredOf(await storeWith('active', [{ id: 'I-2', state: 'deleting', kind: 'release' }]), 'P-1-osu');
    expect(desired.items).toEqual([]);
    expect([...desired.known]).toEqual(['osu-connection:L-1-w']);
  });

  it('nothing of a line an elastic change is resizing; everything again once the change is in force', async () => {
    expect((await desiredOf(await storeWith('active', [{ id: 'I-2', state: 'provisioning', kind: 'elastic' }]), 'P-1-osu')).items).toEqual(
      [],
    );
    expect((await desiredOf(await storeWith('active', [{ id: 'I-2', state: 'active', kind: 'elastic' }]), 'P-1-osu')).items).toEqual([
      item,
    ]);
  });
});
