import { planMediaChannels, runNetworkTransaction } from '@milli/controller';
import { type PceGraph, type ResourceLedger, computePath } from '@milli/pce';
import { formatLatency } from '@milli/core';
import type { DeviceDrivers } from '@milli/drivers';
import { readIntent } from '@milli/intent';
import type { TopologyIndex } from '@milli/topology';
import { elapsed, fact, heading } from './say';

export interface ProvisionedLine {
  id: string;
  devices: string[];
  fibres: string[];
}

/**
 * A DC interconnect from intent to light: compile, compute a wavelength path, plan each ROADM's cross-connect,
 * and configure them all as one network-wide transaction (confirmed commit, verified before it is confirmed).
 */
export async function provisionStep(
  text: string,
  context: { index: TopologyIndex; graph: PceGraph; ledger: ResourceLedger; drivers: DeviceDrivers; now: number },
): Promise<ProvisionedLine | undefined> {
  const { index, graph, ledger, drivers, now } = context;
  heading(`Provision: "${text}"`);
  const started = Date.now();
  const { compilation } = readIntent(text, { topology: index, now });
  const result = computePath(graph, ledger, compilation.pathRequests[0]!, { now });
  if (!result.ok) {
    fact(`no path [${result.failure.code}]: ${result.failure.message}`);
    return undefined;
  }
  const path = result.working;
  const id = 'dci-1';
  const steps = planMediaChannels(path, index, id);
  fact(`wavelength on channel ${steps[0]!.channel} over ${path.fibres.join(', ')}: ${formatLatency(path.latency.totalUs)} one way`);
  const changes = await Promise.all(
    steps.map(async (step) => {
      const driver = await drivers.driver(step.device);
      const changeSet = await driver.beginChangeSet();
      driver.roadm!.connectMediaChannel(changeSet, {
        name: step.name,
        channel: step.channel,
        from: step.from,
        to: step.to,
        targetPowerDbm: -2,
      });
      fact(`${step.device}: media channel ${step.from} → ${step.to}`, 2);
      return { device: step.device, changeSet, applier: driver.applier() };
    }),
  );
  const outcome = await runNetworkTransaction(changes, {
    id,
    confirmTimeoutS: 120,
    journal: (entry) => {
      if (entry.type === 'phase' && entry.state !== 'started') fact(`${entry.phase}: ${entry.state} on ${changes.length} devices`, 2);
    },
    verify: async () => {
      const states = await mediaChannelStates(
        drivers,
        steps.map((s) => s.device),
        id,
      );
      const down = states.filter((s) => s.status !== 'up');
      if (down.length > 0) throw new Error(`not up: ${down.map((s) => `${s.device} (${s.status})`).join(', ')}`);
    },
  });
  if (!outcome.ok) {
    fact(
      `failed at ${outcome.failedAt}: ${outcome.failures.map((f) => `${f.device}: ${f.error.message}`).join('; ')}; rolled back ${outcome.rolledBack.length}`,
    );
    return undefined;
  }
  ledger.reserve(id, compilation.windows[0]!, path.reservation);
  fact(`active: ${outcome.devices.length} devices configured as one transaction in ${elapsed(started)}`);
  return { id, devices: path.devices, fibres: path.fibres };
}

/** The oper-status each device reports for the media channel `name`. */
export async function mediaChannelStates(drivers: DeviceDrivers, devices: string[], name: string) {
  return Promise.all(
    devices.map(async (device) => {
      const channels = await (await drivers.driver(device)).roadm!.listMediaChannels();
      return { device, status: channels.find((c) => c.name === name)?.operStatus ?? 'missing' };
    }),
  );
}
