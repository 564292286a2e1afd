import { afterEach, describe, expect, it } from 'vitest';
import type { Controller, InstallOutcome, TransactionContext } from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { reach, startController } from '../support/controllerHarness';
import { openTestStore, type TestStore } from '../support/stores';

// A cut that spreads fibre by fibre: the path a restoration booked fails while its move goes to the devices, so the
// move fails. That fibre's alarms touch the new path, not the line's, so nothing else would tell the line: it must be
// tried again at once around the new failure instead of waiting, degraded, for a fibre to come back.
let opened: TestStore | undefined;
let controller: Controller | undefined;
afterEach(async () => {
  if (controller?.ready) await controller.stop();
  await opened?.dispose();
});

/** Fails its first move, with a fibre of the move's new path failing network-wide meanwhile. */
class CutWhileMoving extends FakeInstaller {
  cut: { failed: string[]; fibre?: string } | undefined;
  owner: Controller | undefined;

  override async replace(
    request: { line: string; installed: unknown; reserved: unknown },
    tx: TransactionContext,
  ): Promise<InstallOutcome> {
    const cut = this.cut;
    if (cut && !cut.fibre) {
      const paths = (request.reserved as { paths: { path: { fibres: string[] } }[] }).paths;
      cut.fibre = paths.flatMap((p) => p.path.fibres).find((f) => !cut.failed.includes(f));
      this.owner!.failedFibres([...cut.failed, cut.fibre!]);
      this.failNext = { phase: 'verify', devices: [] };
    }
    return super.replace(request, tx);
  }
}

describe('a move whose new path fails on the way', () => {
  it('is tried again at once around the fibre that failed meanwhile', async () => {
    opened = openTestStore('memory');
    const installer = new CutWhileMoving();
    controller = await startController(opened.store, installer);
    installer.owner = controller;
    const { id, line } = await controller.submit('connect dc-north to dc-south under 1 ms at 100G');
    expect(await reach(controller, id, ['active', 'failed'])).toBe('active');
    const fibre = (await opened.store.line(line!))!.path!.working.fibres[0]!;

    installer.cut = { failed: [fibre] };
    controller.failedFibres([fibre]);
    await controller.lineFaults(line!, [`fibre ${fibre}`]);
    await controller.idle();

    const record = (await controller.get(id))!;
    const attempts = record.history.filter((t) => t.to === 'restoring');
    expect(installer.cut.fibre, 'the first move was cut on the way').toBeDefined();
    expect(attempts, JSON.stringify(record.history.map((t) => `${t.from}→${t.to}: ${t.reason}`))).toHaveLength(2);
    // The second attempt avoided both fibres: re-routed around them, or no path at all; never the first move's failure.
    expect(record.error?.kind).not.toBe('transaction');
    if (record.state === 'active') {
      const now = (await opened.store.line(line!))!.path!.working.fibres;
      expect(now).not.toContain(fibre);
      expect(now).not.toContain(installer.cut.fibre);
    } else {
      expect(record.state).toBe('degraded');
      expect(record.error).toMatchObject({ kind: 'no-path' });
    }
  });
});
