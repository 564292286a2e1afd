import { isMilliError } from '@milli/core';
import { describe, expect, it } from 'vitest';
import { DeviceLocks, GroupCommit, type GroupJob, type InstallOutcome, type RoundParts, runGroupRound } from '../../src/index';
import { FakeGroupNetwork, installJob } from './fakeGroupNetwork';

/** A group commit over the fake network, and every round it ran (the lines in it). */
function groupOver(network: FakeGroupNetwork, maxLines = 64, locks = new DeviceLocks(), maxMoves?: number, gatherMs = 0) {
  const rounds: string[][] = [];
  const group = new GroupCommit({
    locks,
    maxLines,
    ...(maxMoves !== undefined ? { maxMoves } : {}),
    gatherMs,
    round: (jobs, persistId, devices) => {
      rounds.push(jobs.map((j) => j.line));
      return runGroupRound(network.parts(), jobs, persistId, devices);
    },
  });
  return { group, rounds, locks };
}

/** Each line's park device and the DC device every line shares. */
const jobsOnOneDc = (lines: string[]) => lines.map((line) => installJob(line, [`cpe-${line}`, 'osu-dc']));

const settleAll = (promises: Promise<InstallOutcome>[]) => Promise.allSettled(promises);

describe('group commit', () => {
  it('merges lines waiting on the same device into one network transaction: one edit-config per device, one persist id', async () => {
    const network = new FakeGroupNetwork();
    const { group, rounds } = groupOver(network);
    const jobs = jobsOnOneDc(['a', 'b', 'c', 'd', 'e']);
    const outcomes = await Promise.all(jobs.map((j) => group.submit(j)));

    expect(rounds).toEqual([['a', 'b', 'c', 'd', 'e']]);
    expect(network.device('osu-dc').prepared).toEqual([['a', 'b', 'c', 'd', 'e']]);
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Per line: its own outcome, its own devices, its own journal row holding only its own edits, one persist id for all.
    for (const [i, job] of jobs.entries()) {
      expect(outcomes[i]).toEqual({ ok: true, installed: { line: job.line }, devices: [`cpe-${job.line}`, 'osu-dc'] });
      expect(job.tx.begins).toEqual([{ persistId: 'T-a', edits: [`cpe-${job.line}:${job.line}`, `osu-dc:${job.line}`] }]);
      expect(job.tx.steps).toEqual([
        'prepare started',
        'prepare done',
        'commit started',
        'commit done',
        'verify started',
        'verify done',
        'confirm started',
        'confirm done',
      ]);
    }
  });

  it("reads a round back with the longest signal wait its jobs ask (a move's), and none when no job asks", async () => {
    const network = new FakeGroupNetwork();
    const waits: number[] = [];
    const parts = network.parts();
    const recording: RoundParts = {
      ...parts,
      readBack: (present, absent, settleMs) => {
        waits.push(settleMs);
        return parts.readBack(present, absent, settleMs);
      },
    };
    const group = new GroupCommit({
      locks: new DeviceLocks(),
      maxLines: 64,
      round: (jobs, persistId, devices) => runGroupRound(recording, jobs, persistId, devices),
    });
    const [a, b, c] = jobsOnOneDc(['a', 'b', 'c']);
    await Promise.all([group.submit(a!), group.submit({ ...b!, settleMs: 250 }), group.submit({ ...c!, settleMs: 40 })]);
    await group.submit(installJob('d', ['osu-dc']));
    expect(waits).toEqual([250, 0]);
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('isolates a line the device refuses: the others are installed once each, the guilty one fails alone', async () => {
    const network = new FakeGroupNetwork();
    network.device('osu-dc').refuse.add('d');
    const { group, rounds } = groupOver(network);
    const jobs = jobsOnOneDc(['a', 'b', 'c', 'd', 'e', 'f']);
    const outcomes = await settleAll(jobs.map((j) => group.submit(j)));

    const byLine = Object.fromEntries(jobs.map((j, i) => [j.line, outcomes[i]]));
    for (const line of ['a', 'b', 'c', 'e', 'f']) expect(byLine[line]).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    expect(byLine.d).toMatchObject({ status: 'fulfilled', value: { ok: false, phase: 'prepare', devices: ['osu-dc'] } });
    // Nothing lost, nothing twice: the device holds each good line once and the refused one not at all.
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'c', 'e', 'f']);
    expect(network.names('cpe-d')).toEqual([]);
    // Bisected: halves of the suspects go again alone until the refused line is alone; the good ones never wait for it.
    expect(rounds).toEqual([['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'b', 'c'], ['d', 'e', 'f'], ['d', 'e'], ['d'], ['e'], ['f']]);
    // The refused line's row was begun again for each attempt, under a new persist id each time.
    const d = jobs[3]!;
    expect(new Set(d.tx.begins.map((b) => b.persistId)).size).toBe(d.tx.begins.length);
    expect(d.tx.steps.filter((s) => s === 'rollback started').length).toBe(d.tx.begins.length);
  });

  it('a read-back that blames one line sends only that line again, alone; the others go again together', async () => {
    const network = new FakeGroupNetwork();
    network.misread.add('b');
    const { group, rounds } = groupOver(network);
    const jobs = jobsOnOneDc(['a', 'b', 'c']);
    const outcomes = await Promise.all(jobs.map((j) => group.submit(j)));

    expect(rounds).toEqual([['a', 'b', 'c'], ['a', 'c'], ['b']]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ phase: 'verify', devices: ['cpe-b', 'osu-dc'] });
    expect((outcomes[1] as { message: string }).message).toContain('osu-dc osu-connection b: oper-status down');
    expect(network.names('osu-dc')).toEqual(['a', 'c']);
  });

  it('a line that cannot be rendered fails alone before anything is sent; the others are committed', async () => {
    const network = new FakeGroupNetwork();
    const { group, rounds } = groupOver(network);
    const jobs: GroupJob[] = [installJob('a', ['osu-dc']), installJob('b', ['osu-dc'], { failRender: true }), installJob('c', ['osu-dc'])];
    const outcomes = await settleAll(jobs.map((j) => group.submit(j)));

    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    expect(outcomes[1]?.status).toBe('rejected');
    expect(isMilliError((outcomes[1] as PromiseRejectedResult).reason, 'INSTALL_NO_PORT')).toBe(true);
    expect(outcomes[2]).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    expect(rounds).toEqual([['a', 'b', 'c']]);
    expect(network.device('osu-dc').prepared).toEqual([['a', 'c']]);
  });

  it('a confirm lost on one device fails the lines on it and no other; nothing is sent again', async () => {
    const network = new FakeGroupNetwork();
    network.device('cpe-b').failConfirm = true;
    const { group, rounds } = groupOver(network);
    const jobs = jobsOnOneDc(['a', 'b', 'c']);
    const outcomes = await Promise.all(jobs.map((j) => group.submit(j)));

    expect(rounds).toEqual([['a', 'b', 'c']]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ phase: 'confirm', devices: ['cpe-b'], rolledBack: [] });
  });

  it('takes its turn with DeviceLocks: lines wait while another holds their device, then go as one round', async () => {
    const network = new FakeGroupNetwork();
    const { group, rounds, locks } = groupOver(network);
    let release!: () => void;
    const held = locks.run(['osu-dc'], () => new Promise<void>((resolve) => (release = resolve)));
    const pending = jobsOnOneDc(['a', 'b', 'c']).map((j) => group.submit(j));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(network.device('osu-dc').prepared).toEqual([]);
    release();
    await held;
    expect((await Promise.all(pending)).every((o) => o.ok)).toBe(true);
    expect(rounds).toEqual([['a', 'b', 'c']]);
  });

  it('lines arriving while a round holds their device wait and all go in the next round', async () => {
    const network = new FakeGroupNetwork();
    let open!: () => void;
    network.device('osu-dc').gate = new Promise<void>((resolve) => (open = resolve));
    const { group, rounds } = groupOver(network);
    const first = group.submit(installJob('a', ['osu-dc']));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const later = jobsOnOneDc(['b', 'c', 'd']).map((j) => group.submit(j));
    await new Promise((resolve) => setTimeout(resolve, 10));
    open();
    await Promise.all([first, ...later]);
    expect(rounds).toEqual([['a'], ['b', 'c', 'd']]);
    expect(network.device('osu-dc').maxInRound).toBe(1);
  });

  it('after a round of several lines its devices wait for the lines replacing them: they go with the few already waiting', async () => {
    const network = new FakeGroupNetwork();
    let open!: () => void;
    network.device('osu-dc').gate = new Promise<void>((resolve) => (open = resolve));
    // The gather ends as soon as three lines wait (as many as the first round carried), long before 60 s.
    const { group, rounds } = groupOver(network, 64, new DeviceLocks(), undefined, 60_000);
    const first = jobsOnOneDc(['a', 'b', 'c']).map((j) => group.submit(j));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const waiting = group.submit(jobsOnOneDc(['d'])[0]!);
    open();
    await Promise.all(first);
    // The replacements arrive a while after the round ended (they were being compiled): without the gather, d
    // would have gone alone meanwhile and e, f in a round after it.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const replacements = jobsOnOneDc(['e', 'f']).map((j) => group.submit(j));
    await Promise.all([waiting, ...replacements]);
    expect(rounds).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
  });

  it('a gather nobody joins ends after its time: the lines waiting go as they are', async () => {
    const network = new FakeGroupNetwork();
    let open!: () => void;
    network.device('osu-dc').gate = new Promise<void>((resolve) => (open = resolve));
    const { group, rounds } = groupOver(network, 64, new DeviceLocks(), undefined, 20);
    const first = jobsOnOneDc(['a', 'b', 'c']).map((j) => group.submit(j));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const alone = group.submit(jobsOnOneDc(['d'])[0]!);
    open();
    await Promise.all([...first, alone]);
    expect(rounds).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('a round of moves does not gather: the line waiting behind it goes at once', async () => {
    const network = new FakeGroupNetwork();
    let open!: () => void;
    network.device('osu-dc').gate = new Promise<void>((resolve) => (open = resolve));
    // Were it to gather, the waiting line would sit for a minute.
    const { group, rounds } = groupOver(network, 64, new DeviceLocks(), undefined, 60_000);
    const moves = jobsOnOneDc(['a', 'b', 'c']).map((j) => group.submit({ ...j, move: true }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const next = group.submit(jobsOnOneDc(['d'])[0]!);
    open();
    await Promise.all([...moves, next]);
    expect(rounds).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('runs lines on disjoint devices in rounds of their own, side by side', async () => {
    const network = new FakeGroupNetwork();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    network.device('osu-north').gate = gate;
    network.device('osu-south').gate = gate;
    const { group, rounds } = groupOver(network);
    const north = installJob('n', ['osu-north']);
    const south = installJob('s', ['osu-south']);
    const both = [group.submit(north), group.submit(south)];
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Both rounds reached their devices before either finished.
    expect(network.device('osu-north').inRound + network.device('osu-south').inRound).toBe(2);
    open();
    await Promise.all(both);
    expect(rounds).toEqual([['n'], ['s']]);
    expect(north.tx.begins[0]!.persistId).not.toBe(south.tx.begins[0]!.persistId);
  });

  it('rounds of moves only may hold up to maxMoves lines; installs, and rounds mixing both, keep to maxLines', async () => {
    const moving = (lines: string[]) => jobsOnOneDc(lines).map((j) => ({ ...j, move: true }));
    const moves = groupOver(new FakeGroupNetwork(), 2, new DeviceLocks(), 4);
    expect((await Promise.all(moving(['a', 'b', 'c', 'd', 'e']).map((j) => moves.group.submit(j)))).every((o) => o.ok)).toBe(true);
    expect(moves.rounds).toEqual([['a', 'b', 'c', 'd'], ['e']]);

    const installs = groupOver(new FakeGroupNetwork(), 2, new DeviceLocks(), 4);
    await Promise.all(jobsOnOneDc(['a', 'b', 'c', 'd', 'e']).map((j) => installs.group.submit(j)));
    expect(installs.rounds).toEqual([['a', 'b'], ['c', 'd'], ['e']]);

    const mixed = groupOver(new FakeGroupNetwork(), 2, new DeviceLocks(), 4);
    const [d] = jobsOnOneDc(['d']);
    await Promise.all([...moving(['a', 'b', 'c']), d!, ...moving(['e'])].map((j) => mixed.group.submit(j)));
    expect(mixed.rounds).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);

    // Group commit off stays off for moves too.
    const off = groupOver(new FakeGroupNetwork(), 1, new DeviceLocks(), 4);
    await Promise.all(moving(['a', 'b']).map((j) => off.group.submit(j)));
    expect(off.rounds).toEqual([['a'], ['b']]);
  });

  it('with one line per transaction (group commit off) every line is its own round, one after the other', async () => {
    const network = new FakeGroupNetwork();
    const { group, rounds } = groupOver(network, 1);
    const outcomes = await Promise.all(jobsOnOneDc(['a', 'b', 'c']).map((j) => group.submit(j)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(rounds).toEqual([['a'], ['b'], ['c']]);
    expect(network.device('osu-dc').prepared).toEqual([['a'], ['b'], ['c']]);
    expect(network.device('osu-dc').maxInRound).toBe(1);
  });

  it('a later line sees what an earlier line of its round creates (a shared entry is created once)', async () => {
    const network = new FakeGroupNetwork();
    const { group } = groupOver(network);
    // Both lines want the same entry on the DC device: the second finds it in the round's chained change set.
    const shared = (line: string) => ({ ...installJob(line, ['osu-dc']), render: installJob('odu0-1', ['osu-dc']).render });
    const outcomes = await Promise.all([group.submit(shared('a')), group.submit(shared('b'))]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(network.device('osu-dc').prepared).toEqual([['odu0-1']]);
    expect(network.names('osu-dc')).toEqual(['odu0-1']);
  });

  it('YANG-validates each device once per round, not once per line (group commit off: once per line)', async () => {
    const grouped = new FakeGroupNetwork();
    const together = groupOver(grouped);
    await Promise.all(jobsOnOneDc(['a', 'b', 'c', 'd', 'e']).map((j) => together.group.submit(j)));
    expect(together.rounds).toEqual([['a', 'b', 'c', 'd', 'e']]);
    const alone = new FakeGroupNetwork();
    const { group } = groupOver(alone, 1);
    await Promise.all(jobsOnOneDc(['a', 'b', 'c', 'd', 'e']).map((j) => group.submit(j)));

    expect(grouped.names('osu-dc')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(alone.names('osu-dc')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(grouped.schema.validations.get('osu-dc')).toBe(1);
    expect(grouped.schema.validations.get('cpe-c')).toBe(1);
    expect(alone.schema.validations.get('osu-dc')).toBe(5);
  });

  it('a YANG-invalid line in a round: nothing is sent or journaled, it fails alone with its YANG error, the others land together', async () => {
    const network = new FakeGroupNetwork();
    network.schema.invalid.add('cpe-d:d');
    const { group, rounds } = groupOver(network);
    const jobs = jobsOnOneDc(['a', 'b', 'c', 'd', 'e', 'f']);
    const outcomes = await settleAll(jobs.map((j) => group.submit(j)));

    const byLine = Object.fromEntries(jobs.map((j, i) => [j.line, outcomes[i]]));
    for (const line of ['a', 'b', 'c', 'e', 'f']) expect(byLine[line]).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    // Alone, the line validates as it renders, as without group commit: its render fails naming the YANG problem.
    expect(byLine.d?.status).toBe('rejected');
    const reason = (byLine.d as PromiseRejectedResult).reason;
    expect(isMilliError(reason, 'DRIVER_VALIDATION')).toBe(true);
    expect((reason as Error).message).toContain('cpe-d: connection d breaks must');
    // The refused round reached no device and no journal; only the device that refused makes its lines suspects.
    expect(rounds).toEqual([['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'b', 'c', 'e', 'f'], ['d']]);
    expect(network.device('osu-dc').prepared).toEqual([['a', 'b', 'c', 'e', 'f']]);
    expect(network.device('cpe-d').prepared).toEqual([]);
    expect(jobs[3]!.tx.begins).toEqual([]);
    expect(jobs[0]!.tx.begins.map((b) => b.persistId)).toEqual(['T-a~2']);
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'c', 'e', 'f']);
  });

  it("reads every device's running config at once when a round of several lines starts, not as each job reaches it", async () => {
    const network = new FakeGroupNetwork();
    const reads = { inFlight: 0, most: 0, devices: [] as string[] };
    const parts = network.parts();
    const drivers = {
      driver: async (device: string) => {
        const driver = await network.drivers.driver(device);
        return {
          ...driver,
          beginChangeSet: async () => {
            reads.devices.push(device);
            reads.most = Math.max(reads.most, ++reads.inFlight);
            await new Promise((r) => setTimeout(r, 5));
            reads.inFlight--;
            return driver.beginChangeSet();
          },
        };
      },
    };
    const group = new GroupCommit({
      locks: new DeviceLocks(),
      maxLines: 64,
      round: (jobs, persistId, devices) => runGroupRound({ ...parts, drivers }, jobs, persistId, devices),
    });
    const outcomes = await Promise.all(jobsOnOneDc(['a', 'b', 'c']).map((j) => group.submit(j)));

    expect(outcomes.every((o) => o.ok)).toBe(true);
    // Each device read once, all four together (one job renders two devices at a time).
    expect(reads.devices.sort()).toEqual(['cpe-a', 'cpe-b', 'cpe-c', 'osu-dc']);
    expect(reads.most).toBe(4);
  });

  it('a YANG problem on a device every line shares is bisected down to the line causing it', async () => {
    const network = new FakeGroupNetwork();
    network.schema.invalid.add('osu-dc:c');
    const { group, rounds } = groupOver(network);
    const jobs = jobsOnOneDc(['a', 'b', 'c', 'd']);
    const outcomes = await settleAll(jobs.map((j) => group.submit(j)));

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(rounds).toEqual([['a', 'b', 'c', 'd'], ['a', 'b'], ['c', 'd'], ['c'], ['d']]);
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'd']);
  });
});
