import { INTENT_STATES } from '../facade/types';
import { intentMachine } from './intentMachine';

/** Every edge of the machine as data: from, event, to (read from the machine's definition, never written by hand). */
export function lifecycleEdges(): { from: string; event: string; to: string }[] {
  const edges: { from: string; event: string; to: string }[] = [];
  for (const [name, node] of Object.entries(intentMachine.root.states)) {
    for (const [event, transitions] of node.transitions) {
      for (const t of transitions) for (const target of t.target ?? []) edges.push({ from: name, event, to: target.key });
    }
  }
  return edges;
}

/**
 * The lifecycle as a Mermaid state diagram, generated from the machine itself so the picture cannot drift from the
 * code. `scripts/lifecycleDiagram.ts` writes it into the package README; a test fails when the README is stale.
 */
export function lifecycleDiagram(): string {
  const states = Object.keys(intentMachine.root.states);
  const order = (s: string) => INTENT_STATES.indexOf(s as (typeof INTENT_STATES)[number]);
  const lines = ['stateDiagram-v2', `    [*] --> ${intentMachine.root.initial.target[0]!.key}`];
  for (const e of lifecycleEdges().sort(
    (a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to) || a.event.localeCompare(b.event),
  )) {
    lines.push(`    ${e.from} --> ${e.to}: ${e.event}`);
  }
  for (const s of states) if (intentMachine.root.states[s]!.type === 'final') lines.push(`    ${s} --> [*]`);
  return `${lines.join('\n')}\n`;
}
