import { type InstalledLine, type InstallerContext, type PlannedItem, provisionLine } from '@milli/controller';
import { readIntent } from '@milli/intent';
import { formatLatency, isMilliError } from '@milli/core';
import { elapsed, fact, heading } from './say';

/**
 * The line the programme is about, from intent to light: the protected park → DC OSU line is computed, numbered,
 * planned on every OSU, OTN and ROADM device of both paths, configured as one network-wide transaction and
 * verified by reading every device back before the confirm. Shown device by device.
 */
export async function provisionStep(text: string, line: string, ctx: InstallerContext, now: number): Promise<InstalledLine | undefined> {
  heading(`Provision: "${text}" as ${line}`);
  const started = Date.now();
  const { compilation } = readIntent(text, { topology: ctx.index, now });
  try {
    const { installed, result, times } = await provisionLine(
      { ...ctx, journal: (e) => e.type === 'phase' && e.state !== 'started' && fact(`${e.phase}: ${e.state} on every device`, 2) },
      { line, request: compilation.pathRequests[0]! },
    );
    fact(
      `working ${formatLatency(result.working.latency.totalUs)}, protection ${result.protection ? formatLatency(result.protection.latency.totalUs) : 'none'} one way`,
    );
    for (const device of installed.devices) {
      fact(`${device}:`, 1);
      for (const item of installed.items.filter((i) => i.device === device)) fact(describe(item), 2);
    }
    fact(
      `plan ${times.planMs.toFixed(1)} ms, local YANG validation ${times.localValidationMs.toFixed(0)} ms, transaction ${Object.values(
        times.phases,
      )
        .reduce((s, v) => s + v, 0)
        .toFixed(0)} ms`,
    );
    fact(`active: ${installed.devices.length} devices configured as one transaction in ${elapsed(started)}`);
    return installed;
  } catch (error) {
    if (!isMilliError(error)) throw error;
    fact(`refused [${error.code}]: ${error.message}`);
    return undefined;
  }
}

/** One planned entry in a line of text: what it is, where it sits, and the path it belongs to. */
export function describe(item: PlannedItem): string {
  const on = `(${item.path}${item.shared ? `, shared ${item.shared.kind}` : ''})`;
  switch (item.layer) {
    case 'line-port':
      return `line port ${item.name} tuned to channel ${item.channel} ${on}`;
    case 'media-channel':
      return `media channel ${item.name}: channel ${item.channel}, ${item.from} → ${item.to} ${on}`;
    case 'odu':
      return `ODU ${item.name}: ${item.type} on ${item.port}${item.tributarySlots.length ? `, slots ${item.tributarySlots.join(',')}` : ''} ${on}`;
    case 'odu-cross-connect':
      return `ODU cross-connect ${item.name}: ${item.from} ↔ ${item.to} ${on}`;
    case 'odu-protection-group':
      return `ODU protection group ${item.name}: working ${item.crossConnect}, protection ${item.protectionOdu} ${on}`;
    case 'osu-connection':
      return `OSU connection ${item.name}: ${item.clientPort}${item.vlan ? ` VLAN ${item.vlan}` : ''} → ${item.odu} OSU ${item.osuId}, ${item.bandwidthKbps / 1000} Mbit/s ${on}`;
    case 'osu-cross-connect':
      return `OSU cross-connect ${item.name}: ${item.from.odu} OSU ${item.from.osuId} ↔ ${item.to.odu} OSU ${item.to.osuId} ${on}`;
    case 'osu-protection-group':
      return `OSU protection group ${item.name}: working ${item.connection}, protection ${item.protection.odu} OSU ${item.protection.osuId} ${on}`;
  }
}
