import type { ControllerCore } from '../facade/ControllerCore';

/**
 * A line's alarms changed: an active line with a fault standing on its path goes `degraded` (FAULT), a degraded line
 * whose faults all cleared goes back to `active` (CLEARED). Anything else (a line being provisioned, modified or
 * released, or already where it should be) is left alone: the next change of its alarms decides again.
 */
export async function markLineFault(core: ControllerCore, line: string, faults: string[]): Promise<void> {
  const stored = await core.store.line(line);
  if (!stored) return;
  const intent = await core.store.intent(stored.current);
  if (!intent) return;
  if (faults.length > 0 && intent.state === 'active') {
    await core.lifecycles.send(intent.id, line, { type: 'FAULT' }, `fault on the path: ${faults.join('; ')}`);
  } else if (faults.length === 0 && intent.state === 'degraded') {
    await core.lifecycles.send(intent.id, line, { type: 'CLEARED' }, 'every alarm on the path cleared');
  }
}
