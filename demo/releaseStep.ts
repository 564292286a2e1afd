import { ApiClient } from '@milli/api';
import type { IntentRecord } from '@milli/controller';
import type { DeviceDrivers } from '@milli/drivers';
import { mediaChannelsNamed } from './mediaChannels';
import { elapsed, fact, heading } from './say';

/** Releases every line through the API (DELETE /v1/intents/{id}) and checks the devices let go of them. */
export async function releaseStep(url: string, token: string, records: IntentRecord[], drivers: DeviceDrivers): Promise<void> {
  const client = new ApiClient(url, token);
  const holding = records.filter((r) => r.state !== 'failed' && r.state !== 'deleted' && r.line !== null);
  heading(`Release everything (DELETE /v1/intents/{id}): ${holding.length} lines`);
  const started = Date.now();
  await Promise.all(
    holding.map(async (r) => {
      const answer = await client.release(r.id);
      const done = await client.follow(r.id, { until: ['deleted', 'failed'] });
      fact(`${r.id} line ${r.line}: ${answer.id} ${done.state === 'deleted' ? 'released' : `not released: ${done.error?.message}`}`);
    }),
  );
  fact(`released in ${elapsed(started)}`);
  for (const r of holding.filter((h) => h.path?.working.layer === 'wavelength')) {
    const left = (await mediaChannelsNamed(drivers, r.path!.working.devices, r.line!)).filter((s) => s.channel);
    fact(`${r.line}: ${left.length === 0 ? 'no device holds it any more' : `still on ${left.map((s) => s.device).join(', ')}`}`);
  }
}
