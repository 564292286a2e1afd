import { afterEach, describe, expect, it } from 'vitest';
import type { Controller, SelectedLegReading } from '../../src/index';
import { FakeInstaller } from '../support/FakeInstaller';
import { reach, startController } from '../support/controllerHarness';
import { openTestStore, type TestStore } from '../support/stores';

// A cut under a 1+1 line and an unprotected one: the 1+1 line first reads which leg its devices selected (slowly
// here, as a loaded device answers), the unprotected one books at once. The cut's moves go to the devices together
// (RestorationTurns.allBooked): the unprotected line's move must not leave before the 1+1 line has counted itself
// among the cut's restorations, or the two go in rounds one behind the other.
const READ_MS = 300;

class SlowLegsInstaller extends FakeInstaller {
  legsReadAt: number | undefined;
  readonly replaceStarted = new Map<string, number>();

  async selectedLegs(_line: string, _installed: unknown): Promise<SelectedLegReading[]> {
    await new Promise((resolve) => setTimeout(resolve, READ_MS));
    this.legsReadAt = Date.now();
    return [];
  }

  override async replace(request: { line: string; installed: unknown; reserved: unknown }, tx: Parameters<FakeInstaller['replace']>[1]) {
    if (!this.replaceStarted.has(request.line)) this.replaceStarted.set(request.line, Date.now());
    return super.replace(request, tx);
  }
}

let opened: TestStore | undefined;
let controller: Controller | undefined;
afterEach(async () => {
  if (controller?.ready) await controller.stop();
  await opened?.dispose();
});

describe('one cut, one round of moves', () => {
  it("an unprotected line's move waits for a 1+1 line still reading its legs from the devices", async () => {
    opened = openTestStore('memory');
    const installer = new SlowLegsInstaller();
    controller = await startController(opened.store, installer);
    const protectedLine = await controller.submit('connect dc-north to dc-south under 1 ms at 400G protected');
    const unprotected = await controller.submit('connect dc-north to dc-south under 1 ms at 100G');
    for (const { id } of [protectedLine, unprotected]) expect(await reach(controller, id, ['active', 'failed'])).toBe('active');
    const fibresOf = async (line: string) => new Set((await opened!.store.line(line))!.path!.working.fibres);
    const unprotectedFibres = await fibresOf(unprotected.line!);
    const fibre = [...(await fibresOf(protectedLine.line!))].find((f) => unprotectedFibres.has(f));
    expect(fibre, 'both lines cross one fibre of the 1+1 line working leg').toBeDefined();

    const started = Date.now();
    await Promise.all([
      controller.lineFaults(protectedLine.line!, [`fibre ${fibre}`]),
      controller.lineFaults(unprotected.line!, [`fibre ${fibre}`]),
    ]);
    await controller.idle();

    expect(installer.legsReadAt, 'the 1+1 line read its legs').toBeGreaterThanOrEqual(started + READ_MS - 5);
    const moved = installer.replaceStarted.get(unprotected.line!);
    expect(moved, 'the unprotected line was moved').toBeDefined();
    expect(moved!).toBeGreaterThanOrEqual(installer.legsReadAt!);
    expect((await controller.get(unprotected.id))!.state).toBe('active');
  });
});
