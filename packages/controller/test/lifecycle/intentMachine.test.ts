import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { INTENT_STATES, intentMachine, lifecycleEdges } from '../../src/index';
import { withDiagram } from '../../src/lifecycle/readmeDiagram';

const reason = { kind: 'internal', code: 'INTERNAL', message: 'x' } as const;

describe('the intent machine', () => {
  it('has exactly the states of the contract', () => {
    expect(Object.keys(intentMachine.root.states).sort()).toEqual([...INTENT_STATES].sort());
  });

  it('reaches every state from accepted, and leaves every state but deleted', () => {
    const edges = lifecycleEdges();
    const reached = new Set(['accepted']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const e of edges) {
        if (reached.has(e.from) && !reached.has(e.to)) {
          reached.add(e.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...INTENT_STATES].sort());
    const left = new Set(edges.map((e) => e.from));
    expect(INTENT_STATES.filter((s) => !left.has(s))).toEqual(['deleted']);
  });

  it('enters failed only with a typed reason, which it keeps', () => {
    const actor = createActor(intentMachine, { input: { intent: 'I-1', kind: 'access-line' } }).start();
    actor.send({ type: 'COMPILE' });
    actor.send({ type: 'REJECTED', reason });
    expect(actor.getSnapshot().value).toBe('failed');
    expect(actor.getSnapshot().context.failure).toEqual(reason);
    for (const e of lifecycleEdges().filter((e) => e.to === 'failed')) {
      expect(['REJECTED', 'WINDOW_MISSED', 'INSTALL_FAILED', 'RESTORE_FAILED', 'DELETE_FAILED']).toContain(e.event);
    }
  });

  it('ignores an event its state does not take (provisioning cannot jump to deleted)', () => {
    const actor = createActor(intentMachine, { input: { intent: 'I-1', kind: 'access-line' } }).start();
    for (const type of ['COMPILE', 'RESERVED', 'PROVISION'] as const) actor.send({ type });
    expect(actor.getSnapshot().can({ type: 'DELETED' })).toBe(false);
    expect(actor.getSnapshot().value).toBe('provisioning');
  });

  it('resumes from a persisted snapshot in the state it was in', () => {
    const actor = createActor(intentMachine, { input: { intent: 'I-1', kind: 'access-line' } }).start();
    for (const type of ['COMPILE', 'RESERVED', 'PROVISION'] as const) actor.send({ type });
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    const restored = createActor(intentMachine, { snapshot: persisted, input: { intent: 'I-1', kind: 'access-line' } }).start();
    expect(restored.getSnapshot().value).toBe('provisioning');
    restored.send({ type: 'UNDONE' });
    expect(restored.getSnapshot().value).toBe('reserved');
  });

  it('is drawn in the README exactly as the machine defines it (run scripts/lifecycleDiagram.ts when this fails)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(withDiagram(readme)).toBe(readme);
  });
});
